// The `pin-files` and `pin-mode` inputs: the globs expanded inside the workspace, every matched
// file read and scanned for ECR references (pin-references.ts), and the images those references
// name. Loaded only when `pin-files` is set; the workspace comes in from the caller
// (src/files/workspace.ts reads each file: inside the workspace, a regular file, UTF-8, at most
// MAX_PIN_FILE_BYTES).

import { isAbsolute, normalize, sep } from 'node:path'
import { type Fingerprint, isGitPath, type Workspace } from '../files/workspace.js'
import { errorMessage } from '../errors.js'
import type { ImageLookup } from '../types.js'
import { type Checked, fail, failWith, ok, quote, splitList, take, uniqueByKey } from './checked.js'
import { type FoundReference, scanPinFiles, type SkippedReference } from './pin-references.js'
import { parseChoice } from './scalars.js'

export type PinMode = 'write' | 'check'
const PIN_MODES: readonly PinMode[] = ['write', 'check']

/** One matched file, as read, and the references in it. */
export interface PinFile {
  /** Relative to the workspace, with `/` separators: what outputs and annotations name. */
  path: string
  absolutePath: string
  text: string
  /** The bytes as read: the file is rewritten only while it still holds them. */
  read: Fingerprint
  references: FoundReference[]
  /** Every other occurrence of an ECR host: left as it is, with why. */
  skipped: SkippedReference[]
}

/** A matched file as read, before its references are scanned. */
type ReadFile = Omit<PinFile, 'references' | 'skipped'>

/** The most files the globs may match: a glob that matches more is too broad to pin. */
export const MAX_PIN_FILES = 1000
/** The most one file may hold: the largest generated manifests are a few MiB. */
export const MAX_PIN_FILE_BYTES = 8 * 1024 * 1024
/** The most all the files may hold together: each is kept in memory with its new text. */
export const MAX_PIN_TOTAL_BYTES = 32 * 1024 * 1024

/** What `pin-files` adds to a run: the files to pin and the images their references name. */
export interface PinSource {
  mode: PinMode
  files: PinFile[]
  lookups: ImageLookup[]
}

/** Where the globs are expanded and the files read: the workspace, undefined when unset. */
export type PinWorkspace = Pick<Workspace, 'list' | 'read'> | undefined

/** Reads both inputs; every problem is reported together with the other inputs' problems. */
export async function readPinFiles(
  pinFiles: string,
  pinMode: string,
  workspace: PinWorkspace
): Promise<Checked<PinSource>> {
  const problems: string[] = []
  const mode = take(parseChoice('pin-mode', pinMode, PIN_MODES, 'write'), problems)
  const read = readFiles(splitList(pinFiles), workspace, problems)
  const scans = take(await scanPinFiles(read), problems) ?? []
  if (problems.length > 0 || !mode) return failWith(problems)
  const files = read.map((file, i) => ({
    ...file,
    ...(scans[i] ?? { references: [], skipped: [] })
  }))
  const lookups = files.flatMap((file) =>
    file.references.map(({ key, reference }) => {
      const { registry, repositoryName, imageTag, imageDigest } = reference
      const lookup: ImageLookup = { key, ...registry, repositoryName }
      // The tag is what is resolved: a digest written next to it is what the file claims, compared
      // with the answer, never sent (ECR would fail the pair once the tag has moved).
      if (imageTag !== undefined) lookup.imageTag = imageTag
      else if (imageDigest !== undefined) lookup.imageDigest = imageDigest
      return lookup
    })
  )
  return ok({ mode, files, lookups: uniqueByKey(lookups) })
}

/** The files the globs match, read; what cannot be joins `problems` (the rest are still read). */
function readFiles(patterns: string[], workspace: PinWorkspace, problems: string[]): ReadFile[] {
  if (!workspace) {
    problems.push('pin-files: GITHUB_WORKSPACE is not set, and the globs are relative to it.')
    return []
  }
  const paths = new Set<string>()
  for (const pattern of patterns) {
    const matches = take(expand(pattern, workspace), problems) ?? []
    matches.forEach((path) => paths.add(path))
  }
  if (paths.size > MAX_PIN_FILES) {
    problems.push(
      `pin-files: the globs match ${paths.size.toLocaleString('en-US')} files; at most ` +
        `${MAX_PIN_FILES.toLocaleString('en-US')} are pinned in one step: narrow the globs.`
    )
    return []
  }
  const files: ReadFile[] = []
  let total = 0
  for (const path of paths) {
    const file = take(readFile(path, workspace), problems)
    if (!file) continue
    total += file.read.size
    if (total > MAX_PIN_TOTAL_BYTES) {
      problems.push(
        `pin-files: the files matched hold more than ${MAX_PIN_TOTAL_BYTES / 1024 / 1024} MiB ` +
          `together (the limit, reached at ${path}); narrow the globs.`
      )
      break
    }
    files.push(file)
  }
  return files
}

function outsideWorkspace(path: string): boolean {
  return path === '..' || path.startsWith('../') || isAbsolute(path)
}

/** The workspace-relative files one glob matches, sorted; none, or a way out, is a problem. */
function expand(pattern: string, workspace: Pick<Workspace, 'list'>): Checked<string[]> {
  const said = `pin-files: ${quote(pattern)}`
  if (isAbsolute(pattern) || outsideWorkspace(normalize(pattern).split(sep).join('/'))) {
    return fail(
      `${said} is outside the workspace; give globs relative to GITHUB_WORKSPACE, like k8s/**/*.yaml.`
    )
  }
  let matches: string[]
  try {
    matches = workspace.list(pattern)
  } catch (error) {
    return fail(`${said} cannot be expanded: ${errorMessage(error)}`)
  }
  const escaping = matches.find(outsideWorkspace)
  if (escaping !== undefined) {
    return fail(`${said} matches ${quote(escaping)}, which is outside the workspace.`)
  }
  // An explicit `.git/*` (or `sub/.git/config`) names git's own files: never rewritten.
  const git = matches.find(isGitPath)
  if (git !== undefined) {
    return fail(
      `${said} matches ${quote(git)}, in a .git directory; git's own files are never pinned.`
    )
  }
  if (matches.length === 0) {
    return fail(`${said} matches no file in the workspace; check the path, or remove the glob.`)
  }
  return ok(matches)
}

function readFile(path: string, workspace: Pick<Workspace, 'read'>): Checked<ReadFile> {
  try {
    return ok({ ...workspace.read(path, MAX_PIN_FILE_BYTES), path })
  } catch (error) {
    return fail(`pin-files: ${errorMessage(error)}`)
  }
}
