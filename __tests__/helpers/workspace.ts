// A GITHUB_WORKSPACE of its own for each test of a file that runs the action on files: made empty
// before each test, removed after it and after the last. Files are put and read by their path
// relative to it.
import { afterAll, beforeEach } from '@jest/globals'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

export interface Workspace {
  /** The current test's workspace (made in beforeEach). */
  readonly path: string
  /** Writes each file, making the folders it needs. */
  put: (files: Record<string, string>) => Promise<void>
  read: (path: string) => Promise<string>
}

/** Registers the hooks of the file it is called in and returns accessors. */
export function useWorkspace(prefix: string): Workspace {
  let path: string | undefined
  const remove = async () => {
    if (path !== undefined) await rm(path, { recursive: true, force: true })
  }

  beforeEach(async () => {
    await remove()
    path = await mkdtemp(join(tmpdir(), prefix))
  })

  afterAll(remove)

  const inside = (relative: string) => {
    if (path === undefined) throw new Error('The workspace is made in beforeEach; use it in a test')
    return join(path, relative)
  }
  return {
    get path() {
      return inside('.')
    },
    put: async (files) => {
      for (const [relative, text] of Object.entries(files)) {
        await mkdir(dirname(inside(relative)), { recursive: true })
        await writeFile(inside(relative), text)
      }
    },
    read: (relative) => readFile(inside(relative), 'utf8')
  }
}
