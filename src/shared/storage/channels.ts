/** Backups of the records, restore, and how the app started (normally, or in recovery). */
import { z } from 'zod'
import { asyncChannel, channel, none, returns } from '../kernel/channel'
import { optionalActorIdSchema } from '../record/channels'
import type { BackupInfo, BackupOverview, RestoreOutcome, StartupStatus } from './backup'

export const restoreInput = z.strictObject({
  fileName: z.string({ error: 'Choose a backup' }).min(1, 'Choose a backup').max(255, 'Choose a backup from the list'),
  authorId: optionalActorIdSchema
})
export const backupFolderInput = z.strictObject({
  folder: z.string({ error: 'Enter the folder' }).trim().min(1, 'Enter the folder').max(1000, 'The folder path is too long'),
  authorId: optionalActorIdSchema
})

export const startEmptyInput = z.strictObject({
  /** Needed while backups exist: START_EMPTY_CONFIRMATION, typed. */
  confirmation: z.string({ error: 'Type the confirmation' }).max(100, 'Type the confirmation shown').optional()
})

export const storageChannels = {
  'backups.overview': channel(none, returns<BackupOverview>()),
  'backups.create': asyncChannel(z.strictObject({ authorId: optionalActorIdSchema }), returns<BackupInfo>()),
  'backups.restore': asyncChannel(restoreInput, returns<RestoreOutcome>()),
  'backups.setFolder': channel(backupFolderInput, returns<BackupOverview>()),
  'startup.status': channel(none, returns<StartupStatus>()),
  'startup.startEmpty': asyncChannel(startEmptyInput, returns<StartupStatus>())
} as const
