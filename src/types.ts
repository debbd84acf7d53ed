// Shared shapes that flow between the modules: inputs → requests → ECR calls → results → reports.
// Kept free of SDK types where a plain shape does, so pure modules need no AWS import.

/** Environment variables, as process.env holds them. */
export type Env = Record<string, string | undefined>

/** An image id as ECR takes it: a tag, a digest, or both (ECR then checks they agree). */
export interface ImageId {
  imageTag?: string
  imageDigest?: string
}

/** Just the id of anything that carries one (a lookup, a request): what ECR is sent. */
export function toImageId(id: ImageId): ImageId {
  const imageId: ImageId = {}
  if (id.imageDigest !== undefined) imageId.imageDigest = id.imageDigest
  if (id.imageTag !== undefined) imageId.imageTag = id.imageTag
  return imageId
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
export interface ImageLookup extends RepositoryTarget, ImageId {
  key: string
}

/** The title of an id's annotations: which repository and which id, as the user wrote it. */
export function annotationTitle(lookup: ImageLookup): string {
  return lookup.key.includes(lookup.repositoryName)
    ? lookup.key
    : `${lookup.repositoryName} ${lookup.key}`
}

/** One BatchGetImage call: at most 100 distinct ids of one repository. */
export interface BatchCall extends RepositoryTarget {
  imageIds: ImageId[]
  acceptedMediaTypes: string[]
}

/** An image id as ECR echoes it: the SDK's shape, in which any field may be undefined. */
export interface EcrImageId {
  imageTag?: string | undefined
  imageDigest?: string | undefined
}

/** `Image` exactly as BatchGetImage returns it (and `aws ecr batch-get-image` prints it). */
export interface EcrImage {
  registryId?: string | undefined
  repositoryName?: string | undefined
  imageId?: EcrImageId | undefined
  imageManifest?: string | undefined
  imageManifestMediaType?: string | undefined
}

/** `ImageFailure` exactly as BatchGetImage returns it. */
export interface EcrFailure {
  imageId?: EcrImageId | undefined
  failureCode?: string | undefined
  failureReason?: string | undefined
}

/** What one call came back with: its images and failures, or an error that sank the whole call. */
export type CallOutcome =
  | { call: BatchCall; images: EcrImage[]; failures: EcrFailure[] }
  | { call: BatchCall; error: Error }

/** The answer for one request. Exactly one of image, failure, error is set. */
export interface ImageResult {
  request: ImageLookup
  image?: EcrImage
  failure?: EcrFailure
  /** The whole call failed (repository not found, access denied, throttled for good, …). */
  error?: Error
}

export type MissingPolicy = 'fail' | 'warn' | 'ignore'
export type ExistsPolicy = 'ignore' | 'warn' | 'fail'
