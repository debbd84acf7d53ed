// The manifests signatures live in, read defensively: a `.sig` tag's manifest (simple-signing
// layers), a Sigstore bundle referrer (one bundle layer), a Notation referrer (one envelope layer).
// Registry text: every digest, media type, size and annotation is checked before it is used.

import { DIGEST_PATTERN, MEDIA_TYPE_PATTERN } from '../../media-types.js'

/** A layer a signature's bytes are read from. */
export interface SignatureLayer {
  mediaType: string
  digest: string
  size: number
  annotations: Record<string, string>
}

export interface SignatureManifest {
  artifactType?: string
  subjectDigest?: string
  layers: SignatureLayer[]
  /** Layers beyond MAX_LAYERS, not read. */
  skipped: number
}

/** Layers read from one signature manifest; cosign puts one per signature in a `.sig` manifest. */
export const MAX_LAYERS = 16
/** Annotation values kept: a PEM certificate chain and a Rekor bundle fit. */
const MAX_ANNOTATION = 64 * 1024
const MAX_ANNOTATIONS = 32

function annotationsOf(raw: unknown): Record<string, string> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {}
  const pairs = Object.entries(raw as Record<string, unknown>).filter(
    (pair): pair is [string, string] =>
      typeof pair[1] === 'string' && pair[0].length <= 256 && pair[1].length <= MAX_ANNOTATION
  )
  return Object.fromEntries(pairs.slice(0, MAX_ANNOTATIONS))
}

function layerOf(raw: unknown): SignatureLayer | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined
  const { mediaType, digest, size, annotations } = raw as Record<string, unknown>
  if (typeof mediaType !== 'string' || !MEDIA_TYPE_PATTERN.test(mediaType)) return undefined
  if (typeof digest !== 'string' || !DIGEST_PATTERN.test(digest)) return undefined
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) return undefined
  return { mediaType, digest, size, annotations: annotationsOf(annotations) }
}

/** An OCI image manifest's signature-relevant parts, or undefined when it is not one. */
export function parseSignatureManifest(text: string): SignatureManifest | undefined {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined
  const manifest = parsed as Record<string, unknown>
  if (manifest.schemaVersion !== 2 || !Array.isArray(manifest.layers)) return undefined
  const layers = manifest.layers.slice(0, MAX_LAYERS).map(layerOf)
  if (layers.some((layer) => layer === undefined)) return undefined
  const subject = (manifest.subject as { digest?: unknown } | undefined)?.digest
  const artifactType =
    manifest.artifactType ?? (manifest.config as { mediaType?: unknown } | undefined)?.mediaType
  return {
    ...(typeof artifactType === 'string' && MEDIA_TYPE_PATTERN.test(artifactType)
      ? { artifactType }
      : {}),
    ...(typeof subject === 'string' && DIGEST_PATTERN.test(subject)
      ? { subjectDigest: subject }
      : {}),
    layers: layers as SignatureLayer[],
    skipped: Math.max(0, manifest.layers.length - MAX_LAYERS)
  }
}
