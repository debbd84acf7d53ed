// The eight signature inputs, all unset but those given: what the signature tests start from.
import type { SignatureInputValues } from '../../src/inputs/signatures.js'

export const signatureInputs = (
  overrides: Partial<SignatureInputValues>
): SignatureInputValues => ({
  'cosign-key': '',
  'cosign-certificate-identity': '',
  'cosign-certificate-identity-regexp': '',
  'cosign-certificate-oidc-issuer': '',
  'sigstore-trusted-root': '',
  'notation-trust-store': '',
  'notation-trusted-identities': '',
  'aws-signer-profile': '',
  ...overrides
})
