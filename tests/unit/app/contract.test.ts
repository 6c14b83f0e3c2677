import { describe, expect, it } from 'vitest'
import { ASYNC_CHANNELS, CHANNELS } from '../../../src/shared/contract'
import { peopleChannels } from '../../../src/shared/people/channels'
import { protocolChannels } from '../../../src/shared/protocols/channels'
import { recordChannels } from '../../../src/shared/record/channels'
import { recordsOutChannels } from '../../../src/shared/records-out/channels'
import { safetyChannels } from '../../../src/shared/safety/channels'
import { sessionChannels } from '../../../src/shared/sessions/channels'
import { storageChannels } from '../../../src/shared/storage/channels'
import { therapyChannels } from '../../../src/shared/therapy/channels'

const MODULES = { recordChannels, peopleChannels, storageChannels, protocolChannels, sessionChannels, safetyChannels, therapyChannels, recordsOutChannels }

describe('the contract combines the modules’ channels', () => {
  it('declares each channel in exactly one module, so no module silently replaces another’s', () => {
    const declared = Object.values(MODULES).flatMap((m) => Object.keys(m))
    const twice = declared.filter((c, i) => declared.indexOf(c) !== i)
    expect(twice).toEqual([])
    expect([...declared].sort()).toEqual([...CHANNELS].sort())
  })

  it('knows which channels finish later from their declaration', () => {
    expect([...ASYNC_CHANNELS].sort()).toEqual(['backups.create', 'backups.restore', 'startup.startEmpty'])
  })
})
