import { describe, expect, it } from '@jest/globals'
import { jsonSyntaxError } from '../helpers/json-syntax-error.js'
import { imageIdShorthand, imageIdsFromList, parseImageIds } from '../../src/inputs/image-ids.js'

const A = `sha256:${'a'.repeat(64)}`
const B = `sha256:${'0123456789abcdef'.repeat(4)}`

describe('parseImageIds: every written form', () => {
  it.each([
    ['bare tag', 'v1', [{ key: 'v1', imageTag: 'v1' }]],
    ['bare digest', A, [{ key: A, imageDigest: A }]],
    ['tag@digest', `v1@${A}`, [{ key: `v1@${A}`, imageTag: 'v1', imageDigest: A }]],
    ['imageTag=', 'imageTag=v1', [{ key: 'imageTag=v1', imageTag: 'v1' }]],
    ['imageDigest=', `imageDigest=${A}`, [{ key: `imageDigest=${A}`, imageDigest: A }]],
    [
      'tag and digest, tag first',
      `imageTag=v1,imageDigest=${A}`,
      [{ key: `imageTag=v1,imageDigest=${A}`, imageTag: 'v1', imageDigest: A }]
    ],
    [
      'tag and digest, digest first',
      `imageDigest=${A},imageTag=v1`,
      [{ key: `imageDigest=${A},imageTag=v1`, imageTag: 'v1', imageDigest: A }]
    ],
    [
      'a space after the comma keeps one id',
      `imageTag=v1, imageDigest=${A}`,
      [{ key: `imageTag=v1,imageDigest=${A}`, imageTag: 'v1', imageDigest: A }]
    ],
    [
      'newlines and spaces mixed, in order',
      `v1 v2\n\n  ${B}\n`,
      [
        { key: 'v1', imageTag: 'v1' },
        { key: 'v2', imageTag: 'v2' },
        { key: B, imageDigest: B }
      ]
    ],
    [
      'the same key twice is kept once',
      'v1 v2 v1',
      [
        { key: 'v1', imageTag: 'v1' },
        { key: 'v2', imageTag: 'v2' }
      ]
    ],
    [
      'different keys for the same id are both kept',
      'v1 imageTag=v1',
      [
        { key: 'v1', imageTag: 'v1' },
        { key: 'imageTag=v1', imageTag: 'v1' }
      ]
    ],
    [
      'tags with dots, dashes, underscores',
      'v1.2.3-rc_1',
      [{ key: 'v1.2.3-rc_1', imageTag: 'v1.2.3-rc_1' }]
    ],
    ['a 300-character tag', 't'.repeat(300), [{ key: 't'.repeat(300), imageTag: 't'.repeat(300) }]],
    [
      'CLI JSON list, keyed by shorthand',
      `[{"imageTag":"v1"},{"imageDigest":"${A}"},{"imageDigest":"${A}","imageTag":"v2"}]`,
      [
        { key: 'imageTag=v1', imageTag: 'v1' },
        { key: `imageDigest=${A}`, imageDigest: A },
        { key: `imageTag=v2,imageDigest=${A}`, imageTag: 'v2', imageDigest: A }
      ]
    ],
    [
      'CLI JSON list with duplicates',
      '[{"imageTag":"v1"},{"imageTag":"v1"}]',
      [{ key: 'imageTag=v1', imageTag: 'v1' }]
    ]
  ])('%s', (_name, text, expected) => {
    expect(parseImageIds(text)).toEqual({ ok: true, value: expected })
  })
})

const DIGEST_FORM = 'a digest is sha256: followed by 64 lower-case hex digits.'

describe('parseImageIds: every malformed variant, with its message', () => {
  it.each([
    ['nothing', '   ', ['image-ids: no image ids; give at least one, like v1 or imageTag=v1.']],
    [
      'a repository reference as a tag',
      'team/api:v1',
      [
        'image-ids: "team/api:v1" looks like an image reference, not a tag (tags have no "/" or ":"); list full references under the images input instead.'
      ]
    ],
    [
      'a path as a tag',
      'team/api',
      [
        'image-ids: "team/api" looks like an image reference, not a tag (tags have no "/" or ":"); list full references under the images input instead.'
      ]
    ],
    [
      'a tag longer than 300',
      't'.repeat(301),
      [`image-ids: the tag "${'t'.repeat(40)}…" is 301 characters; a tag is at most 300.`]
    ],
    [
      'a short digest',
      'sha256:abc123',
      [
        'image-ids: the digest "sha256:abc123" has 6 hex digits; a digest has 64 (a short digest cannot be looked up).'
      ]
    ],
    [
      'an upper-case digest',
      A.toUpperCase(),
      [
        `image-ids: the digest "${A.toUpperCase()}" has upper-case letters; ECR digests are lower case: ${A}.`
      ]
    ],
    [
      'a digest that is not hex',
      `sha256:${'g'.repeat(64)}`,
      [`image-ids: the digest "sha256:${'g'.repeat(64)}" is not hex; ${DIGEST_FORM}`]
    ],
    [
      'a sha512 digest',
      `sha512:${'a'.repeat(128)}`,
      [
        `image-ids: the digest "sha512:${'a'.repeat(128)}" is not sha256; an ECR digest is sha256: followed by 64 lower-case hex digits.`
      ]
    ],
    [
      'an unknown key',
      'tag=v1',
      [
        'image-ids: "tag=v1" has the unknown key "tag"; the keys are imageTag and imageDigest (case matters).'
      ]
    ],
    [
      'a key in the wrong case',
      'imagetag=v1',
      [
        'image-ids: "imagetag=v1" has the unknown key "imagetag"; the keys are imageTag and imageDigest (case matters).'
      ]
    ],
    ['an empty value', 'imageTag=', ['image-ids: "imageTag=" gives imageTag no value.']],
    [
      'a key twice',
      'imageTag=a,imageTag=b',
      ['image-ids: "imageTag=a,imageTag=b" gives imageTag twice.']
    ],
    [
      'a part that is not key=value',
      'imageTag=v1,v2',
      [
        'image-ids: "imageTag=v1,v2" has "v2" where key=value was expected (imageTag=v1,imageDigest=sha256:…).'
      ]
    ],
    [
      'a bad digest in shorthand',
      'imageDigest=sha256:12',
      [
        'image-ids: the digest "sha256:12" has 2 hex digits; a digest has 64 (a short digest cannot be looked up).'
      ]
    ],
    [
      'nothing before @',
      `@${A}`,
      [`image-ids: "@${A}" has nothing before "@"; write v1@sha256:… or just the digest.`]
    ],
    [
      'nothing after @',
      'v1@',
      ['image-ids: the digest is empty; a digest is sha256: followed by 64 hex digits.']
    ],
    [
      'bad tag and bad digest: both reported',
      'a/b@sha256:1',
      [
        'image-ids: "a/b" looks like an image reference, not a tag (tags have no "/" or ":"); list full references under the images input instead.',
        'image-ids: the digest "sha256:1" has 1 hex digit; a digest has 64 (a short digest cannot be looked up).'
      ]
    ],
    [
      'every bad token is reported, not only the first',
      'ok a:b imageTag=',
      [
        'image-ids: "a:b" looks like an image reference, not a tag (tags have no "/" or ":"); list full references under the images input instead.',
        'image-ids: "imageTag=" gives imageTag no value.'
      ]
    ],
    [
      'JSON that does not parse',
      '[{"imageTag":"v1"}',
      [
        `image-ids: not valid JSON (${jsonSyntaxError('[{"imageTag":"v1"}')}); the JSON form is [{"imageTag":"v1"},{"imageDigest":"sha256:…"}].`
      ]
    ],
    ['an empty JSON list', '[]', ['image-ids: the list is empty; give at least one image id.']],
    [
      'a JSON list of strings',
      '["v1"]',
      ['image-ids[0]: expected a mapping with imageTag and/or imageDigest, got the string "v1".']
    ],
    [
      'a JSON entry with an unknown key',
      '[{"tag":"v1"}]',
      ['image-ids[0]: unknown key "tag"; the keys are imageTag and imageDigest (case matters).']
    ],
    [
      'a JSON entry with a number',
      '[{"imageTag":1}]',
      ['image-ids[0].imageTag: expected a string, got the number 1.']
    ],
    [
      'a JSON entry with neither key',
      '[{}]',
      ['image-ids[0]: gives neither imageTag nor imageDigest.']
    ],
    [
      'a JSON entry with an empty tag',
      '[{"imageTag":""}]',
      ['image-ids[0].imageTag: the tag is empty; a tag is 1 to 300 characters.']
    ],
    [
      'a JSON tag with whitespace',
      '[{"imageTag":"v 1"}]',
      ['image-ids[0].imageTag: the tag "v 1" contains whitespace; tags cannot.']
    ],
    [
      'problems of several JSON entries',
      '[{"imageTag":"v1"},null,{"imageDigest":"sha256:ab"}]',
      [
        'image-ids[1]: expected a mapping with imageTag and/or imageDigest, got null.',
        'image-ids[2].imageDigest: the digest "sha256:ab" has 2 hex digits; a digest has 64 (a short digest cannot be looked up).'
      ]
    ]
  ])('%s', (_name, text, problems) => {
    expect(parseImageIds(text)).toEqual({ ok: false, problems })
  })
})

describe('imageIdsFromList', () => {
  it('names the label and the type when the value is not a list', () => {
    expect(imageIdsFromList({ imageTag: 'v1' }, 'request.imageIds')).toEqual({
      ok: false,
      problems: [
        'request.imageIds: expected a list of image ids like [{"imageTag":"v1"},{"imageDigest":"sha256:…"}], got a mapping.'
      ]
    })
  })
})

describe('imageIdShorthand', () => {
  it.each([
    [{ imageTag: 'v1' }, 'imageTag=v1'],
    [{ imageDigest: A }, `imageDigest=${A}`],
    [{ imageDigest: A, imageTag: 'v1' }, `imageTag=v1,imageDigest=${A}`]
  ])('%j → %s', (id, key) => {
    expect(imageIdShorthand(id)).toBe(key)
  })
})
