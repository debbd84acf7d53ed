// The checks on what BatchGetImage returns (src/ecr/validate-response.ts), the matching that uses
// them (src/ecr/results.ts), and the schema 1 digest (src/insight/integrity.ts).
import { describe, expect, it } from '@jest/globals'
import {
  checkResponseShape,
  invalidImage,
  MalformedResponseError,
  neutralise
} from '../../src/ecr/validate-response.js'
import { matchResults, matchSoleAnswers, UnechoedTagError } from '../../src/ecr/results.js'
import { registryDigest, schema1Payload, sha256Digest } from '../../src/insight/integrity.js'
import { FIXTURES } from '../../server/fixtures.js'
import type { BatchCall, EcrImage, ImageLookup } from '../../src/types.js'

const DIGEST = `sha256:${'a'.repeat(64)}`
const OTHER = `sha256:${'b'.repeat(64)}`
const lookup = (id: Partial<ImageLookup>): ImageLookup => ({
  key: id.imageTag ?? id.imageDigest ?? '?',
  region: 'us-east-1',
  repositoryName: 'team/api',
  ...id
})
const image = (fields: Partial<EcrImage> = {}, imageId: EcrImage['imageId'] = {}): EcrImage => ({
  registryId: '123456789012',
  repositoryName: 'team/api',
  imageManifestMediaType: 'application/vnd.oci.image.manifest.v1+json',
  imageManifest: '{}',
  ...fields,
  imageId: { imageDigest: DIGEST, imageTag: 'v1', ...imageId }
})
const call = (ids: BatchCall['imageIds']): BatchCall => ({
  region: 'us-east-1',
  repositoryName: 'team/api',
  imageIds: ids,
  acceptedMediaTypes: []
})

describe('checkResponseShape', () => {
  it('passes a BatchGetImage body and treats absent lists as empty', () => {
    expect(checkResponseShape({})).toEqual({ images: [], failures: [] })
    const body = {
      images: [image()],
      failures: [{ imageId: { imageTag: 'x' }, failureCode: 'ImageNotFound' }]
    }
    expect(checkResponseShape(body)).toEqual(body)
  })

  it.each([
    ['a string', 'x', 'the body is not an object'],
    ['images a string', { images: 'abc' }, 'images is not a list'],
    ['failures an object', { failures: {} }, 'failures is not a list'],
    ['an image a number', { images: [1] }, 'images[0] is not an object'],
    [
      'a digest a number',
      { images: [{ imageId: { imageDigest: 1 } }] },
      'images[0].imageId.imageDigest is not a string'
    ],
    [
      'a failure code a list',
      { failures: [{ failureCode: [] }] },
      'failures[0].failureCode is not a string'
    ]
  ])('%s is a MalformedResponseError saying what', (_, body, what) => {
    expect(() => checkResponseShape(body)).toThrow(
      new MalformedResponseError(`ECR returned a malformed BatchGetImage response: ${what}`)
    )
  })
})

describe('invalidImage', () => {
  it('accepts what ECR returns', () => {
    expect(invalidImage(lookup({ imageTag: 'v1' }), image())).toBeUndefined()
    expect(
      invalidImage(lookup({ imageDigest: DIGEST }), image({}, { imageTag: undefined }))
    ).toBeUndefined()
  })

  it.each([
    [
      { registryId: '123/../evil$(id)' },
      {},
      'registryId "123/../evil\\u0024\\u0028id\\u0029", not a 12-digit account id'
    ],
    [
      {},
      { imageDigest: 'md5:abc;$(id)' },
      'imageId.imageDigest "md5:abc\\u003b\\u0024\\u0028id\\u0029", not sha256:'
    ],
    [{}, { imageDigest: DIGEST.toUpperCase().replace('SHA256', 'sha256') }, 'imageId.imageDigest'],
    [
      { repositoryName: 'team/web' },
      {},
      'repositoryName "team/web", not the repository asked for (team/api)'
    ],
    [{}, { imageTag: 'v2' }, 'imageId.imageTag "v2", not the tag asked for (v1)'],
    [
      { imageManifestMediaType: 'text/html; x' },
      {},
      'imageManifestMediaType "text/html\\u003b x", not a media type'
    ]
  ])('%j %j', (fields, imageId, said) => {
    expect(invalidImage(lookup({ imageTag: 'v1' }), image(fields, imageId))).toContain(said)
  })

  it('an image without its manifest is no answer: no gate could judge it', () => {
    const asked = lookup({ imageTag: 'v1' })
    expect(invalidImage(asked, image({ imageManifest: undefined }))).toBe(
      "ECR's answer has no imageManifest; the answer is not used"
    )
    expect(invalidImage(asked, image({ imageManifest: '' }))).toBeUndefined()
  })

  it('a tag nobody asked for must still be one ECR can hold', () => {
    const asked = lookup({ imageDigest: DIGEST })
    expect(invalidImage(asked, image({}, { imageTag: 'latest' }))).toBeUndefined()
    expect(invalidImage(asked, image({}, { imageTag: 'a\nb' }))).toContain('not a tag ECR can hold')
  })

  it('a failure code that is not a code is replaced by InvalidResponse', () => {
    const request = lookup({ imageTag: 'v1' })
    const outcome = (failureCode: string) => ({
      call: call([{ imageTag: 'v1' }]),
      images: [],
      failures: [{ imageId: { imageTag: 'v1' }, failureCode, failureReason: 'r' }]
    })
    expect(matchResults([request], [outcome('ImageNotFound')])[0]?.failure?.failureCode).toBe(
      'ImageNotFound'
    )
    const [bad] = matchResults([request], [outcome('X;$(id)')])
    expect(bad?.failure).toEqual({
      imageId: { imageTag: 'v1' },
      failureCode: 'InvalidResponse',
      failureReason:
        'ECR\'s answer has failureCode "X\\u003b\\u0024\\u0028id\\u0029", not a failure code; the answer is not used'
    })
  })

  it('neutralise leaves no shell or control character, and clips', () => {
    expect(neutralise('a`b$c\u0007d')).toBe('"a\\u0060b\\u0024c\\u0007d"')
    expect(neutralise('x'.repeat(100))).toBe(`"${'x'.repeat(80)}…"`)
  })
})

describe('matchResults and the non-echoing fallback', () => {
  it('a by-tag id answered under another tag, with that image unclaimed, is an UnechoedTagError', () => {
    const requests = [lookup({ imageTag: 'v1' }), lookup({ imageTag: 'latest' })]
    const outcome = {
      call: call([{ imageTag: 'v1' }, { imageTag: 'latest' }]),
      images: [
        image({}, { imageTag: 'latest' }),
        image({}, { imageTag: 'latest', imageDigest: OTHER })
      ],
      failures: []
    }
    const [v1, latest] = matchResults(requests, [outcome])
    expect(v1?.error).toBeInstanceOf(UnechoedTagError)
    expect(latest?.image?.imageId?.imageDigest).toBe(DIGEST)
  })

  it('no unclaimed image: a plain error, not asked again', () => {
    const outcome = { call: call([{ imageTag: 'v1' }]), images: [], failures: [] }
    const [result] = matchResults([lookup({ imageTag: 'v1' })], [outcome])
    expect(result?.error).toBeDefined()
    expect(result?.error).not.toBeInstanceOf(UnechoedTagError)
  })

  it('asked alone, the one image is the answer, recorded under the tag asked', () => {
    const request = lookup({ imageTag: 'v1' })
    const outcome = {
      call: call([{ imageTag: 'v1' }]),
      images: [image({}, { imageTag: 'newest' })],
      failures: []
    }
    const [result] = matchSoleAnswers([request], [outcome])
    expect(result?.image?.imageId).toEqual({ imageDigest: DIGEST, imageTag: 'v1' })
  })

  it('asked alone with a digest, an image of another digest is not the answer', () => {
    const request = lookup({ imageTag: 'v1', imageDigest: OTHER })
    const outcome = {
      call: call([{ imageTag: 'v1', imageDigest: OTHER }]),
      images: [image()],
      failures: []
    }
    const [result] = matchSoleAnswers([request], [outcome])
    expect(result?.image).toBeUndefined()
    expect(result?.error).toBeDefined()
  })
})

describe('signed schema 1 digests', () => {
  const fixture = FIXTURES.dockerSchema1Signed

  it('are of the JWS payload named by formatLength and formatTail', () => {
    const payload = schema1Payload(fixture.manifest)
    expect(payload?.toString('utf8').endsWith('\n}')).toBe(true)
    expect(payload?.toString('utf8')).not.toContain('"signatures"')
    expect(registryDigest(fixture.manifest)).toBe(sha256Digest(payload!))
    expect(registryDigest(fixture.manifest)).not.toBe(sha256Digest(fixture.manifest))
  })

  it('other manifests, and a schema 1 manifest with a broken header, hash as they are', () => {
    expect(schema1Payload(FIXTURES.dockerImage.manifest)).toBeUndefined()
    const broken = fixture.manifest.replace(/"protected": "[^"]*"/, '"protected": "!!"')
    expect(registryDigest(broken)).toBe(sha256Digest(broken))
  })
})
