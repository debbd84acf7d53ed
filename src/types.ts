// Shared shapes that flow between the modules: inputs → requests → ECR calls → results → reports.
// Kept free of SDK types where a plain shape does, so pure modules need no AWS import.

/** The five manifest and index media types; sent by default so multi-arch images are never absent. */
export const MANIFEST_MEDIA_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.v1+json'
] as const

/** An image id as ECR takes it: a tag, a digest, or both (ECR then checks they agree). */
export interface ImageId {
  imageTag?: string
  imageDigest?: string
}

/** One image id as the user wrote it, parsed. `key` is the text that keys the JSON outputs. */
export interface ImageIdSpec extends ImageId {
  key: string
}

/** Where a repository lives. `registryId` absent means the caller's own account. */
export interface RepositoryTarget {
  region: string
  registryId?: string
  repositoryName: string
}

/** One thing to look up: an image id in a repository, keyed as the user wrote it. */
export interface ImageRequest extends RepositoryTarget, ImageId {
  key: string
}

/** One BatchGetImage call: at most 100 distinct ids of one repository. */
export interface BatchCall extends RepositoryTarget {
  imageIds: ImageId[]
  acceptedMediaTypes: string[]
}

/** `Image` exactly as BatchGetImage returns it (and `aws ecr batch-get-image` prints it). */
export interface EcrImage {
  registryId?: string
  repositoryName?: string
  imageId?: ImageId
  imageManifest?: string
  imageManifestMediaType?: string
}

/** `ImageFailure` exactly as BatchGetImage returns it. */
export interface EcrFailure {
  imageId?: ImageId
  failureCode?: string
  failureReason?: string
}

/** What one call came back with: its images and failures, or an error that sank the whole call. */
export type CallOutcome =
  | { call: BatchCall; images: EcrImage[]; failures: EcrFailure[] }
  | { call: BatchCall; error: Error }

/** The answer for one request. Exactly one of image, failure, error is set. */
export interface ImageResult {
  request: ImageRequest
  image?: EcrImage
  failure?: EcrFailure
  /** The whole call failed (repository not found, access denied, throttled for good, …). */
  error?: Error
}

export type MissingPolicy = 'fail' | 'warn' | 'ignore'
export type ExistsPolicy = 'ignore' | 'warn' | 'fail'
