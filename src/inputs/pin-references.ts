// The ECR image references in the files `pin-files` matched: each one the action can pin, with
// the bytes a pin changes, and every other occurrence of an ECR host, left alone with the reason.
// The text rules (pin-text.ts) read every file; a YAML file's structure (pin-yaml.ts, which loads
// the YAML parser) is read only when a matched YAML file names an ECR host. Every reference is
// checked by the same parser as the `images` input.

import { basename } from 'node:path'
import { clip } from '../text.js'
import { type Checked, failWith, ok, take } from './checked.js'
import { type ImageReference, parseImageReference } from './image-references.js'
import {
  everyOneLeftAlone,
  findEcrHosts,
  type FormatScan,
  lineStartOffsets,
  type PinEdit,
  position,
  scanText
} from './pin-text.js'

export type { PinEdit } from './pin-text.js'

/** One reference as a file states it, and where. */
export interface FoundReference {
  /** The reference as the file states it (put together from the fields that split it, if so). */
  text: string
  /** What it is looked up as: the tag reference without a digest pinned to it, else `text`. */
  key: string
  /** 1-based, as annotations and editors count. */
  line: number
  column: number
  reference: ImageReference & { registry: NonNullable<ImageReference['registry']> }
  /** How pinning it changes the file; absent for a digest alone (nothing to resolve). */
  edit?: PinEdit
}

/** An occurrence of an ECR host that is left as it is, and why. */
export interface SkippedReference {
  /** What is written there (clipped). */
  text: string
  line: number
  column: number
  reason: string
  /** What a build produces: never pinned, and not a reference check mode must verify. */
  buildOutput: boolean
}

export interface FileScan {
  references: FoundReference[]
  skipped: SkippedReference[]
}

/** Files read as YAML: Kubernetes, Helm values, kustomize, compose, CI configs. */
export function isYamlFile(path: string): boolean {
  return /\.ya?ml$/i.test(path) || basename(path) === 'Kustomization'
}

/** Every file's references and skipped occurrences; a reference the parser refuses is a problem. */
export async function scanPinFiles(
  files: readonly { path: string; text: string }[]
): Promise<Checked<FileScan[]>> {
  const occurrences = files.map((file) => findEcrHosts(file.text))
  const asYaml = files.map((file, i) => isYamlFile(file.path) && (occurrences[i]?.length ?? 0) > 0)
  // The YAML parser is loaded only when a YAML file names an ECR host.
  const readYaml = asYaml.some((yaml, i) => yaml && (files[i]?.text.length ?? 0) <= YAML_LIMIT)
    ? (await import('./pin-yaml.js')).readYaml
    : undefined
  const problems: string[] = []
  const scans = files.map(({ path, text }, i) => {
    const found = occurrences[i] ?? []
    let scan = scanText(text, found)
    if (asYaml[i] && readYaml && text.length <= YAML_LIMIT) scan = readYaml(text, found)
    else if (asYaml[i]) scan = everyOneLeftAlone(scan, TOO_LARGE)
    return take(fileScan(text, path, scan), problems)
  })
  return problems.length > 0 ? failWith(problems) : ok(scans.map((scan) => scan ?? EMPTY))
}

/**
 * The largest YAML file read as YAML, in UTF-16 units: the parser takes about a second and 150 MB
 * per MiB, twice (the file, then the file pinned). Kubernetes objects are at most 1.5 MB.
 */
export const YAML_LIMIT = 1_048_576
const TOO_LARGE =
  'the file is over 1 MiB, more than the action reads as YAML, so nothing in it is pinned'
/** The references one file's problems name, at most; a count says how many more. */
const SHOWN_PROBLEMS = 10
/** The most of what is written that a skipped entry keeps to show. */
const SHOWN = 300
const EMPTY: FileScan = { references: [], skipped: [] }

/** One file's text by the text rules alone (what every non-YAML file gets). */
export function findEcrReferences(text: string, where: string): Checked<FileScan> {
  return fileScan(text, where, scanText(text, findEcrHosts(text)))
}

function fileScan(text: string, where: string, scan: FormatScan): Checked<FileScan> {
  const lineStarts = lineStartOffsets(text)
  const problems: string[] = []
  let refused = 0
  const references: FoundReference[] = []
  for (const { text: written, at, edit } of scan.pinnable) {
    const { line, column } = position(lineStarts, at)
    const checked = parseImageReference(written, `pin-files: ${where}:${line}`)
    if (!checked.ok) refused++
    const parsed = refused <= SHOWN_PROBLEMS ? take(checked, problems) : undefined
    if (!parsed?.registry) continue
    const digestAt = written.indexOf('@')
    const found: FoundReference = {
      text: written,
      key: parsed.imageTag !== undefined && digestAt >= 0 ? written.slice(0, digestAt) : written,
      line,
      column,
      reference: { ...parsed, registry: parsed.registry }
    }
    if (edit) found.edit = edit
    references.push(found)
  }
  const skipped = scan.leftAlone.map(({ at, text: written, reason, buildOutput }) => ({
    text: clip(written, SHOWN),
    ...position(lineStarts, at),
    reason,
    buildOutput: buildOutput === true
  }))
  if (refused > SHOWN_PROBLEMS) {
    problems.push(`pin-files: ${where}: ${refused - SHOWN_PROBLEMS} more references like these.`)
  }
  return problems.length > 0 ? failWith(problems) : ok({ references, skipped })
}
