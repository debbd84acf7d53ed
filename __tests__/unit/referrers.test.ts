// Unit tests of the supply-chain pieces: kind classification, the inputs, what is kept of a
// referrer ECR sends, pagination (with a client that serves pages), and the server's paging.
import { describe, expect, it } from '@jest/globals'
import type { ListImageReferrersCommand } from '@aws-sdk/client-ecr'
import {
  checkReferrer,
  listReferrers,
  MAX_PAGES,
  type ReferrersClient
} from '../../src/ecr/referrers.js'
import { parseReferrersInputs } from '../../src/inputs/referrers.js'
import type { LookupContext } from '../../src/ecr/lookup.js'
import { inspect } from '../../src/insight/inspect.js'
import { classifyArtifactType, withReferrers } from '../../src/insight/referrers.js'
import { judge, type Policies } from '../../src/insight/verdict.js'
import type { ImageResult } from '../../src/types.js'
import { listImageReferrers } from '../../server/list-image-referrers.js'
import { Registry } from '../../server/store.js'
import { FIXTURES, SEED_REGISTRY_ID, seedFixtures } from '../../server/fixtures.js'

const digest = (n: number) => `sha256:${n.toString(16).padStart(64, '0')}`

describe('classifyArtifactType', () => {
  it.each([
    ['application/vnd.dev.sigstore.bundle.v0.3+json', 'signature'],
    ['application/vnd.dev.sigstore.bundle+json;version=0.2', 'signature'],
    ['application/vnd.cncf.notary.signature', 'signature'],
    ['application/spdx+json', 'sbom'],
    ['application/vnd.cyclonedx+json', 'sbom'],
    ['application/vnd.in-toto+json', 'attestation'],
    ['application/vnd.dev.sigstore.bundlex', 'other'],
    ['application/vnd.oci.image.config.v1+json', 'other'],
    [undefined, 'other']
  ])('%s is %s', (type, kind) => {
    expect(classifyArtifactType(type)).toBe(kind)
  })
})

describe('parseReferrersInputs', () => {
  it('is off by default and on with either input', () => {
    expect(parseReferrersInputs('', '')).toEqual({ ok: true, value: undefined })
    expect(parseReferrersInputs('true', '')).toEqual({ ok: true, value: { required: [] } })
    expect(parseReferrersInputs('', 'Signature, sbom sbom application/x.y+json')).toEqual({
      ok: true,
      value: { required: ['signature', 'sbom', 'application/x.y+json'] }
    })
  })

  it('names every bad word and the kinds', () => {
    const checked = parseReferrersInputs('yes', 'signed a/ b')
    expect(checked.ok).toBe(false)
    expect(!checked.ok && checked.problems).toEqual([
      expect.stringContaining('referrers: "yes" is not a boolean'),
      expect.stringContaining('"signed" is not a kind; use signature, sbom, attestation'),
      expect.stringContaining('"a/" is not an artifact type'),
      expect.stringContaining('"b" is not a kind')
    ])
  })
})

describe('checkReferrer', () => {
  const good = {
    digest: digest(1),
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    size: 10
  }
  it('keeps a well-formed entry and marks a missing status UNKNOWN', () => {
    expect(checkReferrer({ ...good, annotations: { a: 'b', n: 3 } })).toEqual({
      ...good,
      annotations: { a: 'b' },
      status: 'UNKNOWN'
    })
  })
  it.each([
    ['a bad digest', { ...good, digest: 'sha256:zz' }],
    ['a bad media type', { ...good, mediaType: 'text' }],
    ['a bad artifact type', { ...good, artifactType: 'x\ny/z' }],
    ['a negative size', { ...good, size: -1 }],
    ['no object', 'nope']
  ])('drops %s', (_, raw) => {
    expect(checkReferrer(raw)).toBeUndefined()
  })
})

/** Serves `total` referrers in pages of the size asked, with opaque tokens. */
function pagingClient(
  total: number,
  sent: ListImageReferrersCommand['input'][] = []
): ReferrersClient {
  return {
    send: async (command) => {
      sent.push(command.input)
      const start = Number(command.input.nextToken ?? '0')
      const size = command.input.maxResults ?? 20
      const end = Math.min(total, start + size)
      return {
        $metadata: {},
        referrers: Array.from({ length: end - start }, (_, i) => ({
          digest: digest(start + i),
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          artifactType: 'application/spdx+json',
          size: 1,
          artifactStatus: 'ACTIVE' as const
        })),
        ...(end < total ? { nextToken: String(end) } : {})
      }
    }
  }
}

const subject = { region: 'us-east-1', repositoryName: 'team/api', digest: digest(999) }

describe('listReferrers', () => {
  it('follows every page, asking 50 at a time with filter ANY', async () => {
    const sent: ListImageReferrersCommand['input'][] = []
    const [listing] = await listReferrers([subject], () => pagingClient(123, sent))
    expect(listing && 'referrers' in listing && listing.referrers.length).toBe(123)
    expect(
      sent.map((input) => [input.nextToken, input.maxResults, input.filter?.artifactStatus])
    ).toEqual([
      [undefined, 50, 'ANY'],
      ['50', 50, 'ANY'],
      ['100', 50, 'ANY']
    ])
  })

  it('stops with an error on a repeated token and past the page bound', async () => {
    const looping: ReferrersClient = {
      send: async () => ({ $metadata: {}, referrers: [], nextToken: 'same' })
    }
    const [repeated] = await listReferrers([subject], () => looping)
    expect(repeated && 'error' in repeated && repeated.error.message).toContain(
      'same nextToken twice'
    )
    const [endless] = await listReferrers([subject], () => pagingClient(MAX_PAGES * 50 + 1))
    expect(endless && 'error' in endless && endless.error.message).toContain(
      `after ${MAX_PAGES} pages`
    )
  })
})

describe('the server', () => {
  const registry = new Registry()
  seedFixtures(registry)
  const ask = (body: Record<string, unknown>) =>
    listImageReferrers(registry, {
      repositoryName: 'team/signed',
      registryId: SEED_REGISTRY_ID,
      subjectId: { imageDigest: FIXTURES.signedImage.digest },
      ...body
    }) as { referrers: { digest: string; artifactType?: string }[]; nextToken?: string }

  it('pages with maxResults and a token bound to the query', () => {
    const first = ask({ maxResults: 3 })
    expect(first.referrers).toHaveLength(3)
    const second = ask({ maxResults: 3, nextToken: first.nextToken })
    expect(second.referrers).toHaveLength(1)
    expect(second.nextToken).toBeUndefined()
    expect(() => ask({ filter: { artifactStatus: 'ANY' }, nextToken: first.nextToken })).toThrow(
      'Invalid NextToken'
    )
    expect(() => ask({ nextToken: 'forged' })).toThrow('Invalid NextToken')
    expect(() => ask({ maxResults: 51 })).toThrow('between 1 and 50')
  })

  it('filters by artifact type and by status (ACTIVE when not given)', () => {
    expect(
      ask({ filter: { artifactTypes: ['application/spdx+json'] } }).referrers.map((r) => r.digest)
    ).toEqual([FIXTURES.signedSpdxSbom.digest])
    registry.setImageStatus(
      'team/signed',
      FIXTURES.signedSpdxSbom.digest,
      'ARCHIVED',
      SEED_REGISTRY_ID
    )
    expect(ask({}).referrers).toHaveLength(3)
    expect(ask({ filter: { artifactStatus: 'ARCHIVED' } }).referrers).toHaveLength(1)
    expect(ask({ filter: { artifactStatus: 'ANY' } }).referrers).toHaveLength(4)
    expect(() => ask({ filter: { artifactStatus: 'GONE' } })).toThrow('enum value set')
  })
})

describe('require-referrers when the list is incomplete', () => {
  const image = FIXTURES.signedImage
  const found: ImageResult = {
    request: { key: 'v1', region: 'us-east-1', repositoryName: 'team/signed', imageTag: 'v1' },
    image: { imageId: { imageDigest: image.digest }, imageManifest: image.manifest }
  }
  /** Every cosign tag asked is not there, as ECR says it. */
  const noTags: LookupContext = {
    acceptedMediaTypes: [],
    clientFor: () => ({
      send: async (command) => ({
        $metadata: {},
        images: [],
        failures: (command.input.imageIds ?? []).map((imageId) => ({
          imageId,
          failureCode: 'ImageNotFound'
        }))
      })
    })
  }
  const denied: ReferrersClient = {
    send: async () => {
      throw Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' })
    }
  }
  const listing = (referrers: unknown[]): ReferrersClient => ({
    send: async () => ({ $metadata: {}, referrers: referrers as never })
  })
  const policies: Policies = {
    ifMissing: 'fail',
    ifExists: 'ignore',
    referrers: { required: ['signature'] }
  }
  async function verdict(client: ReferrersClient, lookup = noTags) {
    const [entry] = await withReferrers(inspect([found], undefined), {
      lookup,
      clientFor: () => client,
      resolvePlatforms: false
    })
    const { result, ...inspection } = entry!
    return judge(result, policies, inspection)
  }

  it('is unknown, not missing, when ListImageReferrers fails, naming the call and its error', async () => {
    const judged = await verdict(denied)
    expect(judged).toMatchObject({ status: 'failed', code: 'ReferrersUnknown' })
    expect(judged.reason).toBe(
      'signature not found, but the list of what is attached is incomplete, so it may be there: ' +
        `ListImageReferrers failed for ${image.digest} (AccessDeniedException: not authorized); has none`
    )
  })

  it('is unknown when an entry was malformed or came with no known status', async () => {
    const signature = {
      digest: digest(1),
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      size: 10
    }
    const unknownStatus = await verdict(listing([signature]))
    expect(unknownStatus.code).toBe('ReferrersUnknown')
    expect(unknownStatus.reason).toContain(
      `1 referrer(s) of ${image.digest} came with no known status`
    )
    const malformed = await verdict(listing([{ ...signature, size: -1 }]))
    expect(malformed.reason).toContain(`1 malformed referrer(s) of ${image.digest} were ignored`)
  })

  it('is unknown when a cosign tag lookup fails', async () => {
    const tagsDenied: LookupContext = {
      ...noTags,
      clientFor: () => ({
        send: async () => {
          throw Object.assign(new Error('no'), { name: 'AccessDeniedException' })
        }
      })
    }
    const judged = await verdict(listing([]), tagsDenied)
    expect(judged.code).toBe('ReferrersUnknown')
    expect(judged.reason).toContain(
      `BatchGetImage of the cosign tag ${image.digest.replace(':', '-')}.sig failed (AccessDeniedException: no)`
    )
  })

  it('is missing when the list is complete, and passes when the kind is there', async () => {
    const signature = {
      digest: digest(1),
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      size: 10,
      artifactStatus: 'ACTIVE'
    }
    expect((await verdict(listing([]))).code).toBe('ReferrersMissing')
    expect(await verdict(listing([signature]))).toMatchObject({ status: 'found', failsJob: false })
    // An archived one is listed and known: it does not count, and the kind is missing.
    const archived = { ...signature, digest: digest(2), artifactStatus: 'ARCHIVED' }
    expect((await verdict(listing([archived]))).code).toBe('ReferrersMissing')
  })

  it('is unknown when nothing was listed at all', () => {
    expect(judge(found, policies, {})).toMatchObject({
      code: 'ReferrersUnknown',
      reason: expect.stringMatching(
        /^signature could not be checked: the image's referrers were not listed/
      )
    })
  })
})
