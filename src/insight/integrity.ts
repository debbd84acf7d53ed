// Whether the manifest that came back is the one asked for: ECR's digest of an image is the
// sha256 of its manifest bytes, so an id asked by digest can be checked without trusting anyone.

import { createHash } from 'node:crypto'
import type { EcrImage, ImageResult } from '../types.js'

export function sha256Digest(data: string | Uint8Array): string {
  const hash = createHash('sha256')
  const bytes = typeof data === 'string' ? hash.update(data, 'utf8') : hash.update(data)
  return `sha256:${bytes.digest('hex')}`
}

/** The digest of the manifest as returned, when it came back. */
export function manifestDigest(image: EcrImage | undefined): string | undefined {
  return image?.imageManifest === undefined ? undefined : sha256Digest(image.imageManifest)
}

/** Why the manifest returned for an id asked by digest is not that image; undefined when it is. */
export function integrityProblem(result: ImageResult): string | undefined {
  const asked = result.request.imageDigest
  const computed = manifestDigest(result.image)
  if (asked === undefined || computed === undefined || computed === asked) return undefined
  return (
    `integrity check failed: the manifest returned for ${asked} hashes to ${computed}; ` +
    'the registry or something between returned a different manifest than the one asked for'
  )
}
