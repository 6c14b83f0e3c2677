import type { storageChannels } from '../../shared/storage/channels'
import type { ModuleHandlers } from '../app/channelHandler'
import { requireStorage } from './requireStorage'

export const storageHandlers: ModuleHandlers<typeof storageChannels> = {
  'backups.overview': { rule: { recoveryOr: 'backups.create' }, run: (ctx) => requireStorage(ctx).overview() },
  'backups.create': { rule: { permission: 'backups.create' }, run: (ctx, input) => requireStorage(ctx).backupNow('manual', input.authorId ?? null) },
  'backups.restore': { rule: { recoveryOr: 'backups.restore' }, run: (ctx, input) => requireStorage(ctx).restore(input.fileName, input.authorId ?? null) },
  'backups.setFolder': {
    rule: { permission: 'settings.manage' },
    run: (ctx, input) => requireStorage(ctx).setBackupFolder(input.folder, input.authorId ?? null)
  },
  'startup.status': { rule: { open: true }, run: (ctx) => ctx.storage?.startupStatus() ?? { mode: 'normal' } },
  // Only does anything in recovery, when nobody can sign in.
  'startup.startEmpty': { rule: { open: true }, run: (ctx) => requireStorage(ctx).startEmpty() }
}
