// The ECR operations the server answers, by the name that follows the X-Amz-Target prefix.
// Each takes the parsed JSON body and returns the JSON result, or throws an EcrError.
import { batchGetImage } from './batch-get-image.js'
import { getDownloadUrlForLayer, type BlobUrls } from './blob-downloads.js'
import { EcrError, invalidParameter } from './ecr-errors.js'
import { listImageReferrers } from './list-image-referrers.js'
import { registryIdOf, requireRepositoryName } from './ecr-validation.js'
import type { Registry, Repository, StoredImage } from './store.js'

export interface OperationContext {
  registry: Registry
  /** From the request's SigV4 credential scope; names ARNs and URIs. */
  region: string
  /** Signs the download URLs GetDownloadUrlForLayer returns. */
  blobUrls: BlobUrls
}

export type Operation = (body: Record<string, unknown>, context: OperationContext) => unknown

function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw invalidParameter(field, 'Member must be a string')
  return value
}

function describeRepository(repository: Repository, region: string): Record<string, unknown> {
  const { registryId, repositoryName } = repository
  return {
    repositoryArn: `arn:aws:ecr:${region}:${registryId}:repository/${repositoryName}`,
    registryId,
    repositoryName,
    repositoryUri: `${registryId}.dkr.ecr.${region}.amazonaws.com/${repositoryName}`,
    // JSON 1.1 timestamps are epoch seconds.
    createdAt: repository.createdAt.getTime() / 1000,
    imageTagMutability: 'MUTABLE',
    imageScanningConfiguration: { scanOnPush: false },
    encryptionConfiguration: { encryptionType: 'AES256' }
  }
}

function describeImage(repository: Repository, image: StoredImage, tag: string | undefined) {
  return {
    registryId: repository.registryId,
    repositoryName: repository.repositoryName,
    imageId:
      tag === undefined
        ? { imageDigest: image.digest }
        : { imageDigest: image.digest, imageTag: tag },
    imageManifest: image.manifest,
    imageManifestMediaType: image.mediaType
  }
}

const createRepository: Operation = (body, { registry, region }) => {
  const repository = registry.createRepository(
    requireRepositoryName(body.repositoryName),
    registryIdOf(body.registryId)
  )
  return { repository: describeRepository(repository, region) }
}

const putImage: Operation = (body, { registry }) => {
  const manifest = optionalString(body, 'imageManifest')
  if (manifest === undefined) throw invalidParameter('imageManifest', 'Member must not be null')
  const tag = optionalString(body, 'imageTag')
  if (tag !== undefined && (tag.length < 1 || tag.length > 300)) {
    throw invalidParameter('imageTag', 'Member must have length between 1 and 300')
  }
  const { repository, image } = registry.putImage({
    repositoryName: requireRepositoryName(body.repositoryName),
    registryId: registryIdOf(body.registryId),
    manifest,
    mediaType: optionalString(body, 'imageManifestMediaType'),
    tag,
    digest: optionalString(body, 'imageDigest')
  })
  return { image: describeImage(repository, image, tag) }
}

export const OPERATIONS: Readonly<Record<string, Operation>> = {
  CreateRepository: createRepository,
  PutImage: putImage,
  BatchGetImage: (body, { registry }) => batchGetImage(registry, body),
  ListImageReferrers: (body, { registry }) => listImageReferrers(registry, body),
  GetDownloadUrlForLayer: (body, { registry, blobUrls }) =>
    getDownloadUrlForLayer(registry, blobUrls, body)
}

export function unknownOperation(name: string): EcrError {
  return new EcrError(
    'UnknownOperationException',
    `The operation '${name}' is not supported by this server`
  )
}
