// Finds the private ECR image references in a file's text, wherever they stand (YAML values quoted
// or not, JSON strings, FROM lines, .env and HCL assignments), with the offsets `pin-files` splices
// at. Pure: text in, references out; each one is checked by the same parser as the `images` input.

import { type Checked, failWith, ok, take } from './checked.js'
import { type ImageReference, parseImageReference } from './image-references.js'

/** One reference as it stands in a file: its exact text and where it is. */
export interface FoundReference {
  /** The reference exactly as written (`…/team/api:v1`, `…/team/api:v1@sha256:…`). */
  text: string
  /** What it is looked up as: the tag reference without a digest pinned to it, else `text`. */
  key: string
  /** UTF-16 offsets in the file's text: `text === fileText.slice(start, end)`. */
  start: number
  end: number
  /** 1-based, as annotations and editors count. */
  line: number
  column: number
  reference: ImageReference & { registry: NonNullable<ImageReference['registry']> }
}

// The host (`<account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]`), a repository path built like
// ECR's name pattern, then a tag (Docker's grammar, up to ECR's 300 characters) and/or a digest.
// Path and tag end in a letter or digit, so a sentence's full stop is not taken in; the account
// must not be the tail of a longer word or host.
const REFERENCE =
  /(?<![\w.-])\d{12}\.dkr\.ecr(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?\/[a-z0-9]+(?:(?:[._-]|__|\/)[a-z0-9]+)*(?::\w(?:[\w.-]{0,298}\w)?)?(?:@sha256:[0-9a-f]{64}(?![0-9A-Za-z]))?/g

/**
 * Every full ECR reference with a tag or a digest. A bare repository URI (no tag, no digest) names
 * no image and is left alone, as are other registries' references. An ECR-shaped reference the
 * `images` parser refuses (a region under the wrong partition domain, …) is a problem at its line.
 */
export function findEcrReferences(text: string, where: string): Checked<FoundReference[]> {
  const problems: string[] = []
  const found: FoundReference[] = []
  const lineStarts = lineStartOffsets(text)
  for (const match of text.matchAll(REFERENCE)) {
    const written = match[0]
    const start = match.index
    const afterPath = written.slice(written.indexOf('/') + 1)
    if (!afterPath.includes(':') && !afterPath.includes('@')) continue
    const { line, column } = position(lineStarts, start)
    const parsed = take(parseImageReference(written, `pin-files: ${where}:${line}`), problems)
    if (!parsed?.registry) continue
    const at = written.indexOf('@')
    found.push({
      text: written,
      key: parsed.imageTag !== undefined && at >= 0 ? written.slice(0, at) : written,
      start,
      end: start + written.length,
      line,
      column,
      reference: { ...parsed, registry: parsed.registry }
    })
  }
  return problems.length > 0 ? failWith(problems) : ok(found)
}

/** Where each line starts; `\r\n` lines start after the `\n` like any other. */
function lineStartOffsets(text: string): number[] {
  const starts = [0]
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1)
  return starts
}

function position(lineStarts: number[], offset: number): { line: number; column: number } {
  let low = 0
  let high = lineStarts.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if ((lineStarts[middle] ?? 0) <= offset) low = middle
    else high = middle - 1
  }
  return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 }
}
