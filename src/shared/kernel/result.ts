/** A failure a nurse can read: a stable code for programs, a sentence for people, the field it belongs to. */
export interface AppError {
  code: ErrorCode
  message: string
  field?: string
}

export type ErrorCode =
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_STATE'
  | 'CONFIRMATION_REQUIRED'
  | 'STORAGE'
  | 'FORBIDDEN'
  | 'INTERNAL'

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }


/** Thrown inside services so a transaction rolls back; handlers turn it into a Result. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string
  ) {
    super(message)
    this.name = 'DomainError'
  }
  toAppError(): AppError {
    return this.field === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, field: this.field }
  }
}
