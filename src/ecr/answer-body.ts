// BatchGetImage answers read with one JSON.parse. The SDK's deserializer parses the body and then
// walks the result against the output schema, building a second copy of every image while the
// first is alive: at 10,000 ids, 100 answers of 130 kB each, copied, and the copies are what the
// young generation has to carry (bench case 6: the action's peak RSS 241 -> 222 MiB with this
// reading, before the heap tuning of heap.ts). So a 200 answer to BatchGetImage is parsed here and
// only its modelled fields are kept, as the walk keeps them; the SDK still signs, sends, retries
// and reads every error answer, and a body that is not JSON goes to the SDK as it came.

import { Readable } from 'node:stream'
import type { ECRClient } from '@aws-sdk/client-ecr'
import { isPlainObject } from '../json.js'
import { FAILURE_FIELDS, IMAGE_FIELDS, IMAGE_ID_FIELDS, malformed } from './validate-response.js'

/** The fields of the output shapes the SDK would keep: the string ones, and the image id. */
const IMAGE_MEMBERS = [...IMAGE_FIELDS, 'imageId']
const FAILURE_MEMBERS = [...FAILURE_FIELDS, 'imageId']

interface HttpAnswer {
  statusCode?: number
  body?: unknown
}
type Handler = (args: unknown) => Promise<{ response: unknown; output: Record<string, unknown> }>
interface Context {
  commandName?: string
}

const parsedAnswers = new WeakMap<object, Record<string, unknown>>()

/** Only the named fields, each left out when absent or null: as the SDK's schema walk reads JSON. */
function modelled(value: unknown, fields: readonly string[]): unknown {
  if (!isPlainObject(value)) return value
  // ECR's own answers have nothing to drop: kept as parsed, no second object per image.
  if (onlyModelled(value, fields)) return value
  const kept: Record<string, unknown> = {}
  for (const field of fields) {
    const member = value[field]
    if (member === undefined || member === null) continue
    kept[field] = field === 'imageId' ? modelled(member, IMAGE_ID_FIELDS) : member
  }
  return kept
}

function onlyModelled(value: Record<string, unknown>, fields: readonly string[]): boolean {
  for (const field in value) {
    const member = value[field]
    if (!fields.includes(field) || member === null || member === undefined) return false
    if (field === 'imageId' && isPlainObject(member) && !onlyModelled(member, IMAGE_ID_FIELDS))
      return false
  }
  return true
}

/** A list of modelled entries; anything else passes as it is, for validate-response to name. */
const modelledList = (value: unknown, fields: readonly string[]): unknown =>
  Array.isArray(value) ? value.map((entry) => modelled(entry, fields)) : value

async function bodyBytes(body: unknown): Promise<Buffer | undefined> {
  // The action's request handler hands the answer over already read (net/deadline-handler.ts).
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength)
  if (!(body instanceof Readable)) return undefined
  const chunks: Buffer[] = []
  for await (const chunk of body as AsyncIterable<Buffer | string>)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
  return Buffer.concat(chunks)
}

/**
 * Adds the reading to a client: next to the SDK's deserializer, which then reads an empty object,
 * and a step at the start of the stack that puts the answer's `images` and `failures` back.
 */
export function readAnswersInOnePass(client: ECRClient): void {
  const inner = (next: Handler, context: Context) => async (args: unknown) => {
    const result = await next(args)
    const answer = result.response as HttpAnswer
    if (context.commandName !== 'BatchGetImageCommand' || answer.statusCode !== 200) return result
    const bytes = await bodyBytes(answer.body)
    if (!bytes) return result
    let parsed: unknown
    try {
      parsed = JSON.parse(bytes.toString('utf8'))
    } catch {
      // Not JSON: the SDK's deserializer says so in its own words.
      answer.body = bytes
      return result
    }
    // JSON, but not an object: the SDK would read no images and no failures and each id would
    // be "unanswered"; the shape is what is wrong, so that is the error.
    if (!isPlainObject(parsed)) throw malformed('the body is not an object')
    parsedAnswers.set(context, {
      ...(parsed.images != null ? { images: modelledList(parsed.images, IMAGE_MEMBERS) } : {}),
      ...(parsed.failures != null
        ? { failures: modelledList(parsed.failures, FAILURE_MEMBERS) }
        : {})
    })
    answer.body = Buffer.from('{}')
    return result
  }
  const outer = (next: Handler, context: Context) => async (args: unknown) => {
    const result = await next(args)
    const parsed = parsedAnswers.get(context)
    if (parsed) {
      parsedAnswers.delete(context)
      result.output = { ...result.output, ...parsed }
    }
    return result
  }
  client.middlewareStack.addRelativeTo(inner as never, {
    relation: 'after',
    toMiddleware: 'deserializerMiddleware',
    name: 'readAnswersInOnePass'
  })
  client.middlewareStack.add(outer as never, {
    step: 'initialize',
    name: 'answersReadInOnePass'
  })
}
