// A deadline for a whole request, from sending it to the last byte of the answer, and answers read
// whole under a byte cap. Node's socket timeout and the SDK's `requestTimeout` bound only silence
// (or end when the headers arrive): a server that trickles a body a byte at a time would hold the
// step as long as it liked. Every attempt of an ECR call, a blob download and a GitHub call is
// ended at its deadline instead, and its answer read in full before anyone parses it.

/** `1 s`, `1.5 s`, `500 ms`: how long a deadline was, as an error says it. */
export function durationText(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`
}

/** What a request past its deadline says: which request, how long, and which setting. */
export function deadlineMessage(request: string, ms: number): string {
  return (
    `${request} did not complete within ${durationText(ms)} (request-timeout: the deadline of ` +
    'each attempt, from sending the request to the last byte of the answer)'
  )
}

/** An answer longer than the cap of what it could legitimately be. */
export class AnswerTooLargeError extends Error {
  override name = 'AnswerTooLargeError'
  constructor(what: string, maxBytes: number) {
    super(`${what} is larger than ${maxBytes} bytes`)
  }
}

/** A timer that aborts its signal with `reason()` after `ms`; `clear` when the request is done. */
export function startDeadline(
  ms: number,
  reason: () => Error
): { signal: AbortSignal; clear(): void } {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(reason()), ms)
  return { signal: controller.signal, clear: () => clearTimeout(timer) }
}

/**
 * Reads a body to its end, refusing it once it passes `maxBytes` (stopping the iteration ends
 * the stream). Node streams and fetch's web streams are both async iterables of bytes.
 */
export async function readCapped(
  body: AsyncIterable<Uint8Array | string>,
  maxBytes: number,
  tooLarge: () => Error
): Promise<Buffer> {
  const chunks: Buffer[] = []
  let length = 0
  for await (const chunk of body) {
    const bytes =
      typeof chunk === 'string'
        ? Buffer.from(chunk)
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    length += bytes.length
    if (length > maxBytes) throw tooLarge()
    chunks.push(bytes)
  }
  return Buffer.concat(chunks, length)
}
