// The `request` input: a BatchGetImage request in the shape `aws ecr batch-get-image
// --generate-cli-skeleton` prints, as JSON or YAML, inline or `@path/to/file`. Only its shape is
// checked here; the values go through the same checks as the inputs that override them.

import { asError, errorMessage } from '../errors.js'
import type { ImageIdSpec } from '../types.js'
import { isPlainObject } from '../json.js'
import { type Checked, describeValue, fail, failWith, ok, quote, take } from './checked.js'
import { imageIdsFromList } from './image-ids.js'
import { type FileSource, readWorkspaceFile } from './list-file.js'
import { shortQuotes } from '../text.js'

/** The request's fields; each absent when the request leaves it out. */
export interface CliRequest {
  registryId?: string
  repositoryName?: string
  imageIds?: ImageIdSpec[]
  acceptedMediaTypes?: string[]
}

export interface RequestSource {
  /** Where `@path` is read: the workspace; undefined when GITHUB_WORKSPACE is not set. */
  workspace: FileSource
  /** Needed for a request written in YAML (JSON needs none). */
  parseYaml?: YamlParse
}

export type YamlParse = (text: string, options: { schema: 'failsafe' }) => unknown

/**
 * Loads the YAML parser. Only the `request` input needs it and loading it costs start-up time,
 * so the caller loads it for that input alone and passes it in.
 */
export async function loadYamlParser(): Promise<YamlParse> {
  return (await import('yaml')).parse
}

const KEYS = ['registryId', 'repositoryName', 'imageIds', 'acceptedMediaTypes'] as const
const LABEL = 'request'

/** The `request` input (not empty): inline text, or `@path`, a file in the workspace. */
export function readRequest(input: string, source: RequestSource): Checked<CliRequest> {
  if (!input.startsWith('@')) return parseRequest(input, LABEL, source.parseYaml)
  const file = readWorkspaceFile(input, LABEL, source.workspace, 'ecr-request.json')
  if (!file.ok) return file
  const request = parseRequest(file.value.text, `${LABEL} (${file.value.path})`, source.parseYaml)
  // The file's text reaches a message only as short excerpts.
  return request.ok ? request : failWith(request.problems.map((problem) => shortQuotes(problem)))
}

/** JSON or YAML text of a request. YAML is read with every scalar a string, as written: no id
 * loses its leading zeros, no tag `1.10` becomes the number 1.1. */
export function parseRequest(
  text: string,
  label: string,
  parseYaml?: YamlParse
): Checked<CliRequest> {
  const document = parseDocument(text.trim(), label, parseYaml)
  return document.ok ? requestFields(document.value, label) : document
}

function parseDocument(text: string, label: string, parseYaml?: YamlParse): Checked<unknown> {
  if (text === '') return fail(`${label}: the request is empty.`)
  let jsonError: Error | undefined
  if (text.startsWith('{')) {
    try {
      return ok(JSON.parse(text))
    } catch (error) {
      jsonError = asError(error) // `{registryId: x}` is YAML flow style: give YAML its chance
    }
  }
  if (!parseYaml) throw new Error('a request in YAML needs the YAML parser: pass parseYaml')
  try {
    return ok(parseYaml(text, { schema: 'failsafe' }))
  } catch (error) {
    const reason = jsonError
      ? `not valid JSON (${jsonError.message})`
      : `not valid YAML (${firstLine(error)})`
    return fail(`${label}: ${reason}.`)
  }
}

function firstLine(error: unknown): string {
  return (errorMessage(error).split('\n')[0] ?? '').replace(/:$/, '')
}

function requestFields(document: unknown, label: string): Checked<CliRequest> {
  if (!isPlainObject(document)) {
    return fail(
      `${label}: expected a mapping with ${KEYS.join(', ')}; got ${describeValue(document)}.`
    )
  }
  const problems: string[] = []
  const fields: CliRequest = {}
  // A field whose value is bad is left out: the problem it left says why.
  const set = <K extends keyof CliRequest>(key: K, value: CliRequest[K] | undefined): void => {
    if (value !== undefined) fields[key] = value
  }
  for (const [key, value] of Object.entries(document)) {
    const at = `${LABEL}.${key}`
    switch (key) {
      case 'registryId':
      case 'repositoryName':
        set(key, take(stringField(value, at, key === 'registryId'), problems))
        break
      case 'imageIds':
        set('imageIds', take(imageIdsFromList(value, at), problems))
        break
      case 'acceptedMediaTypes':
        set('acceptedMediaTypes', take(stringListField(value, at), problems))
        break
      default:
        problems.push(unknownKeyProblem(key, label))
    }
  }
  return problems.length > 0 ? failWith(problems) : ok(fields)
}

function unknownKeyProblem(key: string, label: string): string {
  const meant = KEYS.find((known) => known.toLowerCase() === key.toLowerCase())
  const hint = meant ? `did you mean ${meant}? ` : ''
  return `${label}: unknown key ${quote(key)}; ${hint}the keys are ${KEYS.join(', ')}, as aws ecr batch-get-image --generate-cli-skeleton prints them.`
}

/** A non-empty string. `idLike`: a number there is an account id that lost its quotes. */
function stringField(value: unknown, label: string, idLike = false): Checked<string> {
  if (typeof value !== 'string') {
    const hint =
      idLike && typeof value === 'number' ? '; quote it (a JSON number loses leading zeros)' : ''
    return fail(`${label}: expected a string, got ${describeValue(value)}${hint}.`)
  }
  if (value.trim() === '')
    return fail(`${label}: the value is empty; fill it in or remove the key.`)
  return ok(value.trim())
}

function stringListField(value: unknown, label: string): Checked<string[]> {
  if (!Array.isArray(value))
    return fail(`${label}: expected a list of strings, got ${describeValue(value)}.`)
  if (value.length === 0)
    return fail(`${label}: the list is empty; give at least one, or remove the key.`)
  const problems: string[] = []
  const strings = value.flatMap(
    (item, index) => take(stringField(item, `${label}[${index}]`), problems) ?? []
  )
  return problems.length > 0 ? failWith(problems) : ok(strings)
}
