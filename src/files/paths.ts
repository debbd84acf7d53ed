// Where a path is, by its text alone: inside a directory, or in git's own files.

import { sep } from 'node:path'

/** Whether `path` is `root` or below it (both absolute and normalised, as realpath gives them). */
export function within(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`)
}

/**
 * Whether any component of `path` is `.git` (in any case: macOS and Windows file systems ignore
 * it): the repository's own files, which a rewrite must never touch and a read has no need of.
 */
export function isGitPath(path: string): boolean {
  return path.split(/[\\/]/).some((part) => part.toLowerCase() === '.git')
}
