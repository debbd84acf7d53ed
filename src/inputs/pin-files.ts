// The `pin-files` and `pin-mode` inputs: the globs expanded inside the workspace, every matched
// file read and scanned for ECR references (pin-references.ts), and the images those references
// name. Loaded only when `pin-files` is set; the file system comes in from the caller.

import { isAbsolute, join, normalize, relative, sep } from 'node:path'
import { errorMessage } from '../errors.js'
import type { ImageLookup } from '../types.js'
import { type Checked, fail, ok, quote, splitList, take, uniqueByKey } from './checked.js'
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
  references: FoundReference[]
  /** Every other occurrence of an ECR host: left as it is, with why. */
  skipped: SkippedReference[]
}

/** A matched file as read, before its references are scanned. */
type ReadFile = Omit<PinFile, 'references' | 'skipped'>

/** What `pin-files` adds to a run: the files to pin and the images their references name. */
export interface PinSource {
  mode: PinMode
  files: PinFile[]
  lookups: ImageLookup[]
}

export interface PinFileSystem {
  /** GITHUB_WORKSPACE, which every glob is relative to. */
  workspace: string | undefined
  /** The files (not directories) a glob matches under `cwd`, as paths relative to it. */
  listFiles(pattern: string, cwd: string): string[]
  readFile(path: string): string
}

/** Reads both inputs; every problem is reported together with the other inputs' problems. */
export async function readPinFiles(
  pinFiles: string,
  pinMode: string,
  fileSystem: PinFileSystem
): Promise<Checked<PinSource>> {
  const problems: string[] = []
  const mode = take(parseChoice('pin-mode', pinMode, PIN_MODES, 'write'), problems)
  const read = readFiles(splitList(pinFiles), fileSystem, problems)
  const scans = take(await scanPinFiles(read), problems) ?? []
  if (problems.length > 0 || !mode) return fail(...problems)
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
function readFiles(patterns: string[], fileSystem: PinFileSystem, problems: string[]): ReadFile[] {
  const { workspace } = fileSystem
  if (!workspace) {
    problems.push('pin-files: GITHUB_WORKSPACE is not set, and the globs are relative to it.')
    return []
  }
  const paths = new Set<string>()
  for (const pattern of patterns) {
    const matches = take(expand(pattern, workspace, fileSystem), problems) ?? []
    matches.forEach((path) => paths.add(path))
  }
  return [...paths].flatMap((path) => {
    const file = take(readFile(path, workspace, fileSystem), problems)
    return file ? [file] : []
  })
}

function outsideWorkspace(path: string): boolean {
  return path === '..' || path.startsWith(`..${sep}`) || isAbsolute(path)
}

/** The workspace-relative files one glob matches, sorted; none, or a way out, is a problem. */
function expand(pattern: string, workspace: string, fileSystem: PinFileSystem): Checked<string[]> {
  const said = `pin-files: ${quote(pattern)}`
  if (isAbsolute(pattern) || outsideWorkspace(normalize(pattern))) {
    return fail(
      `${said} is outside the workspace; give globs relative to GITHUB_WORKSPACE, like k8s/**/*.yaml.`
    )
  }
  let matches: string[]
  try {
    matches = fileSystem.listFiles(pattern, workspace)
  } catch (error) {
    return fail(`${said} cannot be expanded: ${errorMessage(error)}`)
  }
  const inside = matches.map((match) => relative(workspace, join(workspace, match)))
  const escaping = inside.filter(outsideWorkspace)
  if (escaping.length > 0) {
    return fail(`${said} matches ${quote(escaping[0] ?? '')}, which is outside the workspace.`)
  }
  if (inside.length === 0) {
    return fail(`${said} matches no file in the workspace; check the path, or remove the glob.`)
  }
  return ok(inside.map((path) => path.split(sep).join('/')).sort())
}

function readFile(path: string, workspace: string, fileSystem: PinFileSystem): Checked<ReadFile> {
  const absolutePath = join(workspace, path)
  let text: string
  try {
    text = fileSystem.readFile(absolutePath)
  } catch (error) {
    return fail(`pin-files: cannot read ${path}: ${errorMessage(error)}`)
  }
  // Bytes that are not UTF-8 decode to U+FFFD, and writing the text back would change them.
  if (text.includes('\uFFFD')) {
    return fail(`pin-files: ${path} is not UTF-8 text, so it cannot be rewritten byte for byte.`)
  }
  return ok({ path, absolutePath, text })
}
