import { describe, expect, it } from '@jest/globals'
import { parseImageReference, parseImageReferences } from '../../src/inputs/image-references.js'

const HOST = '123456789012.dkr.ecr.us-east-1.amazonaws.com'
const REGISTRY = { registryId: '123456789012', region: 'us-east-1' }
const D = `sha256:${'c'.repeat(64)}`
const NOT_ECR_HOST =
  'is not an ECR registry host (like 123456789012.dkr.ecr.us-east-1.amazonaws.com).'

describe('parseImageReference: every form', () => {
  it.each([
    [
      'full, with a tag',
      `${HOST}/team/api:v1`,
      { repositoryName: 'team/api', imageTag: 'v1', registry: REGISTRY }
    ],
    [
      'full, with a digest',
      `${HOST}/team/api@${D}`,
      { repositoryName: 'team/api', imageDigest: D, registry: REGISTRY }
    ],
    [
      'full, with both',
      `${HOST}/team/api:v1@${D}`,
      { repositoryName: 'team/api', imageTag: 'v1', imageDigest: D, registry: REGISTRY }
    ],
    [
      'full, China',
      '123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/api:v1',
      {
        repositoryName: 'api',
        imageTag: 'v1',
        registry: { registryId: '123456789012', region: 'cn-north-1' }
      }
    ],
    [
      'full, dual-stack',
      '123456789012.dkr-ecr.eu-west-1.on.aws/api:v1',
      {
        repositoryName: 'api',
        imageTag: 'v1',
        registry: { registryId: '123456789012', region: 'eu-west-1' }
      }
    ],
    ['short, with a tag', 'team/worker:v2', { repositoryName: 'team/worker', imageTag: 'v2' }],
    ['short, one segment', 'nginx:latest', { repositoryName: 'nginx', imageTag: 'latest' }],
    ['short, with a digest', `team/worker@${D}`, { repositoryName: 'team/worker', imageDigest: D }]
  ])('%s', (_name, text, value) => {
    expect(parseImageReference(text)).toEqual({ ok: true, value: { key: text, ...value } })
  })
})

describe('parseImageReference: every malformed variant', () => {
  it.each([
    [
      'Docker Hub',
      'docker.io/library/nginx:1',
      `images: "docker.io/library/nginx:1" is not in a private ECR registry: docker.io ${NOT_ECR_HOST}`
    ],
    [
      'GHCR',
      'ghcr.io/x/y:1',
      `images: "ghcr.io/x/y:1" is not in a private ECR registry: ghcr.io ${NOT_ECR_HOST}`
    ],
    [
      'a registry with a port',
      'localhost:5000/app:1',
      `images: "localhost:5000/app:1" is not in a private ECR registry: localhost:5000 ${NOT_ECR_HOST}`
    ],
    [
      'ECR Public',
      'public.ecr.aws/nginx/nginx:1',
      'images: "public.ecr.aws/nginx/nginx:1" is not in a private ECR registry: public.ecr.aws is ECR Public, which BatchGetImage (private registries) does not read.'
    ],
    [
      'no tag or digest, full',
      `${HOST}/team/api`,
      `images: "${HOST}/team/api" has no tag or digest, and ECR needs one; write ${HOST}/team/api:latest to mean latest.`
    ],
    [
      'no tag or digest, short',
      'nginx',
      'images: "nginx" has no tag or digest, and ECR needs one; write nginx:latest to mean latest.'
    ],
    ['an empty tag', 'team/api:', 'images: the tag is empty; a tag is 1 to 300 characters.'],
    [
      'a short digest',
      'team/api@sha256:abc',
      'images: the digest "sha256:abc" has 3 hex digits; a digest has 64 (a short digest cannot be looked up).'
    ],
    [
      'an upper-case repository',
      'Team/API:v1',
      'images: "Team/API" has upper-case letters; repository names are lower case: team/api.'
    ],
    [
      'a scheme',
      `https://${HOST}/api:v1`,
      `images: "https://${HOST}/api" has a URL scheme; write it without one, like ${HOST}/team/api.`
    ],
    [
      'an ECR host with a bad region',
      '123456789012.dkr.ecr.virginia.amazonaws.com/api:v1',
      'images: the registry host "123456789012.dkr.ecr.virginia.amazonaws.com" has "virginia" where a region (like us-east-1) belongs.'
    ]
  ])('%s', (_name, text, problem) => {
    expect(parseImageReference(text)).toEqual({ ok: false, problems: [problem] })
  })

  it('reports a bad repository, tag and digest of one reference together', () => {
    expect(parseImageReference('Team/Api:@sha256:1')).toEqual({
      ok: false,
      problems: [
        'images: "Team/Api" has upper-case letters; repository names are lower case: team/api.',
        'images: the tag is empty; a tag is 1 to 300 characters.',
        'images: the digest "sha256:1" has 1 hex digit; a digest has 64 (a short digest cannot be looked up).'
      ]
    })
  })
})

describe('parseImageReferences', () => {
  it('reads one per line, skipping blank lines and surrounding spaces, in order', () => {
    const text = `\n  team/a:v1  \n\n${HOST}/team/b@${D}\nteam/a:v1\n`
    expect(parseImageReferences(text)).toEqual({
      ok: true,
      value: [
        { key: 'team/a:v1', repositoryName: 'team/a', imageTag: 'v1' },
        { key: `${HOST}/team/b@${D}`, repositoryName: 'team/b', imageDigest: D, registry: REGISTRY }
      ]
    })
  })

  it('reports every bad line', () => {
    expect(parseImageReferences('ok/a:1\nnginx\nghcr.io/x/y:1')).toEqual({
      ok: false,
      problems: [
        'images: "nginx" has no tag or digest, and ECR needs one; write nginx:latest to mean latest.',
        `images: "ghcr.io/x/y:1" is not in a private ECR registry: ghcr.io ${NOT_ECR_HOST}`
      ]
    })
  })

  it('refuses an input of blank lines', () => {
    expect(parseImageReferences('\n \n')).toEqual({
      ok: false,
      problems: ['images: no image references given.']
    })
  })
})
