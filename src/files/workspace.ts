// The workspace (GITHUB_WORKSPACE) as the action reads it. Every file the inputs name (`@path`
// lists, the `request` file, pin-files) is read here, one way: its real path inside the workspace
// (absolute paths, `..` and links that leave it are refused before anything outside is opened),
// under no .git directory, a regular file, at most a cap, UTF-8. Rewriting is replace-files.ts,
// loaded only when pin-files has a file to write.

import { isAbsolute, join, normalize, relative, resolve, sep } from 'node:path'
import { errorMessage } from '../errors.js'
import { FileRefused, type FileOps, NODE_FILE_OPS } from './file-ops.js'
import { isGitPath, within } from './paths.js'
import { type Fingerprint, fingerprintOf, readRegularFile, refusal, utf8Text } from './read-file.js'

export { isGitPath } from './paths.js'
export type { Fingerprint } from './read-file.js'

/** A file read from the workspace: where it is, its text, and the fingerprint of its bytes. */
export interface WorkspaceFile {
  /** Relative to the workspace, with `/` separators. */
  path: string
  /** Its real path (no link on the way). */
  absolutePath: string
  text: string
  read: Fingerprint
}

export interface Workspace {
  /** GITHUB_WORKSPACE, as the runner set it. */
  readonly root: string
  /**
   * A file by a path relative to the workspace (or absolute, inside it), of at most `maxBytes`;
   * a FileRefused saying why not, naming the file as `path` is written.
   */
  read(path: string, maxBytes: number): WorkspaceFile
  /**
   * The regular files a glob matches, none reached through a link: relative to the workspace,
   * `/`-separated, sorted. Paths under .git are listed, for the caller to refuse by name.
   */
  list(pattern: string): string[]
}

export function openWorkspace(root: string, ops: FileOps = NODE_FILE_OPS): Workspace {
  const realRoot = (): string => {
    try {
      return ops.realpathSync(root)
    } catch (error) {
      throw new FileRefused(
        `the workspace ${root} (GITHUB_WORKSPACE) cannot be opened: ${errorMessage(error)}`
      )
    }
  }
  return {
    root,
    read(path, maxBytes) {
      const base = realRoot()
      const candidate = isAbsolute(path) ? normalize(path) : join(base, path)
      // By its text first: nothing outside the workspace is even looked up.
      if (!within(base, candidate) && !within(resolve(root), candidate)) {
        throw new FileRefused(`${path} is outside the workspace.`)
      }
      let real: string
      try {
        real = ops.realpathSync(candidate)
      } catch (error) {
        throw refusal(path, error)
      }
      if (!within(base, real)) {
        throw new FileRefused(`${path} leads outside the workspace through a symbolic link.`)
      }
      const inside = toRelative(base, real)
      if (isGitPath(inside))
        throw new FileRefused(`${path} is in a .git directory; it is not read.`)
      const bytes = readRegularFile(real, { shown: path, maxBytes, followLinks: false, ops })
      return {
        path: inside,
        absolutePath: real,
        text: utf8Text(bytes, path),
        read: fingerprintOf(bytes)
      }
    },
    list(pattern) {
      const base = realRoot()
      const files = new Set<string>()
      for (const match of ops.globSync(pattern, { cwd: base })) {
        const full = join(base, match)
        try {
          // Regular files only, and none reached through a link: a rewrite must not land outside.
          if (!ops.lstatSync(full).isFile() || ops.realpathSync(full) !== full) continue
        } catch {
          continue // gone since the glob saw it
        }
        files.add(toRelative(base, full))
      }
      return [...files].sort()
    }
  }
}

function toRelative(root: string, path: string): string {
  return relative(root, path).split(sep).join('/')
}
