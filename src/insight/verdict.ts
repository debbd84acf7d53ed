// Decides, in this one place, what each answer means for the job: found, missing or failed,
// which annotation it gets under the if-missing / if-exists policies, whether the manifest is
// what was asked for, and whether the platform asked for is there.

import { describeCallError } from '../ecr/call-errors.js'
import { IMAGE_NOT_FOUND } from '../ecr/results.js'
import {
  annotationTitle,
  type ExistsPolicy,
  type ImageResult,
  type MissingPolicy
} from '../types.js'
import type { Inspection } from './inspect.js'
import { integrityProblem, manifestDigest } from './integrity.js'
import type { ConfigOutput } from './image-config.js'
import type { ManifestInfo } from './manifest-types.js'

export type Status = 'found' | 'missing' | 'failed'
export type Level = 'error' | 'warning' | 'notice'

export interface Annotation {
  level: Level
  title: string
  message: string
}

export interface Verdict {
  result: ImageResult
  status: Status
  /** The digest to report and pin: ECR's digest of the stored image. */
  digest?: string
  /** Failure code or our own code (IntegrityError, CallError) for failed and missing ids. */
  code?: string
  reason?: string
  annotations: Annotation[]
  failsJob: boolean
  /** What the manifest says, for a found image (and one whose platform is missing). */
  manifest?: ManifestInfo
  /** With the `platform` input: the digest of the platform manifest to pin. */
  platformDigest?: string
  /** The image config, when it was read. */
  config?: ConfigOutput
  labels?: Record<string, string>
}

export interface Policies {
  ifMissing: MissingPolicy
  ifExists: ExistsPolicy
}

/** The verdict on one answer, given what the insight stage found out about it. */
export function judge(
  result: ImageResult,
  policies: Policies,
  inspection: Inspection = {}
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
  if (inspection.platformProblem !== undefined)
    return failFound(verdict, 'PlatformNotFound', inspection.platformProblem, title)
  // A config that cannot be read, says another platform or misses a required label: the image
  // exists, but is not what the deploy should run, and nothing is claimed about its platform.
  if (inspection.configProblem)
    return failFound(verdict, inspection.configProblem.code, inspection.configProblem.reason, title)
  if (inspection.platformDigest) verdict.platformDigest = inspection.platformDigest
  return verdict
}

function failFound(verdict: Verdict, code: string, reason: string, title: string): Verdict {
  return {
    ...verdict,
    status: 'failed',
    code,
    reason,
    failsJob: true,
    annotations: [...verdict.annotations, { level: 'error', title, message: reason }]
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
 * The annotations to show. A call that failed as a whole gives every id in it the same error:
 * one annotation per failed call says it once (GitHub shows only the first 10 errors of a step),
 * naming the ids it covers. Every other annotation is about one id and stays as it is.
 */
export function annotationsToShow(verdicts: Verdict[]): Annotation[] {
  const shown: Annotation[] = []
  const callErrors = new Map<
    string,
    { annotation: Annotation; repository: string; keys: string[] }
  >()
  for (const verdict of verdicts) {
    for (const annotation of verdict.annotations) {
      if (verdict.code !== 'CallError') {
        shown.push(annotation)
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
      shown.push(entry.annotation)
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
