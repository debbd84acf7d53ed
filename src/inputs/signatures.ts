// The signature inputs (issue 24), read and checked together before any call: which keys, keyless
// identities, Notation trust store and identities, and AWS Signer profiles may sign an image. Their
// names and meanings follow cosign's and Notation's own flags. Any of them turns verification on.
// Pure: the one parse that needs sigstore-js (a trusted_root.json) is passed in, loaded by the
// caller only when `sigstore-trusted-root` is set.

import { createHash, createPublicKey, type KeyObject, X509Certificate } from 'node:crypto'
import { errorMessage } from '../errors.js'
import { type Checked, count, fail, ok, quote } from './checked.js'
import {
  type DistinguishedName,
  formatDn,
  isSubsetDn,
  parseDistinguishedName
} from './distinguished-name.js'
import { readInputFile, type FileSource } from './input-file.js'

/** The input names, as action.yml spells them. */
export const SIGNATURE_INPUTS = [
  'cosign-key',
  'cosign-certificate-identity',
  'cosign-certificate-identity-regexp',
  'cosign-certificate-oidc-issuer',
  'sigstore-trusted-root',
  'notation-trust-store',
  'notation-trusted-identities',
  'aws-signer-profile'
] as const
export type SignatureInputName = (typeof SIGNATURE_INPUTS)[number]
export type SignatureInputValues = Readonly<Record<SignatureInputName, string>>

/** A public key given in `cosign-key`: PEM (inline or from a file), or an AWS KMS key. */
export type CosignKey =
  | { kind: 'pem'; source: string; key: KeyObject; fingerprint: string }
  | { kind: 'kms'; source: string; keyId: string; region?: string }

export type IdentityMatcher = { exact: string } | { regexp: RegExp }

export interface KeylessPolicy {
  identity: IdentityMatcher
  /** The OIDC issuer, compared exactly (cosign's --certificate-oidc-issuer). */
  issuer: string
}

/** A trusted_root.json, as the file held it; sigstore-js has parsed it once already. */
export interface TrustedRootFile {
  path: string
  json: unknown
}

export interface CosignPolicy {
  keys: CosignKey[]
  keyless?: KeylessPolicy
  /** Absent: keyless verification uses the Sigstore public-good root from its TUF repository. */
  trustedRoot?: TrustedRootFile
}

export interface TrustStoreCertificate {
  source: string
  certificate: X509Certificate
}

export interface NotationPolicy {
  trustStore: TrustStoreCertificate[]
  /** `*`: any certificate chaining to the store; else the subjects that may sign (x509.subject). */
  identities: '*' | DistinguishedName[]
  /** AWS Signer signing profile ARNs (or profile version ARNs) whose signatures are trusted. */
  signerProfiles: string[]
}

export interface SignaturePolicy {
  cosign?: CosignPolicy
  notation?: NotationPolicy
}

/** What a trusted_root.json holds, counted by sigstore-js; throws when it is not one. */
export interface TrustedRootSummary {
  certificateAuthorities: number
  tlogs: number
  ctlogs: number
  timestampAuthorities: number
}
export type TrustedRootCheck = (json: unknown) => TrustedRootSummary

/** Entries a list input may hold: beyond this it is not a list a person wrote. */
const MAX_ENTRIES = 100

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g

/** `arn:aws:signer:<region>:<account>:/signing-profiles/<name>[/<version>]` (AWS Signer's rules). */
export const SIGNING_PROFILE_ARN =
  /^arn:aws[a-z-]*:signer:[a-z]{2}(?:-[a-z]+)+-\d:\d{12}:\/signing-profiles\/[A-Za-z0-9_]{2,64}(?:\/[A-Za-z0-9]{10})?$/

/** `awskms:///<key id | alias/name | arn>`, as cosign writes a KMS key reference. */
const KMS_KEY =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}|alias\/[A-Za-z0-9/_-]{1,250}|arn:aws[a-z-]*:kms:([a-z]{2}(?:-[a-z]+)+-\d):\d{12}:(?:key\/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})|alias\/[A-Za-z0-9/_-]{1,250}))$/

/** `sha256:<hex>` of a key's SubjectPublicKeyInfo: how a key is named in outputs. */
export function keyFingerprint(key: KeyObject): string {
  return (
    'sha256:' +
    createHash('sha256')
      .update(key.export({ type: 'spki', format: 'der' }))
      .digest('hex')
  )
}

/** The PEM blocks of `text`, and the lines outside them that are not blank. */
function splitPem(text: string): { blocks: { label: string; pem: string }[]; rest: string[] } {
  const blocks = [...text.matchAll(PEM_BLOCK)].map((match) => ({ label: match[1]!, pem: match[0] }))
  const rest = text
    .replace(PEM_BLOCK, '\n')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
  return { blocks, rest }
}

/** PEM blocks from inline text and from the `@path` lines in it, each with where it came from. */
function pemBlocks(
  name: string,
  text: string,
  files: FileSource,
  example: string,
  other: (line: string) => boolean = () => false
): {
  blocks: { label: string; pem: string; source: string }[]
  other: string[]
  problems: string[]
} {
  const problems: string[] = []
  const inline = splitPem(text)
  const blocks = inline.blocks.map((block, index) => ({
    ...block,
    source: `${name} block ${index + 1}`
  }))
  const others: string[] = []
  for (const line of inline.rest) {
    if (other(line)) others.push(line)
    else if (line.startsWith('@')) {
      const file = readInputFile(line, name, files, example)
      if (!file.ok) {
        problems.push(...file.problems)
        continue
      }
      const inFile = splitPem(file.value.text)
      if (inFile.blocks.length === 0 || inFile.rest.length > 0)
        problems.push(`${name}: ${file.value.path} is not PEM; it must hold only PEM blocks.`)
      inFile.blocks.forEach((block, index) =>
        blocks.push({ ...block, source: `${file.value.path} block ${index + 1}` })
      )
    } else problems.push(`${name}: ${quote(line.slice(0, 80))} is neither a PEM block nor @path.`)
  }
  if (blocks.length + others.length > MAX_ENTRIES)
    problems.push(
      `${name}: ${count(blocks.length + others.length, 'entry')}; at most ${MAX_ENTRIES}.`
    )
  // Problems travel with what was read, so every block is still checked and named.
  return { blocks, other: others, problems }
}

function parseCosignKeys(text: string, files: FileSource): Checked<CosignKey[]> {
  const name = 'cosign-key'
  const read = pemBlocks(name, text, files, 'cosign.pub', (line) => line.startsWith('awskms:'))
  const problems: string[] = [...read.problems]
  const keys: CosignKey[] = []
  for (const block of read.blocks) {
    // A private key pasted by mistake is named, never echoed.
    if (block.label !== 'PUBLIC KEY') {
      problems.push(
        `${name}: ${block.source} is a ${block.label} block; give the public key (-----BEGIN PUBLIC KEY-----, what cosign generate-key-pair writes to cosign.pub).`
      )
      continue
    }
    try {
      const key = createPublicKey(block.pem)
      keys.push({ kind: 'pem', source: block.source, key, fingerprint: keyFingerprint(key) })
    } catch (error) {
      problems.push(`${name}: ${block.source} is not a public key (${errorMessage(error)}).`)
    }
  }
  for (const line of read.other) {
    const id = line.startsWith('awskms:///') ? line.slice('awskms:///'.length) : undefined
    const match = id === undefined ? null : KMS_KEY.exec(id)
    if (!match) {
      problems.push(
        `${name}: ${quote(line.slice(0, 300))} is not an AWS KMS key reference; write awskms:///<key id>, awskms:///alias/<name> or awskms:///<key ARN> (the endpoint comes from AWS_ENDPOINT_URL_KMS, never from the reference).`
      )
      continue
    }
    keys.push({ kind: 'kms', source: line, keyId: id!, ...(match[1] ? { region: match[1] } : {}) })
  }
  const seen = new Set<string>()
  const unique = keys.filter((key) => {
    const id = key.kind === 'pem' ? key.fingerprint : key.keyId
    return !seen.has(id) && seen.add(id)
  })
  return problems.length > 0 ? fail(...problems) : ok(unique)
}

function parseIdentity(values: SignatureInputValues): Checked<IdentityMatcher | undefined> {
  const exact = values['cosign-certificate-identity']
  const pattern = values['cosign-certificate-identity-regexp']
  if (exact !== '' && pattern !== '')
    return fail(
      'cosign-certificate-identity and cosign-certificate-identity-regexp are both set; give one (the exact identity is the safer).'
    )
  if (exact !== '') return ok({ exact })
  if (pattern === '') return ok(undefined)
  try {
    // cosign matches its regexp anywhere in the SAN (Go's MatchString): anchor with ^…$ to pin it.
    return ok({ regexp: new RegExp(pattern, 'u') })
  } catch (error) {
    return fail(
      `cosign-certificate-identity-regexp: ${quote(pattern)} is not a regular expression (${errorMessage(error)}).`
    )
  }
}

/** `sigstore-trusted-root` as read: the file, and sigstore-js's count of what it holds. */
export type TrustedRootInput = { file: TrustedRootFile; summary: TrustedRootSummary | undefined }

/**
 * `sigstore-trusted-root`, read once for every use of it (cosign keyless and provenance): the
 * `@path` file, JSON, a trusted root's media type, and sigstore-js's parse when `check` is given.
 */
export function parseTrustedRoot(
  text: string,
  files: FileSource,
  check: TrustedRootCheck | undefined
): Checked<TrustedRootInput | undefined> {
  const name = 'sigstore-trusted-root'
  if (text === '') return ok(undefined)
  if (!text.startsWith('@'))
    return fail(
      `${name}: give the trusted_root.json as @path (a file in the workspace), like @trusted_root.json.`
    )
  const file = readInputFile(text, name, files, 'trusted_root.json')
  if (!file.ok) return file
  let json: unknown
  try {
    json = JSON.parse(file.value.text)
  } catch (error) {
    return fail(`${name}: ${file.value.path} is not JSON (${errorMessage(error)}).`)
  }
  const mediaType = (json as { mediaType?: unknown } | null)?.mediaType
  if (
    typeof mediaType !== 'string' ||
    !mediaType.startsWith('application/vnd.dev.sigstore.trustedroot')
  )
    return fail(
      `${name}: ${file.value.path} is not a Sigstore trusted root (its mediaType is not application/vnd.dev.sigstore.trustedroot+json); get one with \`cosign trusted-root create\` or \`gh attestation trusted-root\`.`
    )
  // Without sigstore-js's check (not loaded), the root is parsed when the trust is loaded.
  if (!check) return ok({ file: { path: file.value.path, json }, summary: undefined })
  try {
    return ok({ file: { path: file.value.path, json }, summary: check(json) })
  } catch (error) {
    return fail(`${name}: ${file.value.path} is not a valid trusted root (${errorMessage(error)}).`)
  }
}

/** How `sigstore-trusted-root` is shared: read once by the caller, and whether provenance uses it. */
export interface SharedTrustedRoot {
  root: Checked<TrustedRootInput | undefined>
  /** `require-provenance` is set: the root serves provenance verification too. */
  servesProvenance: boolean
}

function parseCosign(
  values: SignatureInputValues,
  files: FileSource,
  checkRoot: TrustedRootCheck | undefined,
  shared: SharedTrustedRoot | undefined
): Checked<CosignPolicy | undefined> {
  const problems: string[] = []
  const keys = parseCosignKeys(values['cosign-key'], files)
  const identity = parseIdentity(values)
  const root = shared?.root ?? parseTrustedRoot(values['sigstore-trusted-root'], files, checkRoot)
  for (const checked of [keys, identity, root]) if (!checked.ok) problems.push(...checked.problems)
  const issuer = values['cosign-certificate-oidc-issuer']
  const identityMatcher = identity.ok ? identity.value : undefined
  const identitySet =
    values['cosign-certificate-identity'] !== '' ||
    values['cosign-certificate-identity-regexp'] !== ''
  if (identitySet && issuer === '')
    problems.push(
      'cosign-certificate-oidc-issuer: empty, but a certificate identity is set; cosign requires both (https://token.actions.githubusercontent.com for GitHub Actions).'
    )
  if (!identitySet && issuer !== '')
    problems.push(
      'cosign-certificate-oidc-issuer: set, but neither cosign-certificate-identity nor cosign-certificate-identity-regexp is; give the identity too.'
    )
  const hasKeys = keys.ok && keys.value.length > 0
  if (
    values['sigstore-trusted-root'] !== '' &&
    !identitySet &&
    !hasKeys &&
    values['cosign-key'] === '' &&
    !shared?.servesProvenance
  )
    problems.push(
      'sigstore-trusted-root: set, but no cosign-key, no certificate identity and no require-provenance is; it only serves cosign and provenance verification.'
    )
  const summary = root.ok ? root.value?.summary : undefined
  // Keyless certificates (cosign's and provenance's) need a CA and a verifiable signing time.
  if (root.ok && root.value && summary && (identitySet || shared?.servesProvenance)) {
    if (summary.certificateAuthorities === 0)
      problems.push(
        `sigstore-trusted-root: ${root.value.file.path} has no certificate authority, so no keyless certificate can chain to it.`
      )
    if (summary.tlogs + summary.timestampAuthorities === 0)
      problems.push(
        `sigstore-trusted-root: ${root.value.file.path} has no transparency log and no timestamp authority, so no keyless signing time can be verified.`
      )
  }
  if (problems.length > 0) return fail(...problems)
  const policy: CosignPolicy = { keys: keys.ok ? keys.value : [] }
  if (identityMatcher) policy.keyless = { identity: identityMatcher, issuer }
  if (root.ok && root.value) policy.trustedRoot = root.value.file
  return policy.keys.length > 0 || policy.keyless ? ok(policy) : ok(undefined)
}

function parseTrustStore(text: string, files: FileSource): Checked<TrustStoreCertificate[]> {
  const name = 'notation-trust-store'
  const read = pemBlocks(name, text, files, 'ca.pem')
  const problems: string[] = [...read.problems]
  const store: TrustStoreCertificate[] = []
  for (const block of read.blocks) {
    if (block.label !== 'CERTIFICATE') {
      problems.push(
        `${name}: ${block.source} is a ${block.label} block; give CA certificates (-----BEGIN CERTIFICATE-----).`
      )
      continue
    }
    let certificate: X509Certificate
    try {
      certificate = new X509Certificate(block.pem)
    } catch (error) {
      problems.push(`${name}: ${block.source} is not a certificate (${errorMessage(error)}).`)
      continue
    }
    // A trust store holds roots (Notation's trust-store spec): CAs, or a self-signed certificate.
    if (
      !certificate.ca &&
      !(certificate.checkIssued(certificate) && certificate.verify(certificate.publicKey))
    )
      problems.push(
        `${name}: ${block.source} (${certificate.subject.replace(/\n/g, ', ')}) is neither a CA nor self-signed; give the root certificate.`
      )
    else if (!store.some((known) => known.certificate.raw.equals(certificate.raw)))
      store.push({ source: block.source, certificate })
  }
  return problems.length > 0 ? fail(...problems) : ok(store)
}

function parseIdentities(text: string): Checked<'*' | DistinguishedName[] | undefined> {
  const name = 'notation-trusted-identities'
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
  if (lines.length === 0) return ok(undefined)
  if (lines.includes('*'))
    return lines.length === 1
      ? ok('*')
      : fail(
          `${name}: "*" (any certificate that chains to the trust store) cannot be combined with other identities.`
        )
  if (lines.length > MAX_ENTRIES)
    return fail(`${name}: ${count(lines.length, 'identity')}; at most ${MAX_ENTRIES}.`)
  const problems: string[] = []
  const identities: { line: string; dn: DistinguishedName }[] = []
  for (const line of lines) {
    const colon = line.indexOf(':')
    if (colon < 0 || line.slice(0, colon).trim() !== 'x509.subject') {
      problems.push(
        `${name}: ${quote(line)} is not an identity; write x509.subject: C=US, ST=WA, O=Acme, CN=release (one a line), or *.`
      )
      continue
    }
    const dn = parseDistinguishedName(line.slice(colon + 1))
    if (!dn.ok)
      problems.push(...dn.problems.map((problem) => `${name}: ${quote(line)} ${problem}.`))
    else identities.push({ line, dn: dn.value })
  }
  // Overlapping identities make a policy invalid in Notation: one certificate would match both.
  identities.forEach((a, i) =>
    identities.forEach((b, j) => {
      if (i < j && (isSubsetDn(a.dn, b.dn) || isSubsetDn(b.dn, a.dn)))
        problems.push(
          `${name}: ${quote(formatDn(a.dn))} and ${quote(formatDn(b.dn))} overlap (one is part of the other); keep one.`
        )
    })
  )
  return problems.length > 0 ? fail(...problems) : ok(identities.map(({ dn }) => dn))
}

function parseProfiles(text: string): Checked<string[]> {
  const problems: string[] = []
  const profiles: string[] = []
  for (const word of text.split(/[\s,]+/).filter((piece) => piece !== '')) {
    if (!SIGNING_PROFILE_ARN.test(word))
      problems.push(
        `aws-signer-profile: ${quote(word.slice(0, 300))} is not an AWS Signer signing profile ARN; write arn:aws:signer:<region>:<account>:/signing-profiles/<name> (a profile version ARN, with /<version>, pins one version).`
      )
    else if (!profiles.some((known) => known.toLowerCase() === word.toLowerCase()))
      profiles.push(word)
  }
  if (profiles.length > MAX_ENTRIES)
    problems.push(
      `aws-signer-profile: ${count(profiles.length, 'profile')}; at most ${MAX_ENTRIES}.`
    )
  return problems.length > 0 ? fail(...problems) : ok(profiles)
}

function parseNotation(
  values: SignatureInputValues,
  files: FileSource
): Checked<NotationPolicy | undefined> {
  const storeText = values['notation-trust-store']
  const store = parseTrustStore(storeText, files)
  const identities = parseIdentities(values['notation-trusted-identities'])
  const profiles = parseProfiles(values['aws-signer-profile'])
  const problems: string[] = []
  for (const checked of [store, identities, profiles])
    if (!checked.ok) problems.push(...checked.problems)
  const hasIdentities = values['notation-trusted-identities'].trim() !== ''
  const hasProfiles = values['aws-signer-profile'].trim() !== ''
  if (storeText.trim() === '') {
    if (hasIdentities)
      problems.push(
        'notation-trusted-identities: set, but notation-trust-store is not; give the CA certificates the identities chain to.'
      )
    if (hasProfiles)
      problems.push(
        "aws-signer-profile: set, but notation-trust-store is not; give the AWS Signer root certificate (it ships in AWS's Notation installer trust store) in notation-trust-store."
      )
  } else if (!hasIdentities && !hasProfiles)
    problems.push(
      'notation-trust-store: set, but neither notation-trusted-identities nor aws-signer-profile is; say who may sign (x509.subject: …, or * for any certificate from the store) or which AWS Signer profiles.'
    )
  if (problems.length > 0) return fail(...problems)
  if (storeText.trim() === '') return ok(undefined)
  return ok({
    trustStore: store.ok ? store.value : [],
    identities: (identities.ok && identities.value) || [],
    signerProfiles: profiles.ok ? profiles.value : []
  })
}

/** Whether any signature input is set: verification is on, and its modules are needed. */
export function signatureInputsSet(values: SignatureInputValues): boolean {
  return SIGNATURE_INPUTS.some((name) => values[name].trim() !== '')
}

/**
 * The signature policy when any signature input is set, else undefined; or every problem.
 * `checkTrustedRoot` (sigstore-js) is needed only when `sigstore-trusted-root` is set.
 */
export function parseSignatureInputs(
  values: SignatureInputValues,
  files: FileSource,
  checkTrustedRoot?: TrustedRootCheck,
  shared?: SharedTrustedRoot
): Checked<SignaturePolicy | undefined> {
  if (!signatureInputsSet(values)) return ok(undefined)
  const cosign = parseCosign(values, files, checkTrustedRoot, shared)
  const notation = parseNotation(values, files)
  const problems = [
    ...(cosign.ok ? [] : cosign.problems),
    ...(notation.ok ? [] : notation.problems)
  ]
  if (problems.length > 0) return fail(...problems)
  const policy: SignaturePolicy = {}
  if (cosign.ok && cosign.value) policy.cosign = cosign.value
  if (notation.ok && notation.value) policy.notation = notation.value
  // Only the trusted root, for provenance: no signature is asked for.
  return policy.cosign || policy.notation ? ok(policy) : ok(undefined)
}
