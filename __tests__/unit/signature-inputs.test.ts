// The signature inputs: every problem named with its input, consistent combinations required,
// keys, certificates, identities and profiles parsed as cosign and Notation take them.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openWorkspace } from '../../src/files/workspace.js'
import { parseDistinguishedName } from '../../src/inputs/distinguished-name.js'
import { parseSignatureInputs, type SignatureInputValues } from '../../src/inputs/signatures.js'
import { signatureInputs } from '../helpers/signature-inputs.js'

const DIR = fileURLToPath(new URL('../../fixtures/signatures/', import.meta.url))
const files = openWorkspace(DIR)
const values = signatureInputs
const problems = (overrides: Partial<SignatureInputValues>): string[] => {
  const checked = parseSignatureInputs(values(overrides), files, () => ({
    certificateAuthorities: 1,
    tlogs: 1,
    ctlogs: 1,
    timestampAuthorities: 1
  }))
  return checked.ok ? [] : checked.problems
}

describe('parseSignatureInputs', () => {
  it('is off (undefined) when no signature input is set', () => {
    expect(parseSignatureInputs(values({}), files)).toEqual({ ok: true, value: undefined })
  })

  it('reads PEM keys inline and from @path, and awskms:/// references with their region', () => {
    const inline = readFileSync(join(DIR, 'other.pub'), 'utf8')
    const checked = parseSignatureInputs(
      values({
        'cosign-key': `@cosign.pub\n${inline}\nawskms:///alias/cosign\nawskms:///arn:aws:kms:eu-west-1:123456789012:key/0a1b2c3d-1111-2222-3333-444455556666`
      }),
      files
    )
    expect(checked.ok && checked.value?.cosign?.keys.map((key) => key.kind)).toEqual([
      'pem',
      'pem',
      'kms',
      'kms'
    ])
    expect(checked.ok && checked.value?.cosign?.keys[3]).toMatchObject({
      kind: 'kms',
      region: 'eu-west-1'
    })
  })

  it('names a private key, a bad PEM, a non-KMS reference and an unreadable file', () => {
    const found = problems({
      'cosign-key':
        '-----BEGIN PRIVATE KEY-----\nMIGH\n-----END PRIVATE KEY-----\n-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\nawskms://host/key\n@missing.pub\nhello'
    })
    expect(found).toEqual([
      'cosign-key: missing.pub does not exist.',
      expect.stringMatching(/^cosign-key: "hello" is neither a PEM block nor @path/),
      expect.stringMatching(
        /^cosign-key: cosign-key block 1 is a PRIVATE KEY block; give the public key/
      ),
      expect.stringMatching(/^cosign-key: cosign-key block 2 is not a public key/),
      expect.stringMatching(/^cosign-key: "awskms:\/\/host\/key" is not an AWS KMS key reference/)
    ])
    expect(found.join('\n')).not.toContain('MIGH')
  })

  it('keyless: identity xor regexp, the issuer required with either, the regexp compiled', () => {
    expect(
      problems({
        'cosign-certificate-identity': 'a',
        'cosign-certificate-identity-regexp': 'b',
        'cosign-certificate-oidc-issuer': 'i'
      })
    ).toEqual([expect.stringMatching(/both set; give one/)])
    expect(problems({ 'cosign-certificate-identity': 'a' })).toEqual([
      expect.stringMatching(
        /^cosign-certificate-oidc-issuer: empty, but a certificate identity is set/
      )
    ])
    expect(problems({ 'cosign-certificate-oidc-issuer': 'i' })).toEqual([
      expect.stringMatching(/^cosign-certificate-oidc-issuer: set, but neither/)
    ])
    expect(
      problems({ 'cosign-certificate-identity-regexp': '(', 'cosign-certificate-oidc-issuer': 'i' })
    ).toEqual([
      expect.stringMatching(/^cosign-certificate-identity-regexp: "\(" is not a regular expression/)
    ])
    const checked = parseSignatureInputs(
      values({
        'cosign-certificate-identity-regexp': '^https://github.com/octo-org/',
        'cosign-certificate-oidc-issuer': 'i'
      }),
      files
    )
    expect(checked.ok && checked.value?.cosign?.keyless).toMatchObject({
      identity: { regexp: /^https:\/\/github.com\/octo-org\//u },
      issuer: 'i'
    })
  })

  it('sigstore-trusted-root: @path only, JSON with the trusted root media type, checked by the parser given', () => {
    expect(problems({ 'sigstore-trusted-root': '{}', 'cosign-key': '@cosign.pub' })).toEqual([
      expect.stringMatching(/give the trusted_root.json as @path/)
    ])
    expect(
      problems({ 'sigstore-trusted-root': '@cosign.pub', 'cosign-key': '@cosign.pub' })
    ).toEqual([expect.stringMatching(/is not JSON/)])
    expect(problems({ 'sigstore-trusted-root': '@trusted_root.json' })).toEqual([
      expect.stringMatching(/no cosign-key, no certificate identity and no require-provenance/)
    ])
    const bad = parseSignatureInputs(
      values({ 'sigstore-trusted-root': '@trusted_root.json', 'cosign-key': '@cosign.pub' }),
      files,
      () => {
        throw new Error('bad key')
      }
    )
    expect(bad).toEqual({
      ok: false,
      problems: [expect.stringMatching(/is not a valid trusted root \(bad key\)/)]
    })
    const empty = parseSignatureInputs(
      values({
        'sigstore-trusted-root': '@trusted_root.json',
        'cosign-certificate-identity': 'a',
        'cosign-certificate-oidc-issuer': 'i'
      }),
      files,
      () => ({ certificateAuthorities: 0, tlogs: 0, ctlogs: 0, timestampAuthorities: 0 })
    )
    expect(empty.ok ? [] : empty.problems).toEqual([
      expect.stringMatching(/no certificate authority/),
      expect.stringMatching(/no transparency log and no timestamp authority/)
    ])
  })

  it('Notation: store, identities and profiles go together', () => {
    expect(problems({ 'notation-trust-store': '@notation-ca.pem' })).toEqual([
      expect.stringMatching(/^notation-trust-store: set, but neither/)
    ])
    expect(problems({ 'notation-trusted-identities': '*' })).toEqual([
      expect.stringMatching(/^notation-trusted-identities: set, but notation-trust-store is not/)
    ])
    expect(
      problems({
        'aws-signer-profile': 'arn:aws:signer:us-east-1:123456789012:/signing-profiles/release'
      })
    ).toEqual([expect.stringMatching(/^aws-signer-profile: set, but notation-trust-store is not/)])
    expect(
      problems({ 'notation-trust-store': '@cosign.pub', 'notation-trusted-identities': '*' })
    ).toEqual([expect.stringMatching(/PUBLIC KEY block; give CA certificates/)])
    const checked = parseSignatureInputs(
      values({
        'notation-trust-store': '@notation-ca.pem\n@aws-signer-root.pem',
        'aws-signer-profile':
          'arn:aws:signer:us-east-1:123456789012:/signing-profiles/release_signing'
      }),
      files
    )
    expect(checked.ok && checked.value?.notation?.trustStore).toHaveLength(2)
  })

  it('trusted identities: * alone, x509.subject DNs, no overlap; profiles by ARN pattern', () => {
    const store = { 'notation-trust-store': '@notation-ca.pem' }
    expect(
      problems({ ...store, 'notation-trusted-identities': '*\nx509.subject: C=US, ST=WA, O=Acme' })
    ).toEqual([expect.stringMatching(/cannot be combined/)])
    expect(problems({ ...store, 'notation-trusted-identities': 'CN=release' })).toEqual([
      expect.stringMatching(/is not an identity; write x509.subject:/)
    ])
    expect(
      problems({ ...store, 'notation-trusted-identities': 'x509.subject: C=US, O=Acme' })
    ).toEqual([expect.stringMatching(/has no ST; Notation requires C, ST \(or S\) and O/)])
    expect(
      problems({
        ...store,
        'notation-trusted-identities':
          'x509.subject: C=US, S=WA, O=Acme\nx509.subject: C=US, ST=WA, O=Acme, CN=release'
      })
    ).toEqual([expect.stringMatching(/overlap/)])
    expect(
      problems({
        ...store,
        'aws-signer-profile': 'arn:aws:signer:us-east-1:123456789012:signing-profiles/x'
      })
    ).toEqual([
      expect.stringMatching(/^aws-signer-profile: .* is not an AWS Signer signing profile ARN/)
    ])
  })
})

describe('parseDistinguishedName (Notation rules)', () => {
  it('unescapes, maps S to ST, trims unescaped spaces', () => {
    const dn = parseDistinguishedName(' C=US, S=WA , O=Acme\\, Inc., CN=\\ release\\2b ')
    expect(dn.ok && [...dn.value]).toEqual([
      ['C', 'US'],
      ['ST', 'WA'],
      ['O', 'Acme, Inc.'],
      ['CN', ' release+']
    ])
  })

  it.each([
    ['C=US, ST=WA, O=Acme, CN=a+OU=b', /multi-valued RDN/],
    ['C=US, ST=WA, O=#04024869', /hex-encoded/],
    ['C=US, C=CA, ST=WA, O=Acme', /names C twice/],
    ['C=US, ST=WA, O=Acme, CN=a\\', /lone backslash/],
    ['C=US, ST=WA, O=Acme, =x', /not an attribute type/]
  ])('refuses %s', (text, message) => {
    const dn = parseDistinguishedName(text)
    expect(dn.ok ? '' : dn.problems.join()).toMatch(message)
  })
})

describe('readInputs with a signature input', () => {
  it('fails closed until verification is part of a run, after checking the values', async () => {
    const { readInputs } = await import('../../src/inputs/read-inputs.js')
    const raw: Record<string, string> = {
      repository: 'team/api',
      'image-ids': 'v1',
      region: 'us-east-1',
      'cosign-key': '@cosign.pub'
    }
    const read = () =>
      readInputs({
        getInput: (name) => raw[name] ?? '',
        env: { GITHUB_WORKSPACE: DIR },
        workspace: files
      })
    expect(read).toThrow(
      /cosign-key: signature verification is not part of this version's runs yet/
    )
    raw['cosign-key'] = 'nonsense'
    expect(read).toThrow(/cosign-key: "nonsense" is neither a PEM block nor @path/)
  })
})
