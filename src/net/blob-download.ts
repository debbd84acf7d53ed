// One GET of a blob download URL (ECR's presigned S3 URL), sent through the agents the proxy
// rules pick and abandoned after the request timeout, as every ECR call is. The URL carries a
// signature: it is never printed, only its host.

import { get as httpGet, type IncomingMessage } from 'node:http'
import { get as httpsGet } from 'node:https'
import type { EcrHttpOptions } from './proxy.js'

export interface DownloadOptions {
  agents: EcrHttpOptions
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

export function downloadBlob(url: URL, options: DownloadOptions): Promise<Buffer> {
  const secure = url.protocol === 'https:'
  const agent = secure ? options.agents.httpsAgent : options.agents.httpAgent
  const get = secure ? httpsGet : httpGet
  return new Promise<Buffer>((resolve, reject) => {
    const request = get(url, agent ? { agent } : {}, (response: IncomingMessage) => {
      const status = response.statusCode ?? 0
      if (status < 200 || status > 299) {
        response.resume()
        reject(
          new DownloadError(
            `${url.host} answered HTTP ${status}`,
            status === 429 || status >= 500 || status === 408
          )
        )
        return
      }
      const chunks: Buffer[] = []
      let length = 0
      response.on('data', (chunk: Buffer) => {
        length += chunk.length
        if (length > options.maxBytes) {
          request.destroy(
            new DownloadError(
              `the blob from ${url.host} is larger than ${options.maxBytes} bytes`,
              false
            )
          )
          return
        }
        chunks.push(chunk)
      })
      response.on('end', () => resolve(Buffer.concat(chunks)))
      response.on('error', (error) => reject(toDownloadError(error, url)))
    })
    request.setTimeout(options.timeoutMs, () =>
      request.destroy(
        new DownloadError(`${url.host} did not answer within ${options.timeoutMs} ms`, true)
      )
    )
    request.on('error', (error) => reject(toDownloadError(error, url)))
  })
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
