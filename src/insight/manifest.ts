// What a manifest says, as plain data: single image or multi-arch, which platforms, which
// digests, how big. Pure and total: registry data is untrusted, so a manifest that is not JSON or
// has the wrong shape yields kind `unknown` with a `problem`, never an exception. The result is
// JSON-serialisable because it becomes the `manifests` output as it is.

import { isPlainObject } from '../json.js'
import { CONTAINER_CONFIG_TYPES, DIGEST_PATTERN, MEDIA_TYPES } from '../media-types.js'
import { formatPlatform, type Platform } from '../platform.js'
import type {
  AttestationManifest,
  ManifestInfo,
  ManifestKind,
  OtherManifest,
  PlatformManifest
} from './manifest-types.js'
import { errorMessage } from '../errors.js'

const {
  dockerManifest: DOCKER_MANIFEST_V2,
  dockerManifestList: DOCKER_MANIFEST_LIST,
  dockerManifestV1: DOCKER_SCHEMA1,
  dockerManifestV1Signed: DOCKER_SCHEMA1_SIGNED,
  ociManifest: OCI_MANIFEST,
  ociIndex: OCI_INDEX
} = MEDIA_TYPES

/** The annotation buildx puts on attestation manifests (value `attestation-manifest`). */
export const REFERENCE_TYPE_ANNOTATION = 'vnd.docker.reference.type'
/** The annotation naming the platform manifest an attestation describes. */
export const REFERENCE_DIGEST_ANNOTATION = 'vnd.docker.reference.digest'

type Json = Record<string, unknown>

const stringField = (object: Json, key: string): string | undefined =>
  typeof object[key] === 'string' ? object[key] : undefined

/**
 * A digest a manifest gives (a child, a config, an attestation's subject): only `sha256:` and 64
 * lower-case hex, as ECR stores them. A child's digest becomes `platform-digest` and the `@…` of
 * `platform-image-uri`, and the manifest's text is whatever was pushed: the index's own digest
 * vouches for these bytes, not for what they say.
 */
const digestField = (object: Json, key: string): string | undefined => {
  const value = object[key]
  return typeof value === 'string' && DIGEST_PATTERN.test(value) ? value : undefined
}

/** A size as a descriptor gives it; anything but a non-negative safe integer counts as absent. */
const sizeField = (object: Json, key: string): number | undefined => {
  const value = object[key]
  return Number.isSafeInteger(value) && (value as number) >= 0 ? (value as number) : undefined
}

/** ECR's largest layer (its service quota "Maximum layer size", 52,000 MiB, not adjustable). */
export const MAX_BLOB_SIZE = 52_000 * 1024 ** 2

/**
 * Why a config or layer descriptor's `size` is no byte count ECR could store; undefined when it
 * is one. Only the value's type or bound is named: the value itself is registry text.
 */
function sizeDefect(descriptor: unknown): string | undefined {
  if (!isPlainObject(descriptor)) return 'is not an object'
  const value = descriptor['size']
  if (value === undefined) return 'has no size'
  if (typeof value !== 'number')
    return `has a size that is ${value === null ? 'null' : `a ${typeof value}`}, not a number`
  if (!Number.isSafeInteger(value)) return 'has a size that is not a whole number of bytes'
  if (value < 0) return 'has a negative size'
  if (value > MAX_BLOB_SIZE)
    return `has a size of ${value} bytes, more than ECR's largest layer (52,000 MiB)`
  return undefined
}

/** The first descriptor whose size is not a byte count, named, with how many more are not. */
function sizeProblem(config: unknown, layers: unknown[]): string | undefined {
  const configDefect = sizeDefect(config)
  let first = configDefect && `the config ${configDefect}`
  let count = first ? 1 : 0
  layers.forEach((layer, position) => {
    const defect = sizeDefect(layer)
    if (!defect) return
    count++
    if (first) return
    const digest = isPlainObject(layer) ? digestField(layer, 'digest') : undefined
    first = `layer #${position}${digest ? ` (${digest})` : ''} ${defect}`
  })
  if (!first) return undefined
  return `size not computed: ${first}${count > 1 ? ` (and ${count - 1} more)` : ''}`
}

/** String-valued annotations only: other values are malformed and would mislead the report. */
function annotationsOf(object: Json): Record<string, string> | undefined {
  const annotations = object['annotations']
  if (!isPlainObject(annotations)) return undefined
  const strings = Object.entries(annotations).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string'
  )
  return strings.length > 0 ? Object.fromEntries(strings) : undefined
}

/** `T` with every optional field allowed to be undefined, as the analysis builds it. */
type Loose<T> = { [K in keyof T]: T[K] | undefined }

/** Drops undefined fields so the JSON output and test expectations stay minimal. */
function compact<T extends object>(value: Loose<T>): T {
  // A loop rather than fromEntries(entries().filter()): it runs for every manifest of a run.
  const result: Record<string, unknown> = {}
  for (const key in value) {
    const field = value[key]
    if (field !== undefined) result[key] = field
  }
  return result as T
}

const KIND_BY_MEDIA_TYPE: Record<string, ManifestKind> = {
  [DOCKER_MANIFEST_V2]: 'image',
  [OCI_MANIFEST]: 'image',
  [DOCKER_MANIFEST_LIST]: 'index',
  [OCI_INDEX]: 'index',
  [DOCKER_SCHEMA1]: 'schema1',
  [DOCKER_SCHEMA1_SIGNED]: 'schema1'
}

/** What an unlabelled manifest is, by shape: OCI artifacts (Helm charts) carry no `mediaType`. */
function inferMediaType(manifest: Json): string | undefined {
  if (manifest['schemaVersion'] === 1) return DOCKER_SCHEMA1
  if (Array.isArray(manifest['manifests'])) return OCI_INDEX
  if (isPlainObject(manifest['config']) && Array.isArray(manifest['layers'])) return OCI_MANIFEST
  return undefined
}

/**
 * Analyses one manifest. `mediaType` is what the registry said (`imageManifestMediaType`); it wins
 * over the manifest's own `mediaType` field, which wins over the shape.
 */
export function analyzeManifest(manifest: string, mediaType?: string): ManifestInfo {
  mediaType ||= undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(manifest)
  } catch (error) {
    const reason = errorMessage(error)
    return compact({ kind: 'unknown', mediaType, problem: `manifest is not valid JSON: ${reason}` })
  }
  if (!isPlainObject(parsed)) {
    return compact({ kind: 'unknown', mediaType, problem: 'manifest is not a JSON object' })
  }

  const declared = mediaType ?? stringField(parsed, 'mediaType')
  const resolved = declared ?? inferMediaType(parsed)
  const base: ManifestInfo = compact({
    kind: 'unknown',
    mediaType: resolved,
    mediaTypeInferred: !declared && resolved ? true : undefined,
    schemaVersion:
      typeof parsed['schemaVersion'] === 'number' ? parsed['schemaVersion'] : undefined,
    artifactType: stringField(parsed, 'artifactType'),
    annotations: annotationsOf(parsed)
  })

  if (!resolved) return { ...base, problem: 'manifest has no media type and no known shape' }
  const kind = KIND_BY_MEDIA_TYPE[resolved]
  if (!kind) return { ...base, problem: `unsupported media type ${resolved}` }
  if (kind === 'image') return analyzeImage(parsed, base)
  if (kind === 'index') return analyzeIndex(parsed, base)
  return analyzeSchema1(parsed, base)
}

function analyzeImage(manifest: Json, base: ManifestInfo): ManifestInfo {
  const config = manifest['config']
  const layers = manifest['layers']
  if (!isPlainObject(config) || !Array.isArray(layers)) {
    return { ...base, problem: 'image manifest without a config object and a layers array' }
  }
  const configMediaType = stringField(config, 'mediaType')
  let problem = sizeProblem(config, layers)
  let size = config['size'] as number
  if (problem === undefined) for (const layer of layers) size += (layer as Json)['size'] as number
  // Each size is within ECR's bound, but a 4 MiB manifest lists enough layers to pass 2^53.
  if (problem === undefined && !Number.isSafeInteger(size))
    problem = 'size not computed: the sizes add up to more than a number holds exactly'
  const isContainer = configMediaType !== undefined && CONTAINER_CONFIG_TYPES.has(configMediaType)
  return compact({
    ...base,
    kind: 'image',
    artifactType: base.artifactType ?? (isContainer ? undefined : configMediaType),
    configDigest: digestField(config, 'digest'),
    configMediaType,
    layerCount: layers.length,
    size: problem === undefined ? size : undefined,
    problem
  })
}

/** A descriptor's common fields; null without a sha256 digest, the one field a child cannot lack. */
function descriptorOf(
  entry: unknown
): { digest: string; mediaType?: string; size?: number } | null {
  if (!isPlainObject(entry)) return null
  const digest = digestField(entry, 'digest')
  if (!digest) return null
  return compact({
    digest,
    mediaType: stringField(entry, 'mediaType'),
    size: sizeField(entry, 'size')
  })
}

function platformOf(entry: Json): (Platform & { osVersion?: string }) | null {
  const platform = entry['platform']
  if (!isPlainObject(platform)) return null
  const os = stringField(platform, 'os')
  const architecture = stringField(platform, 'architecture')
  if (!os || !architecture) return null
  return compact({
    os,
    architecture,
    variant: stringField(platform, 'variant') || undefined,
    osVersion: stringField(platform, 'os.version')
  })
}

function analyzeIndex(manifest: Json, base: ManifestInfo): ManifestInfo {
  const children = manifest['manifests']
  if (!Array.isArray(children)) return { ...base, problem: 'index without a manifests array' }

  const platforms: PlatformManifest[] = []
  const attestations: AttestationManifest[] = []
  const others: OtherManifest[] = []
  const skipped: number[] = []
  children.forEach((entry: unknown, position) => {
    const descriptor = descriptorOf(entry)
    if (!descriptor || !isPlainObject(entry)) return void skipped.push(position)
    const platform = platformOf(entry)
    const referenceType = annotationsOf(entry)?.[REFERENCE_TYPE_ANNOTATION]
    if (referenceType && (!platform || formatPlatform(platform) === 'unknown/unknown')) {
      const annotations = annotationsOf(entry)
      const referenceDigest = annotations && digestField(annotations, REFERENCE_DIGEST_ANNOTATION)
      attestations.push(compact({ ...descriptor, referenceType, referenceDigest }))
    } else if (platform) {
      platforms.push({ platform: formatPlatform(platform), ...platform, ...descriptor })
    } else {
      others.push(compact({ ...descriptor, artifactType: stringField(entry, 'artifactType') }))
    }
  })
  // Name the platform each attestation is about, so the report can say "SBOM of linux/arm64".
  // A map, as a 4 MB index can list tens of thousands of children.
  const platformByDigest = new Map(platforms.map((child) => [child.digest, child.platform]))
  for (const attestation of attestations) {
    const subject = platformByDigest.get(attestation.referenceDigest ?? '')
    if (subject) attestation.referencePlatform = subject
  }

  return compact({
    ...base,
    kind: 'index',
    platforms,
    attestations: attestations.length > 0 ? attestations : undefined,
    others: others.length > 0 ? others : undefined,
    problem:
      skipped.length > 0
        ? `index entries without a sha256 digest were skipped: #${skipped.join(', #')}`
        : undefined
  })
}

/** The OS of a schema 1 image lives in the JSON string of its newest history entry. */
function schema1Os(manifest: Json): string | undefined {
  const history = manifest['history']
  const newest: unknown = Array.isArray(history) ? history[0] : undefined
  const compatibility = isPlainObject(newest) ? stringField(newest, 'v1Compatibility') : undefined
  if (!compatibility) return undefined
  try {
    const config: unknown = JSON.parse(compatibility)
    return isPlainObject(config) ? stringField(config, 'os') : undefined
  } catch {
    return undefined
  }
}

function analyzeSchema1(manifest: Json, base: ManifestInfo): ManifestInfo {
  const fsLayers = manifest['fsLayers']
  const architecture = stringField(manifest, 'architecture')
  const os = schema1Os(manifest)
  return compact({
    ...base,
    kind: 'schema1',
    name: stringField(manifest, 'name'),
    tag: stringField(manifest, 'tag'),
    architecture,
    platform: os && architecture ? formatPlatform({ os, architecture }) : undefined,
    // Schema 1 lists layers without sizes, so no image size can be given.
    layerCount: Array.isArray(fsLayers) ? fsLayers.length : undefined,
    signed: Array.isArray(manifest['signatures']) && manifest['signatures'].length > 0,
    problem: Array.isArray(fsLayers)
      ? 'Docker schema 1 is deprecated and current Docker and containerd refuse to pull it; push the image again'
      : 'schema 1 manifest without fsLayers'
  })
}

/**
 * Fills each platform's image size and layer count from its own manifest, fetched separately
 * (`resolve-platforms`). `lookup` returns the analysis of a child manifest by digest.
 */
export function withPlatformDetails(
  info: ManifestInfo,
  lookup: (digest: string) => ManifestInfo | undefined
): ManifestInfo {
  if (!info.platforms) return info
  const platforms = info.platforms.map((child) => {
    const resolved = lookup(child.digest)
    if (!resolved || resolved.kind !== 'image') return child
    return compact({ ...child, imageSize: resolved.size, layerCount: resolved.layerCount })
  })
  return { ...info, platforms }
}
