// `@path` for the list inputs (`image-ids`, `images`): a file in the workspace, one id or
// reference per line, `#` comments and blank lines ignored. Lists longer than an environment
// variable can hold (128 KiB on Linux, 32,767 characters on Windows) are passed this way.

import { isAbsolute, join } from 'node:path'
import { errorMessage } from '../errors.js'
import type { ImageIdSpec } from '../types.js'
import { allUnique, type Checked, fail, ok } from './checked.js'
import { parseImageIds, parseImageIdToken } from './image-ids.js'
import {
  type ImageReference,
  parseImageReference,
  parseImageReferences
} from './image-references.js'

export interface WorkspaceFiles {
  readFile(path: string): string
  /** GITHUB_WORKSPACE: what a relative `@path` is relative to. */
  workspace?: string
}

/** `@path` (after the `@`): the file's path, resolved, and its text; or why it cannot be read. */
export function readWorkspaceFile(
  input: string,
  label: string,
  files: WorkspaceFiles,
  example = `${label}.txt`
): Checked<{ path: string; text: string }> {
  const path = input.slice(1).trim()
  if (path === '') return fail(`${label}: "@" needs a file path after it, like @${example}.`)
  const resolved = files.workspace && !isAbsolute(path) ? join(files.workspace, path) : path
  try {
    return ok({ path: resolved, text: files.readFile(resolved) })
  } catch (error) {
    return fail(`${label}: cannot read ${resolved}: ${errorMessage(error)}`)
  }
}

/** Whether a list input names a file: `@path`, but not `@sha256:…` (a digest with a stray `@`). */
export function isFileReference(input: string): boolean {
  return input.startsWith('@') && !/^@sha\d*:/i.test(input)
}

export interface ListLine {
  text: string
  /** `image-ids (ids.txt line 3)`: where a problem with the line is. */
  label: string
}

/**
 * The entries of a list file: one per line, trimmed, `#` to the end of a line a comment. A line
 * with whitespace inside is a problem (two entries on one line, or a space inside an id).
 */
export function readListFile(
  input: string,
  label: string,
  files: WorkspaceFiles
): Checked<ListLine[]> {
  const file = readWorkspaceFile(input, label, files)
  if (!file.ok) return file
  const problems: string[] = []
  const lines: ListLine[] = []
  file.value.text.split(/\r?\n/).forEach((raw, index) => {
    // `imageTag=v1, imageDigest=…` is one id typed with a space after the comma. Most lines of a
    // 10,000-line file have no comment, comma or blank: they are taken as they are.
    const text = /[#,\s]/.test(raw) ? raw.replace(/#.*$/, '').trim().replace(/,\s+/g, ',') : raw
    if (text === '') return
    const at = `${label} (${file.value.path} line ${index + 1})`
    if (/\s/.test(text))
      problems.push(
        `${at}: ${JSON.stringify(text)} has whitespace inside; write one entry per line.`
      )
    else lines.push({ text, label: at })
  })
  if (problems.length > 0) return fail(...problems)
  if (lines.length === 0)
    return fail(`${label}: ${file.value.path} lists nothing (only blank lines and comments).`)
  return ok(lines)
}

/** Each entry checked; the first of each key kept; or every problem. */
function entries<T extends { key: string }>(
  input: string,
  label: string,
  files: WorkspaceFiles,
  parse: (text: string, label: string) => Checked<T>
): Checked<T[]> {
  const lines = readListFile(input, label, files)
  if (!lines.ok) return lines
  return allUnique(lines.value.map((line) => parse(line.text, line.label)))
}

/** The `image-ids` input, written inline or as `@path`. */
export function imageIdsInput(input: string, files: WorkspaceFiles): Checked<ImageIdSpec[]> {
  return isFileReference(input)
    ? entries(input, 'image-ids', files, parseImageIdToken)
    : parseImageIds(input)
}

/** The `images` input, written inline or as `@path`. */
export function imageReferencesInput(
  input: string,
  files: WorkspaceFiles
): Checked<ImageReference[]> {
  return isFileReference(input)
    ? entries(input, 'images', files, parseImageReference)
    : parseImageReferences(input)
}
