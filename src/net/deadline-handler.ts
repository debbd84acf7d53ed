// The request handler every ECR call goes out through (BatchGetImage, ListImageReferrers,
// GetDownloadUrlForLayer): the SDK's NodeHttpHandler, with a deadline over each attempt that
// covers the answer's last byte. NodeHttpHandler's `requestTimeout` ends when the headers arrive
// and its socket timeout only bounds silence, so the answer is read here, in full and capped,
// before the SDK sees it. Past the deadline the attempt ends with a TimeoutError, which the SDK's
// standard retry strategy retries as it retries any timeout (an AbortError it never retries).

import { Readable } from 'node:stream'
import { NodeHttpHandler, type NodeHttpHandlerOptions } from '@smithy/node-http-handler'
import { AnswerTooLargeError, deadlineMessage, readCapped, startDeadline } from './deadline.js'

type HandleArguments = Parameters<NodeHttpHandler['handle']>
type Handled = Awaited<ReturnType<NodeHttpHandler['handle']>>

/** One attempt past `request-timeout`; named as the SDK's retry strategy knows timeouts. */
export class RequestDeadlineError extends Error {
  override name = 'TimeoutError'
}

export interface DeadlineOptions {
  /** The deadline of each attempt, from send to the last byte of the answer. */
  deadlineMs: number
  /** An answer longer than this is refused (AnswerTooLargeError, not retried). */
  maxAnswerBytes: number
}

/** `BatchGetImage`, from the `X-Amz-Target` of an AWS JSON call; else the method and host. */
function callName(request: HandleArguments[0]): string {
  const target = request.headers['x-amz-target'] ?? request.headers['X-Amz-Target']
  if (target) return target.slice(target.lastIndexOf('.') + 1)
  return `${request.method} ${request.hostname}`
}

/** The caller's own abort signal, when it gave one the platform's AbortSignal.any can join. */
function callerSignal(options: HandleArguments[1]): AbortSignal[] {
  const signal = options?.abortSignal
  return signal instanceof AbortSignal ? [signal] : []
}

export class DeadlineHttpHandler extends NodeHttpHandler {
  readonly #deadline: DeadlineOptions

  constructor(options: NodeHttpHandlerOptions, deadline: DeadlineOptions) {
    super(options)
    this.#deadline = deadline
  }

  override async handle(...[request, options]: HandleArguments): Promise<Handled> {
    const { deadlineMs, maxAnswerBytes } = this.#deadline
    const name = callName(request)
    const deadline = startDeadline(
      deadlineMs,
      () => new RequestDeadlineError(deadlineMessage(name, deadlineMs))
    )
    const signal = AbortSignal.any([deadline.signal, ...callerSignal(options)])
    try {
      const handled = await super.handle(request, { ...options, abortSignal: signal })
      const body: unknown = handled.response.body
      if (body instanceof Readable) {
        // The handler stops listening once the headers are in: the deadline ends the body itself.
        const stop = () => body.destroy(signal.reason as Error)
        signal.addEventListener('abort', stop, { once: true })
        try {
          handled.response.body = await readCapped(
            body,
            maxAnswerBytes,
            () => new AnswerTooLargeError(`the answer to ${name}`, maxAnswerBytes)
          )
        } finally {
          signal.removeEventListener('abort', stop)
        }
      }
      return handled
    } catch (error) {
      // NodeHttpHandler reports the abort as an AbortError; the deadline's own error is the cause.
      if (deadline.signal.aborted) throw deadline.signal.reason
      throw error
    } finally {
      deadline.clear()
    }
  }
}
