// Whether the manifest that came back is the one asked for: ECR's digest of an image is the
// sha256 of its manifest bytes (of the signed payload, for a signed Docker schema 1 manifest), so
// an id asked by digest can be checked without trusting anyone.

import { hash } from 'node:crypto'
import { isPlainObject } from '../json.js'
import type { EcrImage, ImageResult } from '../types.js'

export function sha256Digest(text: string | Buffer): string {
  // One-shot (a string is hashed as UTF-8): no Hash object per manifest, 10,000 times at scale.
  return `sha256:${hash('sha256', text, 'hex')}`
}

/**
 * The payload a signed schema 1 manifest's digest is of: the first `formatLength` bytes, then the
 * base64url-decoded `formatTail`, both from the (base64url JSON) `protected` header of its first
 * signature (libtrust writes the same into every one). Undefined when the text is not one.
 */
export function schema1Payload(manifest: string): Buffer | undefined {
  // Cheap tests first: a 4 MB index is not parsed again to learn it is not schema 1.
  if (!manifest.includes('"signatures"') || !/"schemaVersion"\s*:\s*1\b/.test(manifest))
    return undefined
  try {
    const parsed: unknown = JSON.parse(manifest)
    if (!isPlainObject(parsed) || parsed.schemaVersion !== 1) return undefined
    const [signature] = Array.isArray(parsed.signatures) ? (parsed.signatures as unknown[]) : []
    if (!isPlainObject(signature) || typeof signature.protected !== 'string') return undefined
    const header: unknown = JSON.parse(
      Buffer.from(signature.protected, 'base64url').toString('utf8')
    )
    if (!isPlainObject(header)) return undefined
    const { formatLength, formatTail } = header
    const bytes = Buffer.from(manifest, 'utf8')
    if (typeof formatTail !== 'string' || !Number.isSafeInteger(formatLength)) return undefined
    if ((formatLength as number) < 0 || (formatLength as number) > bytes.length) return undefined
    return Buffer.concat([
      bytes.subarray(0, formatLength as number),
      Buffer.from(formatTail, 'base64url')
    ])
  } catch {
    return undefined
  }
}

/** A manifest's digest as a registry computes it: of the signed payload for schema 1. */
export function registryDigest(manifest: string, plain?: string): string {
  const payload = schema1Payload(manifest)
  return payload ? sha256Digest(payload) : (plain ?? sha256Digest(manifest))
}

/** Each answer's digest, computed once: inspect and judge both ask, 10,000 times at scale. */
const digests = new WeakMap<EcrImage, string>()

/** The digest of the manifest as returned, when it came back. */
export function manifestDigest(image: EcrImage | undefined): string | undefined {
  if (image?.imageManifest === undefined) return undefined
  let digest = digests.get(image)
  if (digest === undefined) {
    // Most answers hash, as they are, to the digest ECR echoes; only one that does not can be a
    // signed schema 1 manifest (whose digest is of its payload), so only then is that looked for.
    const plain = sha256Digest(image.imageManifest)
    digest =
      plain === image.imageId?.imageDigest ? plain : registryDigest(image.imageManifest, plain)
    digests.set(image, digest)
  }
  return digest
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
