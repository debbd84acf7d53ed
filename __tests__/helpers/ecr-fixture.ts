// The ECR server alone, as the deadline unit tests use it: the ECR side of the one server
// fixture (servers.ts), reset after each test as the file says (nothing by default).
import { afterEach } from '@jest/globals'
import type { EcrServer, RecordedCall } from '../../server/ecr-server.js'
import { useServers } from './servers.js'

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
  const servers = useServers({
    ...(options.tempDir === undefined ? {} : { tempDir: options.tempDir }),
    reset: false
  })
  const resets = options.resetAfterEach ?? []
  if (resets.length > 0) {
    afterEach(() => {
      for (const reset of resets) {
        if (reset === 'faults') servers.ecr.faults.clear()
        else servers.ecr.clearCalls()
      }
    })
  }
  return {
    get server() {
      return servers.ecr
    },
    get dir() {
      return servers.dir
    },
    batchGetImageCalls: () => servers.batchGetImageCalls()
  }
}
