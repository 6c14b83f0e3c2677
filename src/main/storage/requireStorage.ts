import { DomainError } from '../../shared/kernel/result'
import type { ServiceContext } from '../app/context'
import type { Storage } from './storage'

/** The storage of a context that has a database file; a plain typed error where there is none. */
export function requireStorage(ctx: ServiceContext): Storage {
  if (!ctx.storage) throw new DomainError('STORAGE', 'Backups are not available here: this database has no file to back up.')
  return ctx.storage
}
