// Every occurrence of an ECR registry host in a file's text, and what the text around it says:
// a reference whose ends are clear (pinnable), a repository or a host alone, or something unclear
// (a tag that runs into template syntax, a digest that is not a sha256 one, a longer word), with
// why. Pure: the same rules for every format; pin-yaml.ts adds what YAML's structure says.

/** What the text says at one occurrence of an ECR host. */
export type OccurrenceKind =
  /** `<host>/<repo>` with a tag, a sha256 digest or both, starting and ending at clear boundaries. */
  | 'reference'
  /** `<host>/<repo>` alone, at clear boundaries: names no image by itself. */
  | 'repository'
  /** `<host>` alone, at clear boundaries (a Helm `registry:` field, a `docker login`). */
  | 'host'
  /** Anything else: `reason` says what. */
  | 'unclear'

export interface Occurrence {
  kind: OccurrenceKind
  /** UTF-16 offsets of what is written: the reference, repository or host (`unclear`: the word). */
  start: number
  end: number
  /** Where the host starts (`start`, except for an unclear word that begins before it). */
  host: number
  /** `reference`: written with a tag (else with a digest alone). */
  tagged?: boolean
  /** `reference`: the digest written after the tag or repository, if any. */
  digest?: string
  /** `unclear`: why it is not understood, as a clause (`the tag runs into template syntax …`). */
  reason?: string
  /** What a command builds or pushes (`docker build -t …`): never pinned, whatever it says. */
  buildOutput?: string
}

// `<account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]`, the other partitions' domains and the
// dual-stack `<account>.dkr-ecr.<region>.on.aws` (every host the `images` input reads), in any
// letter case (an upper-case host is still an occurrence to report). Nothing around it is
// required: a longer word containing it is an occurrence too, reported as unclear.
const HOST =
  /\d{12}\.(?:dkr\.ecr(?:-fips)?\.[a-z0-9-]+\.(?:amazonaws\.(?:com(?:\.cn)?|eu)|c2s\.ic\.gov|sc2s\.sgov\.gov|cloud\.adc-e\.uk|csp\.hci\.ic\.gov)|dkr-ecr(?:-fips)?\.[a-z0-9-]+\.on\.(?:aws|amazonwebservices\.com\.cn))/gi
// Not global: a test with HOST would move its lastIndex, where matchAll starts its next search.
const ANY_HOST = new RegExp(HOST.source, 'i')
// ECR's repository name pattern; a tag as Docker writes it, up to ECR's 300 characters, ending
// in a letter or digit so that a sentence's full stop is not taken in (it then stands after the
// tag, where it is not a clear boundary).
const PATH = /[a-z0-9]+(?:(?:[._-]|__|\/)[a-z0-9]+)*/y
const TAG = /\w(?:[\w.-]{0,298}\w)?/y
// What a digest looks like to OCI (`algorithm:encoded`), well-formed or not, to say why it is
// not the sha256 one a pin can replace.
const DIGEST_LIKE = /([A-Za-z0-9]+(?:[+._-][A-Za-z0-9]+)*):([A-Za-z0-9=_-]*)/y
const SHA256 = /^sha256:[0-9a-f]{64}$/
const SHA256_HERE = /sha256:[0-9a-f]{64}(?![0-9A-Za-z])/y

// A reference starts after one of these (or at the start of the text) and ends before one of
// these (or at the end): whitespace, quotes, and the delimiters of YAML flow collections, JSON,
// HCL and shell lists. A comment starts after whitespace, so it is covered.
const CLEAR_BEFORE = /[\s"'`=,[{(]/
const CLEAR_AFTER = /[\s"'`,\]})]/
/** Where the excerpt of an unclear occurrence stops, either side. */
const WORD_END = /[\s"'`]/
// Written directly before the host, still part of a reference: `docker://` (skopeo, a GitHub
// Actions `uses:`), `docker-image://` (BuildKit's named contexts).
const SCHEMES = ['docker://', 'docker-image://']
// A shell, compose or .env default, `${NAME:-` (also `${NAME-`, `${NAME:=`, `${NAME=`), directly
// before the host: the reference is what the variable falls back to, and a `}` closes it.
const DEFAULT_OPENING = /\$\{[A-Za-z_][A-Za-z0-9_]{0,99}:?[-=]$/
const MAX_NESTED_DEFAULTS = 4
// What makes a tag or name run into a template: shell and compose `${…}` and `$NAME`, Go and
// Helm `{{ … }}`, Jinja `{% … %}`, Terraform `%{ … }`, Windows `%NAME%`, `<placeholder>`.
const TEMPLATE_OPENINGS = ['${', '{{', '{%', '%{', '$', '%', '<'] as const
/** How much of an unclear occurrence is shown and looked through, either side of the host. */
const EXCERPT = 200

// What a command line names as its result, just before it on the same line: `docker build -t`
// (and buildah, podman, `--tag`), `docker push`, the target of `docker tag`. A tag with a digest
// is refused there, and a pinned reference would name something else than what is built.
const COMMAND_OUTPUTS: readonly [RegExp, string][] = [
  [/(?:^|\s)(?:-t|--tag)(?:[ \t]+|=)$/, 'a build names its result with it (-t, --tag)'],
  [
    /\bdocker[ \t]+(?:image[ \t]+)?push[ \t]+(?:-\S+[ \t]+)*$/,
    'docker push sends it: it names what is pushed'
  ],
  [
    /\bdocker[ \t]+(?:image[ \t]+)?tag[ \t]+\S+[ \t]+$/,
    'docker tag gives it to an image: it names the result'
  ]
]

/** Every ECR host occurrence in `text`, in order, each classified by the rules above. */
export function findEcrHosts(text: string): Occurrence[] {
  const found: Occurrence[] = []
  let after = 0
  for (const match of text.matchAll(HOST)) {
    if (match.index < after) continue // inside the previous one's excerpt: already reported
    const occurrence = classify(text, match.index, match.index + match[0].length)
    // Up to EXCERPT characters of its line before it (never a search back to the line's start).
    const near = text.slice(Math.max(0, occurrence.start - EXCERPT), occurrence.start)
    const before = near.slice(near.lastIndexOf('\n') + 1)
    const output = COMMAND_OUTPUTS.find(([pattern]) => pattern.test(before))
    if (output) occurrence.buildOutput = output[1]
    found.push(occurrence)
    after = occurrence.end
  }
  return found
}

/** Whether `text` holds an ECR host at all (cheaper than classifying every one). */
export function hasEcrHost(text: string): boolean {
  return ANY_HOST.test(text)
}

/** `value` is exactly an ECR repository URI, `<host>/<repo>`, with no tag and no digest. */
export function isEcrRepository(value: string): boolean {
  const [occurrence, ...more] = findEcrHosts(value)
  return (
    more.length === 0 &&
    occurrence?.kind === 'repository' &&
    occurrence.start === 0 &&
    occurrence.end === value.length
  )
}

/** Why a digest written after `@` is not one a pin can replace, or undefined if it is. */
export function digestProblem(digest: string): string | undefined {
  if (SHA256.test(digest)) return undefined
  DIGEST_LIKE.lastIndex = 0
  const match = DIGEST_LIKE.exec(digest)
  if (!match || match[0].length !== digest.length) return 'its "@" is not followed by a digest'
  const [, algorithm = '', encoded = ''] = match
  if (algorithm.toLowerCase() !== 'sha256') {
    return `it already carries a ${clipped(algorithm, 20)} digest, and pins are sha256 (ECR's)`
  }
  if (!/^[0-9a-fA-F]*$/.test(encoded)) return 'its sha256 digest is not hex'
  if (encoded.length !== 64) return `its sha256 digest has ${encoded.length} hex digits, not 64`
  return 'its sha256 digest is not written in lower case'
}

/**
 * Why what follows `subject` (`the tag`, `the repository name`, …) makes it unclear where the
 * reference ends: template syntax in the run up to the next clear boundary, or the character.
 */
export function continuationProblem(subject: string, following: string): string {
  const opening = templateOpening(following)
  if (opening !== undefined) {
    return `${subject} runs into template syntax (${opening}), so the reference it renders is not known`
  }
  return `${subject} is followed by ${JSON.stringify(following.charAt(0))}, so where it ends is unclear`
}

/** The template syntax in `following` up to the next clear boundary, if any. */
export function templateOpening(following: string): string | undefined {
  const run = following.slice(0, EXCERPT).split(CLEAR_AFTER, 1)[0] ?? ''
  return TEMPLATE_OPENINGS.find((candidate) => run.includes(candidate))
}

function classify(text: string, hostStart: number, hostEnd: number): Occurrence {
  const unclear = (reason: string, from = hostEnd): Occurrence => {
    const word = wordAround(text, hostStart, from)
    return { kind: 'unclear', ...word, host: hostStart, reason }
  }
  const host = text.slice(hostStart, hostEnd)
  if (host !== host.toLowerCase()) return unclear('the registry host is not in lower case')

  // Before: a scheme, then any `${NAME:-` defaults, then a clear boundary.
  let start = hostStart
  const scheme = SCHEMES.find((candidate) => text.endsWith(candidate, start))
  if (scheme) start -= scheme.length
  let defaults = 0
  for (; defaults < MAX_NESTED_DEFAULTS; defaults++) {
    const opening = DEFAULT_OPENING.exec(text.slice(Math.max(0, start - 110), start))
    if (!opening) break
    start -= opening[0].length
  }
  const before = text.charAt(start - 1)
  if (start > 0 && !CLEAR_BEFORE.test(before)) {
    if (/[a-z][a-z0-9+.-]*:\/\/$/i.test(text.slice(Math.max(0, start - 30), start))) {
      return unclear('it is part of a URL, not an image reference')
    }
    return unclear(`it is part of a longer word (after ${JSON.stringify(before)})`)
  }

  // After: `/repository`, then `:tag`, then `@digest`, each optional but the first.
  let end = hostEnd
  let kind: OccurrenceKind = 'host'
  let subject = 'the host'
  let tagged = false
  let digest: string | undefined
  if (text.charAt(end) === '/') {
    PATH.lastIndex = end + 1
    if (!PATH.exec(text)) return unclear('no repository name follows the host')
    end = PATH.lastIndex
    kind = 'repository'
    subject = 'the repository name'
    if (text.charAt(end) === ':') {
      TAG.lastIndex = end + 1
      if (!TAG.exec(text)) {
        const opening = templateOpening(text.slice(end + 1))
        return unclear(
          opening === undefined
            ? '":" is not followed by a tag'
            : `the tag is template syntax (${opening}), so the reference it renders is not known`
        )
      }
      end = TAG.lastIndex
      kind = 'reference'
      subject = 'the tag'
      tagged = true
    }
    if (text.charAt(end) === '@') {
      SHA256_HERE.lastIndex = end + 1
      DIGEST_LIKE.lastIndex = end + 1
      const written = SHA256_HERE.exec(text)?.[0] ?? DIGEST_LIKE.exec(text)?.[0] ?? ''
      const problem = digestProblem(written)
      if (problem !== undefined) return unclear(problem, end + 1 + written.length)
      end += 1 + written.length
      kind = 'reference'
      subject = 'the digest'
      digest = written
    }
  }
  // A default's closing braces, then a clear boundary.
  let close = end
  for (let n = 0; n < defaults; n++, close++) {
    if (text.charAt(close) !== '}') {
      return unclear(continuationProblem(`${subject} in a \${…:-…} default`, text.slice(close)))
    }
  }
  if (close < text.length && !CLEAR_AFTER.test(text.charAt(close))) {
    return unclear(continuationProblem(subject, text.slice(close)), close)
  }
  const occurrence: Occurrence = { kind, start: hostStart, end, host: hostStart }
  if (kind === 'reference') {
    occurrence.tagged = tagged
    if (digest !== undefined) occurrence.digest = digest
  }
  return occurrence
}

/** The word an unclear occurrence stands in: back to a clear boundary, on past `from` to one. */
function wordAround(text: string, hostStart: number, from: number): { start: number; end: number } {
  let start = hostStart
  while (start > 0 && hostStart - start < EXCERPT && !WORD_END.test(text.charAt(start - 1))) start--
  let end = Math.max(from, hostStart)
  while (end < text.length && end - hostStart < EXCERPT && !WORD_END.test(text.charAt(end))) end++
  return { start, end }
}

function clipped(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}

/** How pinning changes the file: `[start, end)` becomes `prefix + digest + suffix`. */
export interface PinEdit {
  start: number
  end: number
  prefix: string
  suffix: string
}

/** A reference a format states clearly: its text (as the file states it) and how to pin it. */
export interface Pinnable {
  /** `<host>/<repo>:<tag>[@digest]` or `<host>/<repo>@digest`, put together from fields if split. */
  text: string
  /** Where it is reported: the offset of what a pin changes, or of the reference. */
  at: number
  /** Absent for a digest alone: there is no tag to resolve, nothing to write. */
  edit?: PinEdit
}

/** An occurrence left as it is, and why. */
export interface LeftAlone {
  at: number
  /** What is written there (clipped). */
  text: string
  reason: string
  /** What a build produces (compose `build:`): never pinned, and nothing to verify. */
  buildOutput?: true
}

export interface FormatScan {
  pinnable: Pinnable[]
  leftAlone: LeftAlone[]
}

const REPOSITORY_ALONE =
  'a repository with no tag or digest names no image (its tag is set elsewhere)'
const HOST_ALONE = 'a registry host alone names no image'

/** What the text alone says at one occurrence: a reference to pin, or why it is left alone. */
export function readOccurrence(text: string, occurrence: Occurrence): Pinnable | LeftAlone {
  const written = text.slice(occurrence.start, occurrence.end)
  const { buildOutput } = occurrence
  if (buildOutput)
    return { at: occurrence.start, text: written, reason: buildOutput, buildOutput: true }
  switch (occurrence.kind) {
    case 'reference': {
      const pinnable: Pinnable = { text: written, at: occurrence.start }
      if (!occurrence.tagged) return pinnable
      const key = occurrence.digest === undefined ? written : written.slice(0, written.indexOf('@'))
      return {
        ...pinnable,
        edit: { start: occurrence.start, end: occurrence.end, prefix: `${key}@`, suffix: '' }
      }
    }
    case 'repository':
      return { at: occurrence.start, text: written, reason: REPOSITORY_ALONE }
    case 'host':
      return { at: occurrence.start, text: written, reason: HOST_ALONE }
    default:
      return {
        at: occurrence.start,
        text: written,
        reason: occurrence.reason ?? 'it is not understood'
      }
  }
}

export const isLeftAlone = (read: Pinnable | LeftAlone): read is LeftAlone => 'reason' in read

/** A file read by the text rules alone (Dockerfiles, JSON, HCL, .env, shell, …). */
export function scanText(text: string, occurrences: Occurrence[]): FormatScan {
  const scan: FormatScan = { pinnable: [], leftAlone: [] }
  for (const occurrence of occurrences) {
    const read = readOccurrence(text, occurrence)
    if (isLeftAlone(read)) scan.leftAlone.push(read)
    else scan.pinnable.push(read)
  }
  return scan
}

/** A scan with every reference left alone too, for `reason` (a file that cannot be read so). */
export function everyOneLeftAlone(scan: FormatScan, reason: string): FormatScan {
  const references = scan.pinnable.map(({ at, text }) => ({ at, text, reason }))
  const leftAlone = [...scan.leftAlone, ...references].sort((a, b) => a.at - b.at)
  return { pinnable: [], leftAlone }
}

/** Where each line starts; `\r\n` lines start after the `\n` like any other. */
export function lineStartOffsets(text: string): number[] {
  const starts = [0]
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1)
  return starts
}

/** The 1-based line and column of `offset`. */
export function position(lineStarts: number[], offset: number): { line: number; column: number } {
  let low = 0
  let high = lineStarts.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if ((lineStarts[middle] ?? 0) <= offset) low = middle
    else high = middle - 1
  }
  return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 }
}
