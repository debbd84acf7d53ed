// The `image-ids` input: every way people and the AWS CLI write an image id, parsed into the
// tag/digest pair BatchGetImage takes, keyed by the text the user wrote (the outputs' keys).

import { errorMessage } from '../errors.js'
import { isPlainObject } from '../json.js'
import { DIGEST_PATTERN } from '../media-types.js'
import type { ImageId, ImageIdSpec } from '../types.js'
import {
  allUnique,
  type Checked,
  count,
  describeValue,
  fail,
  failWith,
  ok,
  quote,
  splitList,
  take
} from './checked.js'

export const TAG_MAX_LENGTH = 300
/** C0 and C1 controls and DEL: never part of an id, and never sent to ECR. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u
const ID_KEYS = ['imageTag', 'imageDigest'] as const
const JSON_EXAMPLE = '[{"imageTag":"v1"},{"imageDigest":"sha256:…"}]'

/** A tag as ECR takes it: 1 to 300 characters, no whitespace, and not a whole image reference. */
export function checkTag(tag: string, label: string): Checked<string> {
  if (tag === '')
    return fail(`${label}: the tag is empty; a tag is 1 to ${TAG_MAX_LENGTH} characters.`)
  if (tag.length > TAG_MAX_LENGTH) {
    return fail(
      `${label}: the tag ${quote(`${tag.slice(0, 40)}…`)} is ${tag.length} characters; a tag is at most ${TAG_MAX_LENGTH}.`
    )
  }
  if (/\s/.test(tag))
    return fail(`${label}: the tag ${quote(tag)} contains whitespace; tags cannot.`)
  if (CONTROL.test(tag)) {
    return fail(
      `${label}: the tag ${quote(tag)} contains a control character; a tag is letters, digits, "_", "." and "-".`
    )
  }
  // `team/api:v1` pasted as a tag: BatchGetImage would only say "not found", so say why here.
  if (/[/:]/.test(tag)) {
    return fail(
      `${label}: ${quote(tag)} looks like an image reference, not a tag (tags have no "/" or ":"); ` +
        'list full references under the images input instead.'
    )
  }
  return ok(tag)
}

/** A digest as ECR stores it: `sha256:` and 64 lower-case hex digits; says what is off otherwise. */
export function checkDigest(digest: string, label: string): Checked<string> {
  if (DIGEST_PATTERN.test(digest)) return ok(digest)
  const said = `${label}: the digest ${quote(digest)}`
  if (digest === '')
    return fail(`${label}: the digest is empty; a digest is sha256: followed by 64 hex digits.`)
  const [algorithm = '', hex = ''] = splitOnce(digest, ':')
  if (algorithm.toLowerCase() !== 'sha256') {
    return fail(
      `${said} is not sha256; an ECR digest is sha256: followed by 64 lower-case hex digits.`
    )
  }
  if (!/^[0-9a-fA-F]*$/.test(hex)) {
    return fail(`${said} is not hex; a digest is sha256: followed by 64 lower-case hex digits.`)
  }
  if (hex.length !== 64) {
    return fail(
      `${said} has ${count(hex.length, 'hex digit')}; a digest has 64 (a short digest cannot be looked up).`
    )
  }
  return fail(
    `${said} has upper-case letters; ECR digests are lower case: ${digest.toLowerCase()}.`
  )
}

/** Splits at the first `separator`; the second part is undefined when there is none. */
export function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator)
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + separator.length)]
}

/** The CLI shorthand of an id, tag first: the key of ids that came as JSON or YAML objects. */
export function imageIdShorthand(id: ImageId): string {
  const parts: string[] = []
  if (id.imageTag !== undefined) parts.push(`imageTag=${id.imageTag}`)
  if (id.imageDigest !== undefined) parts.push(`imageDigest=${id.imageDigest}`)
  return parts.join(',')
}

/** Checks whichever of tag and digest are set, reporting both when both are bad. */
function checkImageId(
  id: ImageId,
  key: string,
  tagLabel: string,
  digestLabel = tagLabel
): Checked<ImageIdSpec> {
  const problems: string[] = []
  const spec: ImageIdSpec = { key }
  const tag =
    id.imageTag === undefined ? undefined : take(checkTag(id.imageTag, tagLabel), problems)
  const digest =
    id.imageDigest === undefined
      ? undefined
      : take(checkDigest(id.imageDigest, digestLabel), problems)
  if (tag !== undefined) spec.imageTag = tag
  if (digest !== undefined) spec.imageDigest = digest
  return problems.length > 0 ? failWith(problems) : ok(spec)
}

/** `imageTag=v1`, `imageDigest=sha256:…,imageTag=v1`: the AWS CLI shorthand of one id. */
function parseShorthand(token: string, label: string): Checked<ImageIdSpec> {
  const said = `${label}: ${quote(token)}`
  const id: ImageId = {}
  for (const part of token.split(',')) {
    const [name, value] = splitOnce(part, '=')
    if (value === undefined) {
      return fail(
        `${said} has ${quote(part)} where key=value was expected (imageTag=v1,imageDigest=sha256:…).`
      )
    }
    const key = ID_KEYS.find((known) => known === name)
    if (!key)
      return fail(`${said} has the unknown key ${quote(name)}; the keys are ${knownKeys()}.`)
    if (id[key] !== undefined) return fail(`${said} gives ${key} twice.`)
    if (value === '') return fail(`${said} gives ${key} no value.`)
    id[key] = value
  }
  return checkImageId(id, token, label)
}

function knownKeys(): string {
  return `${ID_KEYS.join(' and ')} (case matters)`
}

/** One whitespace-free token of `image-ids`, in any of its written forms. */
export function parseImageIdToken(token: string, label = 'image-ids'): Checked<ImageIdSpec> {
  if (token.includes('=')) return parseShorthand(token, label)
  const said = `${label}: ${quote(token)}`
  // `sha256:…` alone is a digest; `v1@sha256:…` is a tag pinned to a digest.
  const [before, after] = splitOnce(token, '@')
  if (after !== undefined) {
    if (before === '')
      return fail(`${said} has nothing before "@"; write v1@sha256:… or just the digest.`)
    return checkImageId({ imageTag: before, imageDigest: after }, token, label)
  }
  if (/^sha\d*:/i.test(token)) return checkImageId({ imageDigest: token }, token, label)
  return checkImageId({ imageTag: token }, token, label)
}

/** One `{ imageTag, imageDigest }` object of the CLI's JSON form or a request file; keyed by its shorthand. */
export function imageIdFromObject(entry: unknown, label: string): Checked<ImageIdSpec> {
  if (!isPlainObject(entry)) {
    return fail(
      `${label}: expected a mapping with imageTag and/or imageDigest, got ${describeValue(entry)}.`
    )
  }
  const problems: string[] = []
  const id: ImageId = {}
  for (const [name, value] of Object.entries(entry)) {
    const key = ID_KEYS.find((known) => known === name)
    if (!key) problems.push(`${label}: unknown key ${quote(name)}; the keys are ${knownKeys()}.`)
    else if (typeof value !== 'string') {
      problems.push(`${label}.${key}: expected a string, got ${describeValue(value)}.`)
    } else id[key] = value
  }
  if (problems.length > 0) return failWith(problems)
  if (id.imageTag === undefined && id.imageDigest === undefined) {
    return fail(`${label}: gives neither imageTag nor imageDigest.`)
  }
  return checkImageId(id, imageIdShorthand(id), `${label}.imageTag`, `${label}.imageDigest`)
}

/** A list of id objects (JSON form, request file), each checked; the first of each key kept. */
export function imageIdsFromList(list: unknown, label: string): Checked<ImageIdSpec[]> {
  if (!Array.isArray(list)) {
    return fail(
      `${label}: expected a list of image ids like ${JSON_EXAMPLE}, got ${describeValue(list)}.`
    )
  }
  if (list.length === 0) return fail(`${label}: the list is empty; give at least one image id.`)
  return allUnique(list.map((entry, index) => imageIdFromObject(entry, `${label}[${index}]`)))
}

/** The whole `image-ids` input: whitespace-separated tokens, or the CLI's JSON list. */
export function parseImageIds(text: string, label = 'image-ids'): Checked<ImageIdSpec[]> {
  const trimmed = text.trim()
  if (trimmed.startsWith('[')) return parseJsonImageIds(trimmed, label)
  // `imageTag=v1, imageDigest=…` is one id typed with a space after the comma, not two.
  const tokens = splitList(trimmed.replace(/,\s+/g, ','))
  if (tokens.length === 0)
    return fail(`${label}: no image ids; give at least one, like v1 or imageTag=v1.`)
  return allUnique(tokens.map((token) => parseImageIdToken(token, label)))
}

function parseJsonImageIds(text: string, label: string): Checked<ImageIdSpec[]> {
  let list: unknown
  try {
    list = JSON.parse(text)
  } catch (error) {
    return fail(
      `${label}: not valid JSON (${errorMessage(error)}); the JSON form is ${JSON_EXAMPLE}.`
    )
  }
  return imageIdsFromList(list, label)
}
