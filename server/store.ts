// The server's in-memory store: registries (accounts) → repositories → images and tags.
// Region-agnostic on purpose: one server answers for every region, so tests that span regions
// share the seeded images. Requests pass their region only to name ARNs and URIs.
import { registryDigest, sha256Digest } from '../src/insight/integrity.js'
import { EcrError, invalidParameter, repositoryNotFound } from './ecr-errors.js'
import { DEFAULT_REGISTRY_ID } from './ecr-validation.js'
import { inferMediaType } from './media-types.js'

export interface StoredImage {
  digest: string
  manifest: string
  mediaType: string
  pushedAt: Date
  /** ACTIVE, ARCHIVED (a lifecycle rule moved it to the archive) or ACTIVATING. */
  status: 'ACTIVE' | 'ARCHIVED' | 'ACTIVATING'
}

export interface Repository {
  registryId: string
  repositoryName: string
  createdAt: Date
  /** Keyed by digest. */
  images: Map<string, StoredImage>
  /** Tag → digest; a tag moves when another image is pushed with it. */
  tags: Map<string, string>
  /** Uploaded blobs (configs, layers) by digest, as GetDownloadUrlForLayer serves them. */
  blobs: Map<string, Buffer>
}

export interface PutImageArgs {
  repositoryName: string
  manifest: string
  mediaType?: string
  tag?: string
  /** When given, must equal the manifest's digest (ECR's check of what the client computed). */
  digest?: string
  registryId?: string
}

/** What seeding needs of a store: the server and the bare registry both offer it. */
export interface ImageStore {
  createRepository(repositoryName: string, registryId?: string): unknown
  putImage(args: PutImageArgs): unknown
}

/**
 * `sha256:` + the hex sha256 of the manifest's UTF-8 bytes, as a registry computes it; of the
 * signed payload for a signed Docker schema 1 manifest (the action's own check, shared).
 */
export function manifestDigest(manifest: string): string {
  return registryDigest(manifest)
}

function parseManifest(manifest: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(manifest)
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>
    }
  } catch {
    // Reported below like any other manifest that is not a JSON object.
  }
  throw invalidParameter('imageManifest', 'Invalid JSON syntax')
}

export class Registry {
  private readonly registries = new Map<string, Map<string, Repository>>()

  constructor(private readonly now: () => Date = () => new Date()) {}

  createRepository(repositoryName: string, registryId = DEFAULT_REGISTRY_ID): Repository {
    const repositories = this.registries.get(registryId) ?? new Map<string, Repository>()
    this.registries.set(registryId, repositories)
    if (repositories.has(repositoryName)) {
      throw new EcrError(
        'RepositoryAlreadyExistsException',
        `The repository with name '${repositoryName}' already exists in the registry with id '${registryId}'`
      )
    }
    const repository: Repository = {
      registryId,
      repositoryName,
      createdAt: this.now(),
      images: new Map(),
      tags: new Map(),
      blobs: new Map()
    }
    repositories.set(repositoryName, repository)
    return repository
  }

  /** The repository, or RepositoryNotFoundException as ECR words it. */
  getRepository(repositoryName: string, registryId = DEFAULT_REGISTRY_ID): Repository {
    const repository = this.registries.get(registryId)?.get(repositoryName)
    if (!repository) throw repositoryNotFound(repositoryName, registryId)
    return repository
  }

  /** Stores a blob as a completed layer upload does; returns its digest (its bytes' sha256). */
  putBlob(args: { repositoryName: string; registryId?: string; blob: Buffer }): string {
    const repository = this.getRepository(args.repositoryName, args.registryId)
    const digest = sha256Digest(args.blob)
    repository.blobs.set(digest, Buffer.from(args.blob))
    return digest
  }

  /** Stores a manifest as ECR's PutImage does and moves the tag, if any, to it. */
  putImage(args: PutImageArgs): { repository: Repository; image: StoredImage } {
    const repository = this.getRepository(args.repositoryName, args.registryId)
    const parsed = parseManifest(args.manifest)
    const digest = manifestDigest(args.manifest)
    if (args.digest !== undefined && args.digest !== digest) {
      throw new EcrError(
        'ImageDigestDoesNotMatchException',
        `The digest '${args.digest}' does not match the digest '${digest}' of the image manifest`
      )
    }
    const declared = typeof parsed.mediaType === 'string' ? parsed.mediaType : undefined
    if (args.mediaType && declared && args.mediaType !== declared) {
      throw invalidParameter(
        'imageManifestMediaType',
        'Manifest media type and request media type must match'
      )
    }
    const existing = repository.images.get(digest)
    const alreadyTagged = args.tag === undefined || repository.tags.get(args.tag) === digest
    if (existing && alreadyTagged) {
      throw new EcrError(
        'ImageAlreadyExistsException',
        `Image with digest '${digest}'${args.tag === undefined ? '' : ` and tag '${args.tag}'`} already exists in the repository with name '${repository.repositoryName}' in registry with id '${repository.registryId}'`
      )
    }
    const image = existing ?? {
      digest,
      manifest: args.manifest,
      mediaType: args.mediaType || inferMediaType(parsed),
      pushedAt: this.now(),
      status: 'ACTIVE' as const
    }
    repository.images.set(digest, image)
    // Deleted first, so the map's order is the order tags were last pushed (newest last).
    if (args.tag !== undefined) repository.tags.delete(args.tag)
    if (args.tag !== undefined) repository.tags.set(args.tag, digest)
    return { repository, image }
  }

  /** Moves an image to the archive, as an archival lifecycle rule does (tests and the demo). */
  setImageStatus(
    repositoryName: string,
    digest: string,
    status: StoredImage['status'],
    registryId?: string
  ): void {
    const image = this.getRepository(repositoryName, registryId).images.get(digest)
    if (!image) throw new EcrError('ImageNotFoundException', `The image '${digest}' does not exist`)
    image.status = status
  }
}
