import type { storageChannels } from '../../shared/storage/channels'
import type { ModuleHandlers } from '../app/channelHandler'
import { signedInActor, signOutAfterSwap } from '../people/auth'
import type { HandlerContext } from '../people/workstation'
import { requireStorage } from './requireStorage'
import type { Storage } from './storage'

/** Swapping the records signs everyone out: a sign-in belongs to the records it was made in. */
async function swapping<T>(ctx: HandlerContext, reason: string, swap: (storage: Storage) => Promise<T>): Promise<T> {
  const storage = requireStorage(ctx)
  const before = storage.swapCount()
  const outcome = await swap(storage)
  if (storage.swapCount() !== before) signOutAfterSwap(ctx, reason)
  return outcome
}

// The actor of each is whoever main has signed in; an authorId in the input is accepted (older
// windows send it) but never believed: the guard refuses a mismatch, and in recovery nobody is signed in.
export const storageHandlers: ModuleHandlers<typeof storageChannels> = {
  'backups.overview': { rule: { recoveryOr: 'backups.create' }, run: (ctx) => requireStorage(ctx).overview() },
  'backups.create': { rule: { permission: 'backups.create' }, run: (ctx) => requireStorage(ctx).backupNow('manual', signedInActor(ctx)) },
  'backups.restore': {
    rule: { recoveryOr: 'backups.restore' },
    run: (ctx, input) => swapping(ctx, 'the records were restored from a backup', (s) => s.restore(input.fileName, signedInActor(ctx)))
  },
  'backups.setFolder': {
    rule: { permission: 'settings.manage' },
    run: (ctx, input) => requireStorage(ctx).setBackupFolder(input.folder, signedInActor(ctx))
  },
  'startup.status': { rule: { open: true }, run: (ctx) => ctx.storage?.startupStatus() ?? { mode: 'normal' } },
  // Only does anything in recovery, when nobody can sign in.
  'startup.startEmpty': {
    rule: { open: true },
    run: (ctx, input) => swapping(ctx, 'the records were started empty', (s) => s.startEmpty(input.confirmation))
  }
}
