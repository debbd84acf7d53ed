// The one place an input's `@path` file is read for the signature inputs (keys, certificates, a
// trusted root): through the workspace reader the list inputs use (inside the workspace, a
// regular file, capped), so every `@path` input follows the same rules.

import type { Checked } from './checked.js'
import { type FileSource, readWorkspaceFile } from './list-file.js'

export type { FileSource } from './list-file.js'

/** `@path` (the whole value, `@` included): the file's workspace path and its text. */
export function readInputFile(
  value: string,
  label: string,
  files: FileSource,
  example: string
): Checked<{ path: string; text: string }> {
  return readWorkspaceFile(value, label, files, example)
}
