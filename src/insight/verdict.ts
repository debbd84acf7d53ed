// Decides, in this one place, what each answer means for the job: found, missing or failed,
// which annotation it gets under the if-missing / if-exists policies, whether the manifest is
// what was asked for, whether the platform asked for is there, and whether an image grew past
// max-size-increase against its compare-to baseline. A gate that cannot decide (a size it could
// not measure, referrers it could not list) fails the id with its own code, never passes it.

import { describeCallError } from '../ecr/call-errors.js'
import { IMAGE_NOT_FOUND } from '../ecr/results.js'
import {
  annotationTitle,
  type ExistsPolicy,
  type ImageResult,
  type MissingPolicy
} from '../types.js'
import type { SizeLimit } from '../inputs/compare.js'
import { humanSize, sizeChange } from '../sizes.js'
import type { SizeGap, SizeGrowth } from './compare.js'
import { type Annotation, type CountedAnnotation, withinBudget } from './annotation-budget.js'
import type { Inspection } from './inspect.js'
import { integrityProblem, manifestDigest } from './integrity.js'
import type { ConfigOutput } from './image-config.js'
import type { ManifestInfo } from './manifest-types.js'
import type { ReferrersPolicy } from '../inputs/referrers.js'
import type { ReferrerFacts } from './referrer-types.js'

export type Status = 'found' | 'missing' | 'failed'
export type { Annotation, CountedAnnotation, Level } from './annotation-budget.js'

export interface Verdict {
  result: ImageResult
  status: Status
  /** The digest to report and pin: ECR's digest of the stored image. */
  digest?: string
  /** Failure code or our own code (IntegrityError, CallError) for failed and missing ids. */
  code?: string
  /** A found image failing several gates: each gate's code, the first one being `code`. */
  codes?: string[]
  reason?: string
  annotations: Annotation[]
  failsJob: boolean
  /** What the manifest says, for a found image (and one whose platform is missing). */
  manifest?: ManifestInfo
  /** With the `platform` input: the digest of the platform manifest to pin. */
  platformDigest?: string
  /** With `referrers` / `require-referrers`: what is attached to the image. */
  referrers?: ReferrerFacts
  /** The image config, when it was read. */
  config?: ConfigOutput
  labels?: Record<string, string>
}

export interface Policies {
  ifMissing: MissingPolicy
  ifExists: ExistsPolicy
  referrers?: ReferrersPolicy
  compare?: { label: string; maxSizeIncrease?: SizeLimit }
}

/** With compare-to: the sizes measured against the baseline, or why none could be. */
export interface ComparisonFacts {
  growth?: SizeGrowth[]
  /** Sizes that could not be measured against the baseline: which, and what is missing. */
  gaps?: SizeGap[]
  /** The baseline could not be read: ECR's failure, the call's error, a failed integrity check. */
  baselineProblem?: string
  /** ECR has no image at the baseline (ImageNotFound): the image is new. */
  baselineMissing?: boolean
}

/** The verdict on one answer, given what the insight stage found out about it. */
export function judge(
  result: ImageResult,
  policies: Policies,
  inspection: Inspection & ComparisonFacts = {}
): Verdict {
  const title = annotationTitle(result.request)
  if (result.error) {
    const reason = describeCallError(result.error, result.request)
    return failed(result, 'CallError', reason, [{ level: 'error', title, message: reason }])
  }
  if (result.failure) {
    const code = result.failure.failureCode ?? 'UnknownFailure'
    const reason = result.failure.failureReason ?? ''
    const message = reason ? `${code}: ${reason}` : code
    if (code === IMAGE_NOT_FOUND) {
      const annotations: Annotation[] =
        policies.ifMissing === 'ignore'
          ? []
          : [{ level: policies.ifMissing === 'fail' ? 'error' : 'warning', title, message }]
      return {
        result,
        status: 'missing',
        code,
        reason,
        annotations,
        failsJob: policies.ifMissing === 'fail'
      }
    }
    // Any other code (invalid id, tag/digest mismatch, KMS, upstream, one we do not know yet)
    // means the request or the registry is wrong, not that the image is absent.
    return failed(result, code, reason, [{ level: 'error', title, message }])
  }
  const mismatch = integrityProblem(result)
  if (mismatch !== undefined)
    return failed(result, 'IntegrityError', mismatch, [
      { level: 'error', title, message: mismatch }
    ])
  const verdict = judgeFound(result, policies, title)
  if (inspection.manifest) verdict.manifest = inspection.manifest
  if (inspection.config) verdict.config = inspection.config
  if (inspection.labels) verdict.labels = inspection.labels
  if (inspection.referrers) verdict.referrers = inspection.referrers
  // Every gate is judged, so an id failing two of them shows both: the first failure's code
  // stays the id's code, and each reason keeps its own annotation.
  const failures: Failure[] = []
  if (inspection.platformProblem !== undefined)
    failures.push({ code: 'PlatformNotFound', reasons: [inspection.platformProblem] })
  // An index entry whose config says another platform: what the index lists is not what runs.
  if (inspection.platformConflicts?.length)
    failures.push({
      code: 'PlatformMismatch',
      reasons: inspection.platformConflicts.map(
        ({ digest, listed, config }) =>
          `the index lists ${digest} as ${listed}, but its config says ${config}`
      )
    })
  // A config that cannot be read, says another platform or misses a required label: the image
  // exists, but is not what the deploy should run, and nothing is claimed about its platform.
  if (inspection.configProblem)
    failures.push({
      code: inspection.configProblem.code,
      reasons: [inspection.configProblem.reason]
    })
  if (failures.length === 0 && inspection.platformDigest)
    verdict.platformDigest = inspection.platformDigest
  if (policies.compare) {
    const gate = sizeGate(policies.compare, inspection, result.request.repositoryName)
    if (gate.warning !== undefined)
      verdict.annotations.push({ level: 'warning', title, message: gate.warning })
    if (gate.unmeasured.length > 0)
      failures.push({ code: 'SizeNotComparable', reasons: gate.unmeasured })
    if (gate.over.length > 0) failures.push({ code: 'SizeIncreaseExceeded', reasons: gate.over })
  }
  const referrers = referrersGate(inspection.referrers, policies.referrers?.required ?? [])
  if (referrers) failures.push(referrers)
  return failures.length === 0 ? verdict : failFound(verdict, failures, title)
}

/** One gate an id fails: its code, and a reason per annotation. */
interface Failure {
  code: string
  reasons: string[]
}

/**
 * require-referrers: a required kind the image lacks fails it (ReferrersMissing), naming what it
 * does have; one that was not found while the listing was incomplete is unknown
 * (ReferrersUnknown), naming the call that failed. Nothing listed at all is unknown too.
 */
function referrersGate(facts: ReferrerFacts | undefined, required: string[]): Failure | undefined {
  if (required.length === 0) return undefined
  if (!facts)
    return {
      code: 'ReferrersUnknown',
      reasons: [
        `${required.join(', ')} could not be checked: the image's referrers were not listed ` +
          '(no manifest or digest came back to list them by)'
      ]
    }
  const missing = required.filter((kind) => !(facts.counted[kind] ?? 0))
  if (missing.length === 0) return undefined
  const kinds = ['signature', 'sbom', 'attestation', 'other']
  const has = kinds.filter((kind) => facts.counted[kind]).map((k) => `${k} (${facts.counted[k]})`)
  const hasText = `has ${has.length > 0 ? has.join(', ') : 'none'}`
  if (facts.uncertain.length > 0)
    return {
      code: 'ReferrersUnknown',
      reasons: [
        `${missing.join(', ')} not found, but the list of what is attached is incomplete, so ` +
          `it may be there: ${facts.uncertain.join('; ')}; ${hasText}`
      ]
    }
  const notes = [
    facts.notCounted > 0 ? `${facts.notCounted} archived or not active, not counted` : '',
    ...facts.problems
  ].filter(Boolean)
  return {
    code: 'ReferrersMissing',
    reasons: [
      `missing ${missing.join(', ')} (no ACTIVE referrer or cosign tag of that kind); ${hasText}` +
        (notes.length > 0 ? `; ${notes.join('; ')}` : '')
    ]
  }
}

/**
 * The size gate: growth past max-size-increase (a reason per image or platform, with both
 * sizes), and every size it could not measure (a reason naming which and why). Without
 * max-size-increase there is no gate: a baseline that could not be read only warns.
 */
function sizeGate(
  compare: NonNullable<Policies['compare']>,
  facts: ComparisonFacts,
  repository: string
): { over: string[]; unmeasured: string[]; warning?: string } {
  const limit = compare.maxSizeIncrease
  const { label } = compare
  if (!limit) {
    if (facts.baselineProblem === undefined) return { over: [], unmeasured: [] }
    return {
      over: [],
      unmeasured: [],
      warning: `not compared with ${label}: ${facts.baselineProblem}`
    }
  }
  const unchecked = `max-size-increase ${limit.text} cannot be checked`
  if (facts.baselineProblem !== undefined)
    return {
      over: [],
      unmeasured: [
        `could not read the baseline ${label}, so ${unchecked}: ${facts.baselineProblem}`
      ]
    }
  if (facts.baselineMissing)
    return {
      over: [],
      unmeasured: [
        `${repository} has no image ${label} (ImageNotFound) to measure growth against, so ` +
          `${unchecked}; push ${label} first, set compare-to to an image the repository has, ` +
          'or leave max-size-increase unset until it has one'
      ]
    }
  if (facts.growth === undefined)
    // A found image always has a comparison; none at all is still no measurement.
    return { over: [], unmeasured: [`not compared with ${label}, so ${unchecked}`] }
  const over = facts.growth.filter((growth) => exceeds(growth, limit))
  return {
    unmeasured: (facts.gaps ?? []).map(
      ({ platform, reason }) =>
        `${platform ? `${platform}: ` : ''}size not compared with ${label}, so ${unchecked}: ${reason}`
    ),
    over: over.map(
      ({ platform, size, baselineSize }) =>
        `${platform ? `${platform}: ` : ''}${humanSize(baselineSize)} → ${humanSize(size)} ` +
        `(${sizeChange(size, baselineSize)}) against ${label}, more than ` +
        `max-size-increase ${limit.text}`
    )
  }
}

function exceeds({ size, baselineSize }: SizeGrowth, limit: SizeLimit): boolean {
  const delta = size - baselineSize
  return 'percent' in limit ? delta * 100 > limit.percent * baselineSize : delta > limit.bytes
}

function failFound(verdict: Verdict, failures: Failure[], title: string): Verdict {
  const reasons = failures.flatMap((failure) => failure.reasons)
  return {
    ...verdict,
    status: 'failed',
    code: failures[0]!.code,
    codes: failures.map((failure) => failure.code),
    reason: reasons.join('; '),
    failsJob: true,
    annotations: [
      ...verdict.annotations,
      ...reasons.map((message) => ({ level: 'error' as const, title, message }))
    ]
  }
}

function judgeFound(result: ImageResult, policies: Policies, title: string): Verdict {
  const image = result.image ?? {}
  const ecrDigest = image.imageId?.imageDigest
  const asked = result.request.imageDigest
  const annotations: Annotation[] = []
  const computed = manifestDigest(image)
  if (computed !== undefined) {
    if (asked === undefined && ecrDigest !== undefined && computed !== ecrDigest) {
      annotations.push({
        level: 'notice',
        title,
        message:
          `ECR converted the manifest to ${image.imageManifestMediaType ?? 'another media type'} to ` +
          `satisfy accepted-media-types (the converted manifest hashes to ${computed}); the digest ` +
          `reported is ECR's digest of the stored image, ${ecrDigest}.`
      })
    }
  }
  if (policies.ifExists !== 'ignore') {
    annotations.push({
      level: policies.ifExists === 'fail' ? 'error' : 'warning',
      title,
      message: `the image exists (${ecrDigest ?? 'no digest'}) and if-exists is ${policies.ifExists}`
    })
  }
  const verdict: Verdict = {
    result,
    status: 'found',
    annotations,
    failsJob: policies.ifExists === 'fail'
  }
  if (ecrDigest !== undefined) verdict.digest = ecrDigest
  return verdict
}

function failed(
  result: ImageResult,
  code: string,
  reason: string,
  annotations: Annotation[]
): Verdict {
  return { result, status: 'failed', code, reason, annotations, failsJob: true }
}

/** How many ids a collapsed annotation names before "and N more". */
const IDS_NAMED = 10

/**
 * The annotations to show, within GitHub's 10 per level (annotation-budget.ts). A call that
 * failed as a whole gives every id in it the same error: one annotation per failed call says it
 * once, naming the ids it covers. Every other annotation is about one id and stays as it is.
 */
export function annotationsToShow(verdicts: Verdict[]): Annotation[] {
  return withinBudget(countedAnnotations(verdicts))
}

/** Every id's annotations, those of one failed call said once: what the step's budget shares. */
export function countedAnnotations(verdicts: Verdict[]): CountedAnnotation[] {
  const shown: CountedAnnotation[] = []
  const callErrors = new Map<
    string,
    { annotation: Annotation; repository: string; keys: string[] }
  >()
  for (const verdict of verdicts) {
    for (const annotation of verdict.annotations) {
      if (verdict.code !== 'CallError') {
        shown.push({ annotation, about: aboutOf(verdict) })
        continue
      }
      const grouped = callErrors.get(annotation.message)
      if (grouped) {
        grouped.keys.push(verdict.result.request.key)
        continue
      }
      const entry = {
        annotation: { ...annotation },
        repository: verdict.result.request.repositoryName,
        keys: [verdict.result.request.key]
      }
      callErrors.set(annotation.message, entry)
      shown.push({ annotation: entry.annotation, about: 'failed calls' })
    }
  }
  for (const { annotation, repository, keys } of callErrors.values()) {
    if (keys.length === 1) continue
    const named = keys.slice(0, IDS_NAMED).join(', ')
    const more = keys.length > IDS_NAMED ? ` and ${keys.length - IDS_NAMED} more` : ''
    annotation.title = `${repository}: ${keys.length} image ids`
    annotation.message = `${annotation.message} Image ids: ${named}${more}.`
  }
  return shown
}

/** What an id's annotation is about, in the words of the count of those left out. */
function aboutOf(verdict: Verdict): string {
  if (verdict.status === 'missing') return 'not found'
  if (verdict.status === 'failed') return 'failed'
  return 'found'
}
