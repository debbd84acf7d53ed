// The signature fixtures' generator: run again into a temporary directory, it makes the same
// shape as the committed fixtures (the same images, kinds and intended outcomes, the same trust
// files), with new keys, so new bytes; and the committed catalog is seeded as the server says.
import { afterAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateSignatureFixtures } from '../../server/generate-signature-fixtures.js'
import { SIGNATURE_CATALOG, signatureFile } from '../../server/signature-fixtures.js'

const out = mkdtempSync(join(tmpdir(), 'signature-fixtures-'))
afterAll(() => rmSync(out, { recursive: true, force: true }))

const shape = (catalog: typeof SIGNATURE_CATALOG) =>
  Object.entries(catalog.images).map(([name, image]) => ({
    name,
    repositoryName: image.repositoryName,
    expect: image.expect,
    referrers: image.referrers.map(
      (artifact) => (JSON.parse(artifact.manifest) as { artifactType: string }).artifactType
    ),
    tagged: image.tagged.length
  }))

describe('generate-signature-fixtures', () => {
  it('regenerates the committed shape with new keys', async () => {
    const fresh = await generateSignatureFixtures(out)
    expect(shape(fresh)).toEqual(shape(SIGNATURE_CATALOG))
    expect(fresh.signingTime).toBe(SIGNATURE_CATALOG.signingTime)
    for (const file of [
      'cosign.pub',
      'other.pub',
      'trusted_root.json',
      'notation-ca.pem',
      'aws-signer-root.pem'
    ]) {
      expect(existsSync(join(out, file))).toBe(true)
      expect(readFileSync(join(out, file), 'utf8')).not.toBe(
        readFileSync(signatureFile(file), 'utf8')
      )
    }
    expect(fresh.images['signed-cosign-key']!.tagged[0]!.manifest).not.toBe(
      SIGNATURE_CATALOG.images['signed-cosign-key']!.tagged[0]!.manifest
    )
  }, 60_000)

  it('has a signed image for each signer, bad cases for each reason, and an unsigned image', () => {
    const outcomes = new Set(
      Object.values(SIGNATURE_CATALOG.images).map((image) => image.expect.outcome)
    )
    expect([...outcomes].sort()).toEqual(
      [
        'verified',
        'no-signature',
        'wrong-key',
        'other-digest',
        'untrusted-identity',
        'certificate-expired',
        'bad-signature',
        'revoked'
      ].sort()
    )
    const kinds = new Set(
      Object.values(SIGNATURE_CATALOG.images)
        .filter((image) => image.expect.outcome === 'verified')
        .map((image) => image.expect.kind)
    )
    expect([...kinds].sort()).toEqual(['cosign', 'notation', 'sigstore-bundle'])
  })
})
