// The one list of media types the action, the local server, the tests and the bench name.

export const MEDIA_TYPES = {
  dockerManifestV1: 'application/vnd.docker.distribution.manifest.v1+json',
  dockerManifestV1Signed: 'application/vnd.docker.distribution.manifest.v1+prettyjws',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  dockerForeignLayer: 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  ociNondistributableLayer: 'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip'
} as const

/** The five manifest and index media types; sent by default so multi-arch images are never absent. */
export const MANIFEST_MEDIA_TYPES = [
  MEDIA_TYPES.dockerManifest,
  MEDIA_TYPES.dockerManifestList,
  MEDIA_TYPES.ociManifest,
  MEDIA_TYPES.ociIndex,
  MEDIA_TYPES.dockerManifestV1
] as const

/** Config media types of runnable container images; any other config makes an artifact. */
export const CONTAINER_CONFIG_TYPES: ReadonlySet<string> = new Set([
  MEDIA_TYPES.dockerConfig,
  MEDIA_TYPES.ociConfig
])

/** An image digest as ECR stores them: sha256 and 64 lowercase hex. */
export const DIGEST_PATTERN = /^sha256:[0-9a-f]{64}$/

/**
 * `type/subtype[+suffix]`: what a media or artifact type is. RFC 6838's names may also hold
 * `! # $ & ^`; no manifest or artifact type in use has them, and in a shell `&` starts another
 * command and `$` an expansion, so a registry's value with them is not taken (outputs end up in
 * `run:` steps).
 */
export const MEDIA_TYPE_PATTERN =
  /^[A-Za-z0-9][A-Za-z0-9_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9_.+-]{0,126}$/
