// The provenance fixtures' generator: run again into a temporary directory, it makes the same
// shape as the committed fixtures (the same images, outcomes and sources) with new keys; and the
// ECR server lists the seeded attestations as ECR lists what @sigstore/oci attached.
import { afterAll, describe, expect, it } from '@jest/globals'
import { ECRClient, ListImageReferrersCommand } from '@aws-sdk/client-ecr'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEcrServer } from '../../server/ecr-server.js'
import { generateProvenanceFixtures } from '../../server/generate-provenance-fixtures.js'
import {
  attestedDigest,
  PROVENANCE_CATALOG,
  PROVENANCE_FIXTURES_DIR
} from '../../server/provenance-fixtures.js'

const out = mkdtempSync(join(tmpdir(), 'provenance-fixtures-'))
afterAll(() => rmSync(out, { recursive: true, force: true }))

const shape = (catalog: typeof PROVENANCE_CATALOG) =>
  Object.entries(catalog.images).map(([name, image]) => ({
    name,
    expect: image.expect,
    referrers: image.referrers.length,
    github: image.github.map((entry) => entry.form),
    children: image.children.length
  }))

describe('generate-provenance-fixtures', () => {
  it('regenerates the committed shape with new keys', async () => {
    const fresh = await generateProvenanceFixtures(out)
    expect(shape(fresh)).toEqual(shape(PROVENANCE_CATALOG))
    expect(fresh.conditions).toEqual(PROVENANCE_CATALOG.conditions)
    expect(readFileSync(join(out, 'trusted_root.json'), 'utf8')).not.toBe(
      readFileSync(join(PROVENANCE_FIXTURES_DIR, 'trusted_root.json'), 'utf8')
    )
  }, 60_000)

  it('has a verified image from each source and a fixture for every reason', () => {
    const outcomes = new Set(
      Object.values(PROVENANCE_CATALOG.images).flatMap((image) => [
        image.expect.outcome,
        image.expect.platformOutcome ?? image.expect.outcome
      ])
    )
    expect([...outcomes].sort()).toEqual(
      [
        'verified',
        'none-found',
        'unsigned',
        'bad-signature',
        'untrusted-certificate',
        'other-repository',
        'other-workflow',
        'other-ref',
        'other-commit',
        'other-digest',
        'wrong-predicate-type'
      ].sort()
    )
  })

  it('is listed by ListImageReferrers as @sigstore/oci attaches it', async () => {
    const server = await startEcrServer()
    const ecr = new ECRClient({
      region: 'us-east-1',
      endpoint: server.url,
      maxAttempts: 1,
      credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' }
    })
    try {
      const listed = await ecr.send(
        new ListImageReferrersCommand({
          repositoryName: 'team/provenance-good',
          subjectId: { imageDigest: attestedDigest('provenance-good') }
        })
      )
      expect(listed.referrers).toEqual([
        expect.objectContaining({
          artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
          annotations: expect.objectContaining({
            'dev.sigstore.bundle.content': 'dsse-envelope',
            'dev.sigstore.bundle.predicateType': 'https://slsa.dev/provenance/v1'
          }),
          artifactStatus: 'ACTIVE'
        })
      ])
    } finally {
      ecr.destroy()
      await server.close()
    }
  })
})
