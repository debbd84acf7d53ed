// cosign's legacy signatures (sigstore/cosign specs/SIGNATURE_SPEC.md): a `sha256-<hex>.sig` tag
// whose manifest's layers are simple-signing payloads, each with its base64 signature in the layer
// annotation `dev.cosignproject.cosign/signature`. Verified with a configured public key (Node's
// crypto.verify: ECDSA over SHA-256 with an ASN.1 DER signature, as cosign signs; RSA PKCS#1 v1.5
// with SHA-256; Ed25519), then the payload must be a cosign container image signature whose
// `critical.image.docker-manifest-digest` is exactly this image's digest (cosign's
// SimpleClaimVerifier; `critical.identity.docker-reference` is ignored, as the spec says).
// Keyless legacy signatures (a Fulcio certificate in `dev.sigstore.cosign/certificate` and a Rekor
// SET in `dev.sigstore.cosign/bundle`) are not checked: the SET-only log entry would have to be
// rebuilt into a Sigstore bundle by hand; cosign 3 writes bundles, which are checked
// (sigstore-bundle.ts). Such a signature is "not verified: unsupported", never passed.

import { type KeyObject, verify } from 'node:crypto'
import { type SignatureCheck, type SignatureCheckBase, notVerified } from './types.js'

export const SIMPLE_SIGNING_TYPE = 'application/vnd.dev.cosign.simplesigning.v1+json'
export const SIGNATURE_ANNOTATION = 'dev.cosignproject.cosign/signature'
export const CERTIFICATE_ANNOTATION = 'dev.sigstore.cosign/certificate'
const COSIGN_SIGNATURE_TYPE = 'cosign container image signature'

/** A key that may sign, named by its fingerprint for the outputs. */
export interface NamedKey {
  fingerprint: string
  key: KeyObject
}

/** One layer of a `.sig` manifest: its payload bytes and annotations. */
export interface SimpleSigningLayer {
  payload: Buffer
  annotations: Readonly<Record<string, string>>
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

/** Whether `signature` over `data` verifies with `key`, as cosign's verifiers check it. */
export function keySigned(key: KeyObject, data: Buffer, signature: Buffer): boolean {
  try {
    const type = key.asymmetricKeyType
    if (type === 'ed25519') return verify(null, data, key, signature)
    return verify('sha256', data, key, signature)
  } catch {
    return false
  }
}

function payloadDigest(payload: Buffer): { digest: string } | { problem: string } {
  let parsed: unknown
  try {
    parsed = JSON.parse(payload.toString('utf8'))
  } catch {
    return { problem: 'its payload is not JSON' }
  }
  const critical = (
    parsed as { critical?: { type?: unknown; image?: Record<string, unknown> } } | null
  )?.critical
  if (critical?.type !== COSIGN_SIGNATURE_TYPE)
    return { problem: 'its payload is not a cosign container image signature' }
  const digest = critical.image?.['docker-manifest-digest']
  return typeof digest === 'string'
    ? { digest }
    : { problem: 'its payload names no docker-manifest-digest' }
}

/** One simple-signing layer against the configured keys and this image's digest. */
export function verifySimpleSigning(
  base: SignatureCheckBase,
  layer: SimpleSigningLayer,
  keys: readonly NamedKey[],
  imageDigest: string,
  keyless: boolean
): SignatureCheck {
  const encoded = layer.annotations[SIGNATURE_ANNOTATION]
  if (encoded === undefined || !BASE64.test(encoded))
    return notVerified(
      base,
      'bad-signature',
      `the layer has no base64 ${SIGNATURE_ANNOTATION} annotation`
    )
  const signature = Buffer.from(encoded, 'base64')
  const signer = keys.find(({ key }) => keySigned(key, layer.payload, signature))
  if (!signer) {
    if (layer.annotations[CERTIFICATE_ANNOTATION] !== undefined && (keyless || keys.length === 0))
      return notVerified(
        base,
        'unsupported',
        'it is a keyless .sig signature (certificate and Rekor annotations), which this action does not check; sign with cosign 3 (a Sigstore bundle) or with a key'
      )
    return notVerified(
      base,
      'wrong-key',
      keys.length === 0
        ? 'no cosign-key is configured to check it with'
        : 'it verifies with none of the configured keys (or its payload was altered)'
    )
  }
  const claim = payloadDigest(layer.payload)
  if ('problem' in claim) return notVerified(base, 'unknown-envelope', claim.problem)
  if (claim.digest !== imageDigest)
    return notVerified(
      base,
      'other-digest',
      `it signs ${/^sha256:[0-9a-f]{64}$/.test(claim.digest) ? claim.digest : 'another digest'}, not ${imageDigest}`
    )
  return {
    ...base,
    verified: true,
    by: { key: signer.fingerprint },
    notes: [
      'a .sig signature carries no verified signing time; its transparency log entry is not checked'
    ]
  }
}
