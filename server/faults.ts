// Fault injection: what the server does wrong, on purpose, so the action's retries, timeouts and
// partial failures can be tested against real clients. Driven from tests through this object and
// from other processes (demo, benchmark) through `POST /__faults` with a FaultPlan as JSON.
import { isPlainObject } from '../src/json.js'
import { EcrError } from './ecr-errors.js'
import { InvalidFaultPlanError } from './faults-error.js'
import { readResponseOverride, type ResponseOverride } from './response-overrides.js'

export { InvalidFaultPlanError }

/** One-shot faults, consumed in the order they were added, one per BatchGetImage call. */
export type QueuedFault =
  | { kind: 'throttle' }
  | { kind: 'serverError'; status: number }
  | { kind: 'reset' }
  | { kind: 'hang'; ms: number }

/** Every BatchGetImage call that matches fails with this error, for good. */
export interface RepositoryFailure {
  repositoryName: string
  /** Narrows the match to calls that ask for this tag, to fail one chunk of a repository's ids. */
  imageTag?: string
  /** The operation that fails (default BatchGetImage), e.g. GetDownloadUrlForLayer. */
  operation?: string
  code: string
  message: string
  status: number
}

/** What can be trickled: an ECR operation's answer, or `download`, a GET of a blob's URL. */
export const TRICKLED = [
  'BatchGetImage',
  'ListImageReferrers',
  'GetDownloadUrlForLayer',
  'download'
] as const
export type Trickled = (typeof TRICKLED)[number]

/** Answers sent a byte every `intervalMs` (status and headers at once), as a hostile server would. */
export interface TrickleArgs {
  /** Default BatchGetImage. */
  operation?: Trickled
  /** How many answers; absent, every one until the faults are cleared. */
  count?: number
  /** Default 1000 ms. */
  intervalMs?: number
}

export interface TrickleFault {
  operation: Trickled
  /** Answers still to trickle; Infinity until cleared. */
  remaining: number
  intervalMs: number
}

/** The JSON body of `POST /__faults`; each field adds to what is already set. */
export interface FaultPlan {
  /** Clears every fault first. */
  clear?: boolean
  throttle?: number
  serverError?: number | { count: number; status?: number }
  reset?: number
  hang?: number | { count: number; ms?: number }
  latencyMs?: number
  failRepository?: FailRepositoryArgs | FailRepositoryArgs[]
  /** Answer BatchGetImage differently from ECR (response-overrides.ts). */
  respond?: ResponseOverride | ResponseOverride[]
  /** The next n blob downloads (GETs of presigned URLs) answer 503 SlowDown, as S3 does. */
  failDownloads?: number
  /** Answers sent a byte at a time (a call's or a blob download's). */
  trickle?: TrickleArgs | TrickleArgs[]
}

export type FailRepositoryArgs = Pick<RepositoryFailure, 'repositoryName'> &
  Partial<Omit<RepositoryFailure, 'repositoryName'>>

export interface FaultState {
  queued: QueuedFault[]
  latencyMs: number
  repositoryFailures: RepositoryFailure[]
  responseOverrides: ResponseOverride[]
  /** `remaining` is null for "until cleared" (JSON has no Infinity). */
  trickles: (Omit<TrickleFault, 'remaining'> & { remaining: number | null })[]
}

/** The operation faults apply to, unless a fault says otherwise (latency applies to all). */
const FAULTED_OPERATION = 'BatchGetImage'
const DEFAULT_HANG_MS = 60_000
const DEFAULT_TRICKLE_MS = 1000

function count(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new InvalidFaultPlanError(`${field} must be a non-negative integer`)
  }
  return value
}

/** Reads `n` or `{count: n, [option]: v}`, the two shapes counted faults take in a plan. */
function countWith(
  value: unknown,
  field: string,
  option: string
): { count: number; option?: unknown } {
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>
    return { count: count(record.count, `${field}.count`), option: record[option] }
  }
  return { count: count(value, field) }
}

export class Faults {
  private queue: QueuedFault[] = []
  private failures: RepositoryFailure[] = []
  private latency = 0
  /** Read by the server when it answers BatchGetImage (overrideResponse). */
  readonly responseOverrides: ResponseOverride[] = []
  private downloadFailures = 0
  private trickles: TrickleFault[] = []

  /** The next `times` calls get ThrottlingException (HTTP 400); SDKs retry it with backoff. */
  throttle(times: number): this {
    return this.enqueue(times, { kind: 'throttle' })
  }

  /** The next `times` calls get a server error: ServerException for 500, else ServiceUnavailable. */
  serverError(times: number, status = 500): this {
    if (status < 500 || status > 599)
      throw new InvalidFaultPlanError('serverError.status must be 5xx')
    return this.enqueue(times, { kind: 'serverError', status })
  }

  /** The connection of the next `times` calls is reset after part of the response is written. */
  reset(times: number): this {
    return this.enqueue(times, { kind: 'reset' })
  }

  /** The next `times` calls wait `ms` before answering (longer than a client's timeout). */
  hang(times: number, ms = DEFAULT_HANG_MS): this {
    return this.enqueue(times, { kind: 'hang', ms: count(ms, 'hang.ms') })
  }

  /** Delay added to every call of every operation, in milliseconds; 0 turns it off. */
  setLatency(ms: number): this {
    this.latency = count(ms, 'latencyMs')
    return this
  }

  /** Every matching call fails with this error from now on (default: ServerException, 500). */
  failRepository(args: FailRepositoryArgs): this {
    const status = args.status ?? (args.code && args.code !== 'ServerException' ? 400 : 500)
    this.failures.push({
      repositoryName: args.repositoryName,
      ...(args.imageTag === undefined ? {} : { imageTag: args.imageTag }),
      ...(args.operation === undefined ? {} : { operation: args.operation }),
      code: args.code ?? 'ServerException',
      message: args.message ?? `Injected failure for repository '${args.repositoryName}'`,
      status
    })
    return this
  }

  /** BatchGetImage calls (of one repository, when it names one) are answered this way from now on. */
  respond(override: ResponseOverride): this {
    this.responseOverrides.push(readResponseOverride(override))
    return this
  }

  /** The next `times` blob downloads answer 503 (S3's SlowDown); clients retry them. */
  failDownloads(times: number): this {
    this.downloadFailures += count(times, 'failDownloads')
    return this
  }

  /** Whether this blob download fails (and uses up one of the failures). */
  takeDownloadFailure(): boolean {
    if (this.downloadFailures === 0) return false
    this.downloadFailures--
    return true
  }

  /**
   * The answers to `operation` (default BatchGetImage; `download` for blob GETs) are sent one
   * byte every `intervalMs`: `count` of them, or every one until cleared.
   */
  trickle(args: TrickleArgs = {}): this {
    const operation = args.operation ?? FAULTED_OPERATION
    if (!TRICKLED.includes(operation)) {
      throw new InvalidFaultPlanError(`trickle.operation must be one of ${TRICKLED.join(', ')}`)
    }
    const intervalMs = count(args.intervalMs ?? DEFAULT_TRICKLE_MS, 'trickle.intervalMs')
    if (intervalMs === 0) throw new InvalidFaultPlanError('trickle.intervalMs must be at least 1')
    const remaining = args.count === undefined ? Infinity : count(args.count, 'trickle.count')
    this.trickles.push({ operation, remaining, intervalMs })
    return this
  }

  /** The byte interval of this answer, when it is to be trickled (using up one of the count). */
  takeTrickle(operation: string): number | undefined {
    const trickle = this.trickles.find((t) => t.operation === operation && t.remaining > 0)
    if (!trickle) return undefined
    trickle.remaining--
    return trickle.intervalMs
  }

  clear(): this {
    this.trickles = []
    this.responseOverrides.length = 0
    this.queue = []
    this.failures = []
    this.latency = 0
    this.downloadFailures = 0
    return this
  }

  /** Applies a plan received as JSON; throws InvalidFaultPlanError on a malformed one. */
  apply(plan: unknown): this {
    if (typeof plan !== 'object' || plan === null)
      throw new InvalidFaultPlanError('the plan must be a JSON object')
    const p = plan as Record<string, unknown>
    if (p.clear === true) this.clear()
    if (p.throttle !== undefined) this.throttle(count(p.throttle, 'throttle'))
    if (p.serverError !== undefined) {
      const { count: times, option } = countWith(p.serverError, 'serverError', 'status')
      this.serverError(times, option === undefined ? 500 : count(option, 'serverError.status'))
    }
    if (p.reset !== undefined) this.reset(count(p.reset, 'reset'))
    if (p.hang !== undefined) {
      const { count: times, option } = countWith(p.hang, 'hang', 'ms')
      this.hang(times, option === undefined ? DEFAULT_HANG_MS : count(option, 'hang.ms'))
    }
    if (p.latencyMs !== undefined) this.setLatency(count(p.latencyMs, 'latencyMs'))
    if (p.failDownloads !== undefined) this.failDownloads(count(p.failDownloads, 'failDownloads'))
    if (p.failRepository !== undefined) {
      const list: unknown[] = Array.isArray(p.failRepository)
        ? p.failRepository
        : [p.failRepository]
      for (const entry of list) {
        if (!isPlainObject(entry) || typeof entry['repositoryName'] !== 'string') {
          throw new InvalidFaultPlanError('failRepository.repositoryName must be a string')
        }
        this.failRepository(entry as FailRepositoryArgs)
      }
    }
    if (p.trickle !== undefined) {
      const entries: unknown[] = Array.isArray(p.trickle) ? p.trickle : [p.trickle]
      for (const entry of entries) {
        if (!isPlainObject(entry)) throw new InvalidFaultPlanError('trickle must be an object')
        this.trickle(entry)
      }
    }
    if (p.respond !== undefined) {
      const entries: unknown[] = Array.isArray(p.respond) ? p.respond : [p.respond]
      // respond() checks each override's shape: a plan is test input, not trusted.
      for (const entry of entries) this.respond(entry as ResponseOverride)
    }
    return this
  }

  get latencyMs(): number {
    return this.latency
  }

  /** Takes the one-shot fault for this call, if it is one that faults apply to. */
  takeNext(operation: string): QueuedFault | undefined {
    return operation === FAULTED_OPERATION ? this.queue.shift() : undefined
  }

  /** The permanent error for this call, if its repository (and tag) are set to fail. */
  permanentFailure(operation: string, body: Record<string, unknown>): EcrError | undefined {
    const ids = Array.isArray(body.imageIds) ? (body.imageIds as { imageTag?: unknown }[]) : []
    const failure = this.failures.find(
      (f) =>
        (f.operation ?? FAULTED_OPERATION) === operation &&
        f.repositoryName === body.repositoryName &&
        (f.imageTag === undefined || ids.some((id) => id?.imageTag === f.imageTag))
    )
    return failure && new EcrError(failure.code, failure.message, failure.status)
  }

  snapshot(): FaultState {
    return {
      queued: [...this.queue],
      latencyMs: this.latency,
      repositoryFailures: [...this.failures],
      responseOverrides: [...this.responseOverrides],
      trickles: this.trickles.map((t) => ({
        ...t,
        remaining: Number.isFinite(t.remaining) ? t.remaining : null
      }))
    }
  }

  private enqueue(times: number, fault: QueuedFault): this {
    for (let i = 0; i < count(times, fault.kind); i++) this.queue.push({ ...fault })
    return this
  }
}
