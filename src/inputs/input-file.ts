// The one place an input's `@path` file is read for the signature inputs (keys, certificates, a
// trusted root). Every such read goes through here, so the reader behind it (today list-file.ts's
// readWorkspaceFile) can be swapped for a stricter one in one line.

import type { Checked } from './checked.js'
import { readWorkspaceFile, type WorkspaceFiles } from './list-file.js'

export type { WorkspaceFiles } from './list-file.js'

/** `@path` (the whole value, `@` included): the file's resolved path and its text. */
export function readInputFile(
  value: string,
  label: string,
  files: WorkspaceFiles,
  example: string
): Checked<{ path: string; text: string }> {
  return readWorkspaceFile(value, label, files, example)
}
