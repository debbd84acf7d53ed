// `@path` for the list inputs (`image-ids`, `images`): a file in the workspace, one id or
// reference per line, `#` comments and blank lines ignored. Lists longer than an environment
// variable can hold (128 KiB on Linux, 32,767 characters on Windows) are passed this way. The file
// is read through the workspace (src/files/workspace.ts): inside GITHUB_WORKSPACE, a regular file,
// at most MAX_LIST_FILE_BYTES; a problem with a line quotes a short excerpt of it, never the line.

import type { Workspace } from '../files/workspace.js'
import { errorMessage } from '../errors.js'
import { clip, shortQuotes } from '../text.js'
import type { ImageIdSpec } from '../types.js'
import { allUnique, type Checked, fail, failWith, ok, quote } from './checked.js'
import { parseImageIds, parseImageIdToken } from './image-ids.js'
import {
  type ImageReference,
  parseImageReference,
  parseImageReferences
} from './image-references.js'

/** The most an `@path` file (`image-ids`, `images`, `request`) may hold: some 50,000 references. */
export const MAX_LIST_FILE_BYTES = 4 * 1024 * 1024

/** No id or reference is this long (a full reference with a digest is under 700 characters). */
const MAX_ENTRY_LENGTH = 1024

/** What a message shows of a line of the file, at most. */
const EXCERPT_LENGTH = 40

/** Problems with a file's lines listed one by one; the rest are counted. */
const MAX_LINE_PROBLEMS = 20

/** Where `@path` files are read: the workspace, undefined when GITHUB_WORKSPACE is not set. */
export type FileSource = Pick<Workspace, 'read'> | undefined

/** `@path` (after the `@`): the file's workspace-relative path and its text; or why not. */
export function readWorkspaceFile(
  input: string,
  label: string,
  workspace: FileSource,
  example = `${label}.txt`
): Checked<{ path: string; text: string }> {
  const path = input.slice(1).trim()
  if (path === '') return fail(`${label}: "@" needs a file path after it, like @${example}.`)
  if (!workspace) {
    return fail(
      `${label}: ${quote(input)} names a file, but GITHUB_WORKSPACE is not set; @path files are read only inside the workspace.`
    )
  }
  try {
    const file = workspace.read(path, MAX_LIST_FILE_BYTES)
    return ok({ path: file.path, text: file.text })
  } catch (error) {
    return fail(`${label}: ${errorMessage(error)}`)
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
  workspace: FileSource
): Checked<ListLine[]> {
  const file = readWorkspaceFile(input, label, workspace)
  if (!file.ok) return file
  const problems: string[] = []
  const lines: ListLine[] = []
  file.value.text.split(/\r?\n/).forEach((raw, index) => {
    // `imageTag=v1, imageDigest=…` is one id typed with a space after the comma. Most lines of a
    // 10,000-line file have no comment, comma or blank: they are taken as they are.
    const text = /[#,\s]/.test(raw) ? raw.replace(/#.*$/, '').trim().replace(/,\s+/g, ',') : raw
    if (text === '') return
    const at = `${label} (${file.value.path} line ${index + 1})`
    if (text.length > MAX_ENTRY_LENGTH) {
      const length = text.length.toLocaleString('en-US')
      problems.push(`${at}: ${length} characters long; an entry is at most ${MAX_ENTRY_LENGTH}.`)
    } else if (/\s/.test(text))
      problems.push(`${at}: ${quote(text)} has whitespace inside; write one entry per line.`)
    else lines.push({ text, label: at })
  })
  if (problems.length > 0) return failWith(lineProblems(problems, label))
  if (lines.length === 0)
    return fail(`${label}: ${file.value.path} lists nothing (only blank lines and comments).`)
  return ok(lines)
}

/** The first problems with a file's lines, with short excerpts only; the rest counted. */
function lineProblems(problems: string[], label: string): string[] {
  const shown = problems
    .slice(0, MAX_LINE_PROBLEMS)
    .map((problem) => shortQuotes(problem, EXCERPT_LENGTH))
  const more = problems.length - shown.length
  if (more > 0) {
    const count = more.toLocaleString('en-US')
    shown.push(`${label}: and ${count} more problems in the file, not listed.`)
  }
  return shown
}

/** A parser's problem with a line, the line cut to an excerpt wherever it is echoed unquoted. */
function excerpted(problem: string, line: string): string {
  return line.length > EXCERPT_LENGTH
    ? problem.split(line).join(clip(line, EXCERPT_LENGTH))
    : problem
}

/** Each entry checked; the first of each key kept; or the problems, with short excerpts. */
function entries<T extends { key: string }>(
  input: string,
  label: string,
  workspace: FileSource,
  parse: (text: string, label: string) => Checked<T>
): Checked<T[]> {
  const lines = readListFile(input, label, workspace)
  if (!lines.ok) return lines
  const checks = lines.value.map((line) => {
    const checked = parse(line.text, line.label)
    return checked.ok ? checked : failWith(checked.problems.map((p) => excerpted(p, line.text)))
  })
  const all = allUnique(checks)
  return all.ok ? all : failWith(lineProblems(all.problems, label))
}

/** The `image-ids` input, written inline or as `@path`. */
export function imageIdsInput(input: string, workspace: FileSource): Checked<ImageIdSpec[]> {
  return isFileReference(input)
    ? entries(input, 'image-ids', workspace, parseImageIdToken)
    : parseImageIds(input)
}

/** The `images` input, written inline or as `@path`. */
export function imageReferencesInput(
  input: string,
  workspace: FileSource
): Checked<ImageReference[]> {
  return isFileReference(input)
    ? entries(input, 'images', workspace, parseImageReference)
    : parseImageReferences(input)
}
