// The manifest, config and layer media types the server knows, and ECR's by-tag conversion
// between Docker schema 2 and OCI single-image manifests.

// One list of media types for the action and the server alike.
export { MEDIA_TYPES } from '../src/media-types.js'
import { MEDIA_TYPES } from '../src/media-types.js'

/** Docker schema 2 type → its OCI counterpart, for the manifest and every descriptor in it. */
const DOCKER_TO_OCI: ReadonlyMap<string, string> = new Map([
  [MEDIA_TYPES.dockerManifest, MEDIA_TYPES.ociManifest],
  [MEDIA_TYPES.dockerConfig, MEDIA_TYPES.ociConfig],
  [MEDIA_TYPES.dockerLayer, MEDIA_TYPES.ociLayer],
  [MEDIA_TYPES.dockerForeignLayer, MEDIA_TYPES.ociNondistributableLayer]
])
const OCI_TO_DOCKER: ReadonlyMap<string, string> = new Map(
  [...DOCKER_TO_OCI].map(([docker, oci]) => [oci, docker])
)

/** Which table converts a manifest stored as `from`, keyed by the media type it converts to. */
const CONVERSIONS: ReadonlyMap<string, { to: string; table: ReadonlyMap<string, string> }> =
  new Map([
    [MEDIA_TYPES.dockerManifest, { to: MEDIA_TYPES.ociManifest, table: DOCKER_TO_OCI }],
    [MEDIA_TYPES.ociManifest, { to: MEDIA_TYPES.dockerManifest, table: OCI_TO_DOCKER }]
  ])

export interface ConvertedManifest {
  manifest: string
  mediaType: string
}

interface Descriptor {
  mediaType?: unknown
}

/**
 * What ECR does when an image pulled by tag is stored in a format the client does not accept:
 * a Docker schema 2 manifest is served as OCI and an OCI one as Docker schema 2, rewriting the
 * media types of the manifest, its config and its layers. Returns null when the image cannot be
 * served in an accepted type (lists and indexes, or a descriptor type with no counterpart, such
 * as zstd layers or OCI artifacts). Serialized with a 3-space indent, as ECR does.
 */
export function convertManifest(
  manifest: string,
  storedMediaType: string,
  acceptedMediaTypes: readonly string[]
): ConvertedManifest | null {
  const conversion = CONVERSIONS.get(storedMediaType)
  if (!conversion || !acceptedMediaTypes.includes(conversion.to)) return null
  const parsed = JSON.parse(manifest) as { config?: Descriptor; layers?: Descriptor[] }
  if (!parsed.config || !Array.isArray(parsed.layers)) return null
  const convert = (descriptor: Descriptor): Descriptor | null => {
    const target = conversion.table.get(String(descriptor.mediaType))
    return target ? { ...descriptor, mediaType: target } : null
  }
  const config = convert(parsed.config)
  const layers = parsed.layers.map(convert)
  if (!config || layers.some((layer) => layer === null)) return null
  const converted = { schemaVersion: 2, mediaType: conversion.to, ...parsed, config, layers }
  // The spread keeps the stored manifest's other fields but must not bring its mediaType back.
  converted.mediaType = conversion.to
  return { manifest: JSON.stringify(converted, null, 3), mediaType: conversion.to }
}

/**
 * The media type of a pushed manifest when PutImage does not name one: the manifest's own
 * `mediaType` field, else inferred from its shape (schema 1, an index, or an OCI manifest).
 */
export function inferMediaType(manifest: {
  mediaType?: unknown
  schemaVersion?: unknown
  manifests?: unknown
}): string {
  if (typeof manifest.mediaType === 'string' && manifest.mediaType) return manifest.mediaType
  if (manifest.schemaVersion === 1) return MEDIA_TYPES.dockerManifestV1
  if (Array.isArray(manifest.manifests)) return MEDIA_TYPES.ociIndex
  return MEDIA_TYPES.ociManifest
}
