// The trust material a run verifies with, made from the checked inputs once before any image is
// looked at: PEM keys as they are, KMS keys fetched (kms:GetPublicKey), the Sigstore trusted root
// from sigstore-trusted-root or, for keyless without one, from the public-good TUF repository.
// What cannot be had is kept as a sentence: an image that no other key, identity or profile
// verifies is then "could not check", never passed.

import type { KmsClient } from '../../ecr/aws-signing.js'
import {
  keyFingerprint,
  type NotationPolicy,
  type SignaturePolicy,
  type TrustedRootFile
} from '../../inputs/signatures.js'
import type { NamedKey } from './cosign-legacy.js'
import type { BundleTrust, SigstoreRoot } from './sigstore.js'

export interface SignatureTrust {
  cosign?: BundleTrust
  notation?: NotationPolicy
  /** What could not be loaded (a KMS key, the public-good root), one sentence each. */
  unavailable: string[]
}

export interface TrustSources {
  /** The KMS client of a region (`@aws-sdk/client-kms`); needed only for `awskms:///` keys. */
  kms?: (region: string) => KmsClient
  /** The region of a KMS key given by id or alias: the run's default region. */
  defaultRegion: string
  /** The public-good trusted root (@sigstore/tuf), fetched only for keyless without a root file. */
  publicGoodRoot?: () => Promise<SigstoreRoot>
}

export async function loadSignatureTrust(
  policy: SignaturePolicy,
  sources: TrustSources
): Promise<SignatureTrust> {
  const unavailable: string[] = []
  const trust: SignatureTrust = { unavailable }
  if (policy.notation) trust.notation = policy.notation
  const cosign = policy.cosign
  if (!cosign) return trust
  const keys: NamedKey[] = []
  for (const key of cosign.keys) {
    if (key.kind === 'pem') {
      keys.push({ fingerprint: key.fingerprint, key: key.key })
      continue
    }
    if (!sources.kms) {
      unavailable.push(`the KMS key ${key.keyId} could not be read: no KMS client`)
      continue
    }
    const { kmsPublicKey } = await import('../../ecr/aws-signing.js')
    const fetched = await kmsPublicKey(sources.kms(key.region ?? sources.defaultRegion), key.keyId)
    if ('error' in fetched) unavailable.push(fetched.error)
    else keys.push({ fingerprint: keyFingerprint(fetched.key), key: fetched.key })
  }
  const bundleTrust: BundleTrust = { keys }
  if (cosign.keyless) bundleTrust.keyless = cosign.keyless
  // A key-signed bundle's log entries are checked against a given root only.
  if (cosign.trustedRoot || cosign.keyless) {
    const root = await loadSigstoreRoot(cosign.trustedRoot, sources, 'keyless signatures')
    if ('root' in root) bundleTrust.root = root.root
    else unavailable.push(root.unavailable)
  }
  trust.cosign = bundleTrust
  return trust
}

/**
 * The Sigstore root certificates are checked against: sigstore-trusted-root's file when given,
 * else the public-good instance's from its TUF repository; or a sentence saying why not.
 */
export async function loadSigstoreRoot(
  file: TrustedRootFile | undefined,
  sources: Pick<TrustSources, 'publicGoodRoot'>,
  what: string
): Promise<{ root: SigstoreRoot } | { unavailable: string }> {
  if (file) {
    const { loadTrustedRoot } = await import('./sigstore.js')
    return { root: loadTrustedRoot(file.json) }
  }
  try {
    if (!sources.publicGoodRoot) throw new Error('no TUF client')
    return { root: await sources.publicGoodRoot() }
  } catch (error) {
    return {
      unavailable: `the Sigstore public-good trusted root could not be fetched from its TUF repository (${(error as Error).message}); give sigstore-trusted-root (a trusted_root.json) to verify ${what} offline`
    }
  }
}
