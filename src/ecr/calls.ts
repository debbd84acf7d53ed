// The ECR layer: which BatchGetImage calls a set of requests needs, and making them.
// The SDK keeps its own machinery (default credential chain, endpoint settings including
// AWS_ENDPOINT_URL_ECR, standard retries with backoff); this module only plans and fans out.

import { BatchGetImageCommand, ECRClient } from '@aws-sdk/client-ecr'
import type { BatchGetImageCommandInput, BatchGetImageCommandOutput } from '@aws-sdk/client-ecr'
import { asError } from '../errors.js'
import { toImageId } from '../types.js'
import type { BatchCall, CallOutcome, ImageId, ImageLookup, RepositoryTarget } from '../types.js'
import { readAnswersInOnePass } from './answer-body.js'
import { checkResponseShape } from './validate-response.js'

/** BatchGetImage takes 1 to 100 image ids; more is an InvalidParameterException. */
export const MAX_IDS_PER_CALL = 100

/** Calls in flight at once: enough for 1,000 ids over 10 repositories in one round trip. */
export const DEFAULT_CONCURRENCY = 16

/** What fetchImages needs of a client: the one method, so tests can pass any implementation. */
export interface BatchGetImageClient {
  send(command: BatchGetImageCommand): Promise<BatchGetImageCommandOutput>
}

// Keys are length-prefixed parts: as unambiguous as a JSON array of the parts, without building
// one for every id of a 10,000-id run (they key every map from planning to matching answers).
const part = (text: string | null | undefined): string =>
  text === undefined || text === null ? '-' : `${text.length}:${text}`

export function targetKey(target: RepositoryTarget): string {
  return part(target.region) + part(target.registryId ?? '') + part(target.repositoryName)
}

/** Identical ids are asked once: a tag and a digest are compared exactly as ECR compares them. */
export function dedupeKey(id: ImageId): string {
  return part(id.imageTag) + part(id.imageDigest)
}

/** One id in one repository: what a call asked, and what an answer is matched back to. */
export function requestKey(lookup: RepositoryTarget & ImageId): string {
  return targetKey(lookup) + dedupeKey(lookup)
}

/**
 * Groups requests by (region, registry, repository) in the order first seen, drops identical ids,
 * and chunks each group at 100 ids: the fewest calls that cover every request.
 */
export function planCalls(requests: ImageLookup[], acceptedMediaTypes: string[]): BatchCall[] {
  const groups = new Map<string, { target: RepositoryTarget; ids: Map<string, ImageId> }>()
  for (const request of requests) {
    const key = targetKey(request)
    let group = groups.get(key)
    if (!group) {
      const target: RepositoryTarget = {
        region: request.region,
        repositoryName: request.repositoryName
      }
      if (request.registryId) target.registryId = request.registryId
      group = { target, ids: new Map() }
      groups.set(key, group)
    }
    const id = toImageId(request)
    group.ids.set(dedupeKey(id), id)
  }
  const calls: BatchCall[] = []
  for (const { target, ids } of groups.values()) {
    const all = [...ids.values()]
    for (let start = 0; start < all.length; start += MAX_IDS_PER_CALL) {
      calls.push({
        ...target,
        imageIds: all.slice(start, start + MAX_IDS_PER_CALL),
        acceptedMediaTypes: [...acceptedMediaTypes]
      })
    }
  }
  return calls
}

/** The request exactly as the CLI skeleton (`--generate-cli-skeleton`) shapes it, minus the region. */
export function toCommandInput(call: BatchCall): BatchGetImageCommandInput {
  const input: BatchGetImageCommandInput = {
    repositoryName: call.repositoryName,
    imageIds: call.imageIds.map(toImageId),
    acceptedMediaTypes: call.acceptedMediaTypes
  }
  return call.registryId ? { registryId: call.registryId, ...input } : input
}

/** How the ECR layer fans calls out: how many at once, and where step-debug lines go. */
export interface FanOutOptions {
  concurrency?: number
  debug?: (message: string) => void
}

/**
 * Sends every call, at most `concurrency` at a time, and returns one outcome per call in the
 * calls' order. A call that throws does not stop the others: its outcome carries the error, so
 * the ids of every other chunk still get their answer (and their outputs).
 */
export async function fetchImages(
  calls: BatchCall[],
  clientFor: (region: string) => BatchGetImageClient,
  options: FanOutOptions = {}
): Promise<CallOutcome[]> {
  // Raw requests and responses are only serialised when step debug logging is on: for 1,000 ids
  // the responses alone are megabytes of manifests.
  const { debug } = options
  return mapConcurrent(calls, options.concurrency ?? DEFAULT_CONCURRENCY, async (call) => {
    const input = toCommandInput(call)
    debug?.(`BatchGetImage request (${call.region}): ${JSON.stringify(input)}`)
    try {
      const output = await clientFor(call.region).send(new BatchGetImageCommand(input))
      const { $metadata, ...body } = output
      debug?.(
        `BatchGetImage response (${call.region}, ${$metadata?.attempts ?? 1} attempt(s), ` +
          `request id ${$metadata?.requestId ?? 'none'}): ${JSON.stringify(body)}`
      )
      return { call, ...checkResponseShape(body) }
    } catch (error) {
      debug?.(`BatchGetImage error (${call.region}): ${String(error)}`)
      return { call, error: asError(error) }
    }
  })
}

/** Promise.all with a bound on how many run at once, results in input order. */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  worker: (item: T) => Promise<R>
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await worker(items[index] as T)
    }
  })
  await Promise.all(lanes)
  return results
}

export interface EcrClientOptions {
  endpoint?: string
  maxAttempts: number
  /** An SDK request handler (proxy agents, timeouts); the SDK's default when absent. */
  requestHandler?: ECRClient['config']['requestHandler']
  userAgent?: string
}

/**
 * One ECR client per region, created on first use. The region is the only thing that differs;
 * credentials come from the SDK's default chain (what configure-aws-credentials exports) and the
 * endpoint, when not given, from AWS_ENDPOINT_URL_ECR / AWS_ENDPOINT_URL as the SDK reads them.
 */
export function createClientFactory(options: EcrClientOptions): (region: string) => ECRClient {
  const clients = new Map<string, ECRClient>()
  return (region) => {
    let client = clients.get(region)
    if (!client) {
      client = new ECRClient({
        region,
        maxAttempts: options.maxAttempts,
        retryMode: 'standard',
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
        ...(options.requestHandler ? { requestHandler: options.requestHandler } : {}),
        ...(options.userAgent ? { customUserAgent: options.userAgent } : {})
      })
      readAnswersInOnePass(client)
      clients.set(region, client)
    }
    return client
  }
}
