// A Notary Project certificate chain, checked as signature-specification.md ("Certificate
// Requirements") and trust-store-trust-policy.md ask: leaf first, each certificate issued and
// signed by the next, ending in a self-signed root; CA and leaf key usage, basic constraints and
// extended key usage rules; key sizes; no SHA-1; and a certificate of the trust store in the chain.
// Node's X509Certificate checks issuance and signatures; @sigstore/core's parser reads the
// extensions Node does not expose (criticality, key usage bits, path length). No ASN.1 by hand.

import { X509Certificate as NodeCertificate } from 'node:crypto'
import { ASN1Obj, X509Certificate as Asn1Certificate } from '@sigstore/core'

export interface ChainCertificate {
  der: Buffer
  node: NodeCertificate
  asn1: Asn1Certificate
}

export type ChainProblem = {
  reason: 'invalid-certificate' | 'untrusted-identity' | 'bad-signature'
  detail: string
}

const OID_KEY_USAGE = '2.5.29.15'
const OID_CRL_DISTRIBUTION_POINTS = '2.5.29.31'
const OID_AUTHORITY_INFO_ACCESS = '1.3.6.1.5.5.7.1.1'
/** anyExtendedKeyUsage, serverAuth, clientAuth, emailProtection, timeStamping: not for code signing. */
const FORBIDDEN_EKU = new Set([
  '2.5.29.37.0',
  '1.3.6.1.5.5.7.3.1',
  '1.3.6.1.5.5.7.3.2',
  '1.3.6.1.5.5.7.3.4',
  '1.3.6.1.5.5.7.3.8'
])
/** KeyUsage bits (RFC 5280 §4.2.1.3) a code-signing leaf must not have. */
const LEAF_FORBIDDEN_BITS: readonly [number, string][] = [
  [2, 'keyEncipherment'],
  [3, 'dataEncipherment'],
  [4, 'keyAgreement'],
  [5, 'keyCertSign'],
  [6, 'cRLSign'],
  [7, 'encipherOnly'],
  [8, 'decipherOnly']
]

/** Go's pkix.Name short names, which notation-go matches trusted identities against. */
const ATTRIBUTE_NAMES = new Map([
  ['2.5.4.6', 'C'],
  ['2.5.4.10', 'O'],
  ['2.5.4.11', 'OU'],
  ['2.5.4.3', 'CN'],
  ['2.5.4.5', 'SERIALNUMBER'],
  ['2.5.4.7', 'L'],
  ['2.5.4.8', 'ST'],
  ['2.5.4.9', 'STREET'],
  ['2.5.4.17', 'POSTALCODE']
])

export function parseChain(ders: Buffer[]): ChainCertificate[] | ChainProblem {
  try {
    return ders.map((der) => ({
      der,
      node: new NodeCertificate(der),
      asn1: Asn1Certificate.parse(Buffer.from(der))
    }))
  } catch (error) {
    return {
      reason: 'invalid-certificate',
      detail: `a certificate in the chain cannot be read (${(error as Error).message})`
    }
  }
}

/** `CN=release, O=Acme`: a certificate named in messages. */
export const describeCertificate = (cert: ChainCertificate): string =>
  cert.node.subject.replace(/\n/g, ', ')

function keyUsageBits(cert: ChainCertificate): { critical: boolean; bits: number[] } | undefined {
  const extension = cert.asn1.extension(OID_KEY_USAGE)
  if (!extension) return undefined
  try {
    // extnValue is an OCTET STRING wrapping the KeyUsage BIT STRING.
    return { critical: extension.critical, bits: extension.valueObj.subs[0]?.toBitString() ?? [] }
  } catch {
    return { critical: extension.critical, bits: [] }
  }
}

function keySizeProblem(cert: ChainCertificate): string | undefined {
  const key = cert.node.publicKey
  const details = key.asymmetricKeyDetails ?? {}
  if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss')
    return (details.modulusLength ?? 0) < 2048 ? 'an RSA key shorter than 2048 bits' : undefined
  if (key.asymmetricKeyType === 'ec')
    return ['prime256v1', 'secp384r1', 'secp521r1'].includes(details.namedCurve ?? '')
      ? undefined
      : `an EC key on ${details.namedCurve ?? 'an unknown curve'}`
  return `a ${key.asymmetricKeyType ?? 'unknown'} key, which Notation does not allow`
}

function caProblem(cert: ChainCertificate, depth: number): string | undefined {
  const constraints = cert.asn1.extBasicConstraints
  if (!constraints || !constraints.critical || !constraints.isCA)
    return 'is a CA in the chain without a critical basicConstraints extension with cA true'
  const pathLength = constraints.pathLenConstraint
  // Intermediates below this CA (the leaf is not counted).
  if (pathLength !== undefined && pathLength < BigInt(depth - 1))
    return `allows ${pathLength} intermediate(s) below it, but the chain has ${depth - 1}`
  const usage = keyUsageBits(cert)
  if (!usage || !usage.critical || usage.bits[5] !== 1)
    return 'is a CA without a critical keyUsage extension with keyCertSign'
  return undefined
}

function leafProblem(cert: ChainCertificate): string | undefined {
  if (cert.asn1.extBasicConstraints?.isCA)
    return 'is the signing certificate but is a CA (basicConstraints cA true)'
  const usage = keyUsageBits(cert)
  if (!usage || !usage.critical || usage.bits[0] !== 1)
    return 'is the signing certificate without a critical keyUsage extension with digitalSignature'
  const forbidden = LEAF_FORBIDDEN_BITS.filter(([bit]) => usage.bits[bit] === 1).map(
    ([, name]) => name
  )
  if (forbidden.length > 0)
    return `is the signing certificate with key usage ${forbidden.join(', ')}`
  const eku = (cert.node.keyUsage ?? []).filter((oid) => FORBIDDEN_EKU.has(oid))
  if (eku.length > 0)
    return `is the signing certificate with extended key usage ${eku.join(', ')}, not for code signing`
  return undefined
}

/**
 * The chain's structure and Notation's certificate rules, then trust: a trust store certificate
 * must be one of the chain's (trust-store-trust-policy.md: the chain leads to a trusted
 * certificate). Validity in time is checked by the caller, at the time the scheme says.
 */
export function checkChain(
  chain: ChainCertificate[],
  trustStore: readonly NodeCertificate[]
): ChainProblem | undefined {
  for (let index = 0; index < chain.length; index++) {
    const cert = chain[index]!
    const issuer = chain[index + 1] ?? cert
    const name = describeCertificate(cert)
    if (!cert.node.checkIssued(issuer.node) || !cert.node.verify(issuer.node.publicKey))
      return {
        reason: 'invalid-certificate',
        detail:
          index + 1 < chain.length
            ? `${name} is not issued and signed by the next certificate in the chain`
            : `the chain ends with ${name}, which is not a self-signed root`
      }
    if (cert.asn1.signatureAlgorithm === 'sha1')
      return { reason: 'invalid-certificate', detail: `${name} is signed with SHA-1` }
    const size = keySizeProblem(cert)
    if (size) return { reason: 'invalid-certificate', detail: `${name} has ${size}` }
    // A chain of one self-signed certificate follows the leaf rules only (signature-specification.md).
    const problem = index === 0 ? leafProblem(cert) : caProblem(cert, index)
    if (problem) return { reason: 'invalid-certificate', detail: `${name} ${problem}` }
  }
  const trusted = chain.some((cert) => trustStore.some((root) => root.raw.equals(cert.der)))
  if (!trusted)
    return {
      reason: 'untrusted-identity',
      detail: `the certificate chain (root ${describeCertificate(chain[chain.length - 1]!)}) holds no certificate of notation-trust-store`
    }
  return undefined
}

/** The first certificate not valid at `at`, as the typed reason. */
export function validityProblem(
  chain: ChainCertificate[],
  at: Date,
  what: string
): { reason: 'certificate-expired' | 'certificate-not-yet-valid'; detail: string } | undefined {
  for (const cert of chain) {
    if (at < cert.node.validFromDate)
      return {
        reason: 'certificate-not-yet-valid',
        detail: `${describeCertificate(cert)} is valid from ${cert.node.validFromDate.toISOString()}, after ${what} (${at.toISOString()})`
      }
    if (at > cert.node.validToDate)
      return {
        reason: 'certificate-expired',
        detail: `${describeCertificate(cert)} expired ${cert.node.validToDate.toISOString()}, before ${what} (${at.toISOString()})`
      }
  }
  return undefined
}

/** Whether any certificate names OCSP or CRL locations, which Notation would consult. */
export function hasRevocationInfo(chain: ChainCertificate[]): boolean {
  return chain.some(
    (cert) =>
      cert.asn1.extension(OID_CRL_DISTRIBUTION_POINTS) !== undefined ||
      (cert.asn1.extension(OID_AUTHORITY_INFO_ACCESS) !== undefined &&
        /OCSP/i.test(cert.node.infoAccess ?? ''))
  )
}

function attributeValue(value: ASN1Obj): string {
  // BMPString (30) is UTF-16BE; the other string types Notation meets are UTF-8 compatible.
  return value.tag.number === 30
    ? Buffer.from(value.value).swap16().toString('utf16le')
    : value.value.toString('utf8')
}

/** The subject's attributes by Go's short names; unnamed types by OID. Notation's own reading. */
export function subjectAttributes(
  cert: ChainCertificate
): { attributes: Map<string, string> } | { problem: string } {
  // tbsCertificate: [0] version, serialNumber, signature, issuer, validity, subject, …
  const subject = cert.asn1.tbsCertificate.subs[5]
  const attributes = new Map<string, string>()
  for (const rdn of subject?.subs ?? []) {
    if (rdn.subs.length !== 1)
      return { problem: 'its subject has a multi-valued RDN, which Notation does not match' }
    const [type, value] = rdn.subs[0]!.subs
    if (!type || !value) return { problem: 'its subject cannot be read' }
    const oid = type.toOID()
    const name = ATTRIBUTE_NAMES.get(oid) ?? oid
    if (attributes.has(name))
      return { problem: `its subject names ${name} twice, which Notation does not match` }
    attributes.set(name, attributeValue(value))
  }
  return { attributes }
}
