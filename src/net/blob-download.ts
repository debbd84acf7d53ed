// One GET of a blob download URL (ECR's presigned S3 URL), sent through the agents the proxy
// rules pick and ended at the request timeout, counted from the send to the last byte, as every
// ECR call is. The URL carries a signature: it is never printed, only its host.

import { get as httpGet, type IncomingMessage } from 'node:http'
import { get as httpsGet } from 'node:https'
import { asError } from '../errors.js'
import { deadlineMessage, readCapped, startDeadline } from './deadline.js'
import type { EcrHttpOptions } from './proxy.js'

export interface DownloadOptions {
  agents: EcrHttpOptions
  /** The deadline of the whole GET, from send to the last byte. */
  timeoutMs: number
  /** A longer body is refused: an image config is kilobytes. */
  maxBytes: number
}

/** Why a download failed; `retryable` for network errors, timeouts, 429 and 5xx. */
export class DownloadError extends Error {
  override name = 'DownloadError'
  constructor(
    message: string,
    readonly retryable: boolean
  ) {
    super(message)
  }
}

const NETWORK_CODES = /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EPIPE|EHOSTUNREACH)$/

export async function downloadBlob(url: URL, options: DownloadOptions): Promise<Buffer> {
  const secure = url.protocol === 'https:'
  const agent = secure ? options.agents.httpsAgent : options.agents.httpAgent
  const get = secure ? httpsGet : httpGet
  const deadline = startDeadline(
    options.timeoutMs,
    () =>
      new DownloadError(
        deadlineMessage(`the GET of the blob from ${url.host}`, options.timeoutMs),
        true
      )
  )
  try {
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const request = get(url, { ...(agent ? { agent } : {}), signal: deadline.signal }, resolve)
      request.on('error', reject)
    })
    const status = response.statusCode ?? 0
    if (status < 200 || status > 299) {
      response.resume()
      throw new DownloadError(
        `${url.host} answered HTTP ${status}`,
        status === 429 || status >= 500 || status === 408
      )
    }
    // Destroying the request (the deadline's abort) ends the response's iteration with an error.
    return await readCapped(
      response,
      options.maxBytes,
      () =>
        new DownloadError(
          `the blob from ${url.host} is larger than ${options.maxBytes} bytes`,
          false
        )
    )
  } catch (error) {
    if (deadline.signal.aborted) throw deadline.signal.reason
    throw toDownloadError(asError(error), url)
  } finally {
    deadline.clear()
  }
}

function toDownloadError(error: Error, url: URL): DownloadError {
  if (error instanceof DownloadError) return error
  const code = (error as { code?: string }).code ?? ''
  // The message of a network error can quote the URL; only the host and the code are shown.
  return new DownloadError(
    `could not reach ${url.host} (${code || error.name})`,
    NETWORK_CODES.test(code) || code === 'ECONNABORTED' || code === ''
  )
}
