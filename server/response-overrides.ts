// Answers the server gives on purpose instead of ECR's, so the action's handling of registries
// that answer oddly can be tested end to end: a body replaced outright (a malformed shape),
// fields of every image replaced (hostile values), or the tag echo of moto (the emulator
// LocalStack builds on), which echoes an image's newest tag instead of the one asked for.
// Set through `Faults.respond()` or `POST /__faults` with `{ "respond": { … } }`.
import { InvalidFaultPlanError } from './faults-error.js'
import type { Registry } from './store.js'

export interface ResponseOverride {
  /** Only BatchGetImage calls for this repository (default: every one). */
  repositoryName?: string
  /** The whole JSON body answered, as given. */
  body?: unknown
  /** Fields set on every image answered (`imageId` fields merged into the image id). */
  patchImages?: Record<string, unknown>
  /** Echo each image's newest tag, as moto does, instead of the tag asked for. */
  echoNewestTag?: boolean
}

export function readResponseOverride(value: unknown): ResponseOverride {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InvalidFaultPlanError('respond must be a JSON object')
  const record = value as Record<string, unknown>
  const known = ['repositoryName', 'body', 'patchImages', 'echoNewestTag']
  const unknown = Object.keys(record).filter((key) => !known.includes(key))
  if (unknown.length > 0)
    throw new InvalidFaultPlanError(`respond: unknown key(s) ${unknown.join(', ')}`)
  if (record.repositoryName !== undefined && typeof record.repositoryName !== 'string')
    throw new InvalidFaultPlanError('respond.repositoryName must be a string')
  if (
    record.patchImages !== undefined &&
    (typeof record.patchImages !== 'object' || record.patchImages === null)
  )
    throw new InvalidFaultPlanError('respond.patchImages must be a JSON object')
  if (record.echoNewestTag !== undefined && typeof record.echoNewestTag !== 'boolean')
    throw new InvalidFaultPlanError('respond.echoNewestTag must be a boolean')
  return record
}

interface AnsweredImage {
  imageId?: { imageDigest?: string; imageTag?: string }
  [field: string]: unknown
}

/** The body to send for a BatchGetImage call: ECR's answer, or what an override makes of it. */
export function overrideResponse(
  overrides: readonly ResponseOverride[],
  request: Record<string, unknown>,
  answer: unknown,
  registry: Registry
): unknown {
  const override = overrides.find(
    (o) => o.repositoryName === undefined || o.repositoryName === request.repositoryName
  )
  if (!override) return answer
  if (override.body !== undefined) return override.body
  const output = answer as { images: AnsweredImage[]; failures: unknown[] }
  const images = output.images.map((image) => {
    let imageId = { ...image.imageId }
    if (override.echoNewestTag && imageId.imageDigest) {
      const newest = newestTag(registry, request, imageId.imageDigest)
      if (newest !== undefined) imageId.imageTag = newest
    }
    const patch = override.patchImages ?? {}
    if (typeof patch.imageId === 'object' && patch.imageId !== null)
      imageId = { ...imageId, ...patch.imageId }
    return { ...image, ...patch, imageId }
  })
  return { ...output, images }
}

/** The tag most recently pushed to point at `digest`. */
function newestTag(
  registry: Registry,
  request: Record<string, unknown>,
  digest: string
): string | undefined {
  const registryId = typeof request.registryId === 'string' ? request.registryId : undefined
  const repository = registry.getRepository(String(request.repositoryName), registryId)
  return [...repository.tags]
    .filter(([, tagged]) => tagged === digest)
    .map(([tag]) => tag)
    .pop()
}
