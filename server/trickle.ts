// Answers sent slowly on purpose: the status and headers at once, then the body one byte at a
// time, as a server that means to hold its client would. Shared by the ECR server (its calls and
// its blob downloads) and the GitHub server; a client with a whole-request deadline ends it.
import type { ServerResponse } from 'node:http'
import { setTimeout as delay } from 'node:timers/promises'

/** Waits `ms`, or less when `signal` aborts (the client went away, or the server closes). */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>

export const realSleep: Sleep = (ms, signal) =>
  delay(ms, undefined, { signal }).catch(() => {
    // Aborted: the caller checks whether there is still anyone to answer.
  })

/** How a body is trickled: one byte, then `intervalMs`, until it is sent or the client leaves. */
export interface Pace {
  intervalMs: number
  sleep: Sleep
  /** Aborted when the client goes away or the server closes. */
  signal: AbortSignal
}

/** A signal aborted when `response` closes (sent, or its client gone) or `closing` aborts. */
export function whileOpen(response: ServerResponse, closing: AbortSignal): AbortSignal {
  const gone = new AbortController()
  response.on('close', () => gone.abort())
  return AbortSignal.any([gone.signal, closing])
}

/** Ends `response` with `body`: at once, or in a trickle when a pace is given. */
export async function endWith(response: ServerResponse, body: Buffer, pace?: Pace): Promise<void> {
  if (!pace) {
    response.end(body)
    return
  }
  response.flushHeaders()
  for (let at = 0; at < body.length; at++) {
    if (pace.signal.aborted || response.destroyed) return
    response.write(body.subarray(at, at + 1))
    await pace.sleep(pace.intervalMs, pace.signal)
  }
  if (!response.destroyed) response.end()
}
