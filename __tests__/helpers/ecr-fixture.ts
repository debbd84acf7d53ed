// The local ECR server of an end-to-end test file: started before its tests, closed after them,
// with a temporary directory when the file asks for one, and reset after each test as the file
// says (its tests may rely on state that earlier tests leave, so nothing is reset by default).
import { afterAll, afterEach, beforeAll } from '@jest/globals'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEcrServer, type EcrServer, type RecordedCall } from '../../server/ecr-server.js'

/** What to put back after each test: injected faults, recorded calls. */
export type EcrReset = 'faults' | 'calls'

export interface EcrFixtureOptions {
  /** Makes a temporary directory named with this prefix before the tests, removed after them. */
  tempDir?: string
  /** Cleared after each test, in this order; nothing when not given. */
  resetAfterEach?: EcrReset[]
}

export interface EcrFixture {
  /** The running server (inside tests and hooks; it starts in beforeAll). */
  readonly server: EcrServer
  /** The temporary directory (only with `tempDir`). */
  readonly dir: string
  /** The BatchGetImage calls the server recorded, in order. */
  batchGetImageCalls(): RecordedCall[]
}

/** Registers the hooks of the file (or describe block) it is called in and returns accessors. */
export function useEcrServer(options: EcrFixtureOptions = {}): EcrFixture {
  let server: EcrServer | undefined
  let dir: string | undefined

  beforeAll(async () => {
    server = await startEcrServer()
    if (options.tempDir !== undefined) dir = await mkdtemp(join(tmpdir(), options.tempDir))
  })

  afterAll(async () => {
    await server?.close()
    if (dir !== undefined) await rm(dir, { recursive: true, force: true })
  })

  const resets = options.resetAfterEach ?? []
  if (resets.length > 0) {
    afterEach(() => {
      for (const reset of resets) {
        if (reset === 'faults') server?.faults.clear()
        else server?.clearCalls()
      }
    })
  }

  return {
    get server() {
      if (server === undefined)
        throw new Error('The ECR server starts in beforeAll; use it there or in a test')
      return server
    },
    get dir() {
      if (dir === undefined) throw new Error('No temporary directory: pass tempDir to useEcrServer')
      return dir
    },
    batchGetImageCalls() {
      return this.server.calls.filter((call) => call.operation === 'BatchGetImage')
    }
  }
}
