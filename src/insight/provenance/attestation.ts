// One attestation judged: a Sigstore bundle whose DSSE envelope holds an in-toto statement. It
// counts only when sigstore-js verifies the signature, the certificate chain to the trusted root,
// the SCTs, log entries and timestamps the root calls for and the OIDC issuer (GitHub Actions');
// the certificate is a GitHub Actions workflow's (identity.ts); the predicate is SLSA provenance
// v1; one subject is this image's digest (or, with `platform`, its platform's); and every
// condition of `require-provenance` holds. Claims in the statement are judged only once the
// signature over it verified: an unverified claim gives no reason of its own. Loaded only when an
// attestation was found.

import type { ProvenanceConditions } from '../../inputs/provenance.js'
import type { NotVerifiedReason } from '../signatures/types.js'
import {
  namedSubject,
  readBundle,
  readStatement,
  type SigstoreRoot,
  verifyCertificateSigned
} from '../signatures/sigstore.js'
import { buildIdentity, conditionProblem } from './identity.js'
import {
  type AttestedSubject,
  type AttestationReason,
  GITHUB_ACTIONS_ISSUER,
  notCounted,
  type ProvenanceCheck,
  type ProvenanceCheckBase,
  SLSA_PROVENANCE_PREFIX,
  SLSA_PROVENANCE_V1
} from './types.js'

/** The signature stage's reasons, as provenance names them. */
function attestationReason(reason: NotVerifiedReason): AttestationReason {
  switch (reason) {
    case 'untrusted-identity':
    case 'invalid-certificate':
    case 'certificate-expired':
    case 'certificate-not-yet-valid':
      return 'untrusted-certificate'
    default:
      return 'bad-signature'
  }
}

/**
 * The bundle (JSON, parsed or as bytes) against `subjects` (the image's digest first), the root
 * and the conditions. `not-provenance`: an attestation of something else (an SBOM, a signature),
 * not counted and not failed.
 */
export function checkAttestation(
  base: ProvenanceCheckBase,
  json: unknown,
  subjects: readonly AttestedSubject[],
  root: SigstoreRoot,
  conditions: ProvenanceConditions,
  options: { claimedProvenance?: boolean } = {}
): ProvenanceCheck | 'not-provenance' {
  const bundle = readBundle(json)
  if (Array.isArray(bundle)) return notCounted(base, 'bad-signature', bundle[1])
  const statement = readStatement(bundle, 'provenance is signed')
  if (Array.isArray(statement)) return notCounted(base, 'bad-signature', statement[1])
  const predicateType = statement.predicateType
  const provenance = predicateType.startsWith(SLSA_PROVENANCE_PREFIX)
  // A bundle that does not say it is provenance is some other attestation, unless the registry
  // annotation claimed it was.
  if (!provenance && !options.claimedProvenance) return 'not-provenance'
  const signer = verifyCertificateSigned(bundle, root, GITHUB_ACTIONS_ISSUER)
  if (Array.isArray(signer)) return notCounted(base, attestationReason(signer[0]), signer[1])
  const build = buildIdentity(signer.certificate, signer.san)
  if (typeof build === 'string') return notCounted(base, 'untrusted-certificate', build)
  if (predicateType !== SLSA_PROVENANCE_V1)
    return notCounted(
      base,
      'wrong-predicate-type',
      `its predicate is ${JSON.stringify(predicateType.slice(0, 200))}, not ${SLSA_PROVENANCE_V1}`
    )
  const subject = subjects.find((wanted) => statement.subjects.includes(wanted.digest))
  if (!subject)
    return notCounted(
      base,
      'other-digest',
      `it is about ${namedSubject(statement)}, not ${subjects.map((wanted) => wanted.digest).join(' or ')}`
    )
  const problem = conditionProblem(build, signer.san!, conditions)
  if (problem) return notCounted(base, problem[0], problem[1])
  return {
    ...base,
    verified: true,
    build,
    subject,
    ...(signer.signingTime ? { signingTime: signer.signingTime } : {})
  }
}
