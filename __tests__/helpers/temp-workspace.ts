// A real workspace directory for a test: files written under a fresh temporary directory, read
// back through the action's own workspace code (src/files/workspace.ts), removed after the test.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { openWorkspace, type Workspace } from '../../src/files/workspace.js'

export interface TempWorkspace {
  /** The directory (its real path: tmpdir() may be a link, as on macOS). */
  readonly root: string
  readonly workspace: Workspace
  /** Writes files by workspace-relative path, creating their directories. */
  put(files: Record<string, string | Uint8Array>): void
  /** The absolute path of a workspace-relative one. */
  path(relative: string): string
  remove(): void
}

export function tempWorkspace(
  files: Record<string, string | Uint8Array> = {},
  prefix = 'workspace-'
): TempWorkspace {
  const root = realpathSync(mkdtempSync(join(tmpdir(), prefix)))
  const path = (relative: string) => join(root, relative)
  const put = (more: Record<string, string | Uint8Array>) => {
    for (const [name, content] of Object.entries(more)) {
      mkdirSync(dirname(path(name)), { recursive: true })
      writeFileSync(path(name), content)
    }
  }
  put(files)
  return {
    root,
    workspace: openWorkspace(root),
    put,
    path,
    remove: () => rmSync(root, { recursive: true, force: true })
  }
}
