// Reads image config blobs: GetDownloadUrlForLayer for the config digest, then a GET of the
// presigned URL it returns, retried with the run's backoff. Each distinct blob is fetched once,
// a bounded number at a time. Loaded only when a run needs configs.

import {
  GetDownloadUrlForLayerCommand,
  type GetDownloadUrlForLayerCommandOutput
} from '@aws-sdk/client-ecr'
import { backoffDelay, type Backoff, type Clock } from '../clock.js'
import { errorMessage } from '../errors.js'
import { DownloadError } from '../net/blob-download.js'
import { DIGEST_PATTERN } from '../media-types.js'
import type { RepositoryTarget } from '../types.js'
import { describeTarget, repositoryArn } from './call-errors.js'
import { DEFAULT_CONCURRENCY, type FanOutOptions, mapConcurrent, targetKey } from './calls.js'

export interface DownloadUrlClient {
  send(command: GetDownloadUrlForLayerCommand): Promise<GetDownloadUrlForLayerCommandOutput>
}

/** Where blobs come from: ECR for the URL (per region), then one GET of that URL. */
export interface BlobSource {
  clientFor(region: string): DownloadUrlClient
  /** Throws DownloadError (retryable or not) on any failure. */
  download(url: URL): Promise<Buffer>
}

export interface BlobTarget extends RepositoryTarget {
  digest: string
}

export type BlobOutcome = { blob: Buffer } | { reason: string }

export interface BlobOptions extends FanOutOptions {
  clock: Clock
  /** What the blobs are, for messages: `image config` (the default), `signature`. */
  what?: string
  /** Attempts of one download, as `max-attempts` bounds every ECR call. */
  maxAttempts: number
  random?: () => number
}

/** The SDK's standard retry backoff, roughly: 100 ms doubling, capped at 20 s. */
const DOWNLOAD_BACKOFF: Backoff = { initialMs: 100, factor: 2, capMs: 20_000, jitter: 0.5 }

export const blobKey = (target: BlobTarget): string => targetKey(target) + target.digest

/**
 * Every distinct blob fetched once; outcomes keyed by blobKey. A blob is content-addressed (its
 * sha256 is checked), so one digest in several repositories is fetched from the first that
 * serves it; a repository that fails falls back to the next, and keeps its own failure only when
 * none serves it.
 */
export async function fetchBlobs(
  targets: BlobTarget[],
  source: BlobSource,
  options: BlobOptions
): Promise<Map<string, BlobOutcome>> {
  const byDigest = new Map<string, Map<string, BlobTarget>>()
  for (const target of targets) {
    const group = byDigest.get(target.digest) ?? new Map<string, BlobTarget>()
    group.set(blobKey(target), target)
    byDigest.set(target.digest, group)
  }
  const groups = [...byDigest.values()].map((group) => [...group.values()])
  const outcomes = new Map<string, BlobOutcome>()
  await mapConcurrent(groups, options.concurrency ?? DEFAULT_CONCURRENCY, async (group) => {
    for (const target of group) {
      const outcome = await fetchBlob(target, source, options)
      if ('blob' in outcome) {
        for (const each of group) outcomes.set(blobKey(each), outcome)
        return
      }
      outcomes.set(blobKey(target), outcome)
    }
  })
  return outcomes
}

async function fetchBlob(
  target: BlobTarget,
  source: BlobSource,
  options: BlobOptions
): Promise<BlobOutcome> {
  let url: URL
  try {
    url = await downloadUrl(target, source)
  } catch (error) {
    options.debug?.(`GetDownloadUrlForLayer error (${target.region}): ${String(error)}`)
    return { reason: describeUrlError(error, target, options.what ?? 'image config') }
  }
  for (let attempt = 0; ; attempt++) {
    try {
      return { blob: await source.download(url) }
    } catch (error) {
      const retryable = error instanceof DownloadError && error.retryable
      options.debug?.(
        `${options.what ?? 'config'} download of ${target.digest}, attempt ${attempt + 1}: ${String(error)}`
      )
      if (!retryable || attempt + 1 >= options.maxAttempts) {
        const tried = `${attempt + 1} attempt${attempt === 0 ? '' : 's'}`
        return {
          reason:
            `could not download the ${options.what ?? 'image config'} ${target.digest} of ${describeTarget(target)} ` +
            `after ${tried} (${errorMessage(error)}); the host of ECR's download URL (S3) must ` +
            'be reachable: proxy settings, NO_PROXY, or an S3 gateway endpoint on private networks'
        }
      }
      await options.clock.sleep(
        backoffDelay(attempt, DOWNLOAD_BACKOFF, options.random ?? Math.random)
      )
    }
  }
}

async function downloadUrl(target: BlobTarget, source: BlobSource): Promise<URL> {
  const output = await source.clientFor(target.region).send(
    new GetDownloadUrlForLayerCommand({
      ...(target.registryId ? { registryId: target.registryId } : {}),
      repositoryName: target.repositoryName,
      layerDigest: target.digest
    })
  )
  if (output.layerDigest !== undefined && output.layerDigest !== target.digest)
    // Registry text: named only when it is a digest, never quoted as it came.
    throw new Error(
      DIGEST_PATTERN.test(output.layerDigest)
        ? `ECR answered for another blob, ${output.layerDigest}`
        : 'ECR answered for another blob, with a layerDigest that is not a digest'
    )
  let url: URL
  try {
    url = new URL(output.downloadUrl ?? '')
  } catch {
    throw new Error('ECR returned no usable download URL')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`ECR returned a download URL with the scheme ${url.protocol}`)
  return url
}

function describeUrlError(error: unknown, target: BlobTarget, what: string): string {
  const name = (error as { name?: string }).name ?? 'Error'
  const reason = `${name}: ${errorMessage(error)}`
  switch (name) {
    case 'AccessDeniedException':
      return (
        `Access denied reading the ${what} of ${describeTarget(target)}: the role needs ` +
        `ecr:GetDownloadUrlForLayer on ${repositoryArn(target)} (${reason})`
      )
    case 'LayersNotFoundException':
      return `ECR has no blob ${target.digest} in ${describeTarget(target)} (${reason})`
    default:
      return `GetDownloadUrlForLayer failed for ${target.digest} of ${describeTarget(target)} (${reason})`
  }
}
