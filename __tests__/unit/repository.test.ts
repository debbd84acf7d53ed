import { describe, expect, it } from '@jest/globals'
import { checkRepositoryName, imageUri, parseRepository } from '../../src/inputs/repository.js'

const HOST = '123456789012.dkr.ecr.eu-west-1.amazonaws.com'
const DIGEST = `sha256:${'a'.repeat(64)}`

describe('parseRepository: names and URIs', () => {
  it.each([
    ['team/api', { repositoryName: 'team/api' }],
    ['api', { repositoryName: 'api' }],
    ['a.b_c-d/e/f', { repositoryName: 'a.b_c-d/e/f' }],
    // Mirror repositories named after their upstream are ECR names, not foreign registries.
    ['docker.io/library/nginx', { repositoryName: 'docker.io/library/nginx' }],
    [
      `${HOST}/team/api`,
      { repositoryName: 'team/api', registry: { registryId: '123456789012', region: 'eu-west-1' } }
    ],
    [
      '210987654321.dkr.ecr.cn-northwest-1.amazonaws.com.cn/api',
      { repositoryName: 'api', registry: { registryId: '210987654321', region: 'cn-northwest-1' } }
    ],
    [
      '123456789012.dkr.ecr-fips.us-east-1.amazonaws.com/team/api',
      { repositoryName: 'team/api', registry: { registryId: '123456789012', region: 'us-east-1' } }
    ],
    [
      '123456789012.dkr-ecr.ap-south-1.on.aws/team/api',
      { repositoryName: 'team/api', registry: { registryId: '123456789012', region: 'ap-south-1' } }
    ]
  ])('%s', (text, value) => {
    expect(parseRepository(text)).toEqual({ ok: true, value })
  })

  const NAME_RULE =
    'is not a repository name: lower-case letters and digits, joined by single ".", "_", "-" or "/" (not at the start or the end), like team/api.'
  const IMAGE_NOT_REPOSITORY =
    'names an image (it has a tag or digest), not a repository; list it under the images input instead, or keep the repository here and the tag or digest in image-ids.'

  it.each([
    [
      'a URI with a tag',
      `${HOST}/team/api:v1`,
      `repository: "${HOST}/team/api:v1" ${IMAGE_NOT_REPOSITORY}`
    ],
    [
      'a URI with a digest',
      `${HOST}/team/api@${DIGEST}`,
      `repository: "${HOST}/team/api@${DIGEST}" ${IMAGE_NOT_REPOSITORY}`
    ],
    ['a name with a tag', 'team/api:v1', `repository: "team/api:v1" ${IMAGE_NOT_REPOSITORY}`],
    [
      'a URL with a scheme',
      `https://${HOST}/team/api`,
      `repository: "https://${HOST}/team/api" has a URL scheme; write it without one, like 123456789012.dkr.ecr.us-east-1.amazonaws.com/team/api.`
    ],
    [
      'a registry with no repository',
      HOST,
      `repository: "${HOST}" names a registry but no repository; add /<repository>.`
    ],
    [
      'a registry and a slash',
      `${HOST}/`,
      `repository: "${HOST}/" names a registry but no repository; add /<repository>.`
    ],
    [
      'another registry (no valid name either)',
      'ghcr.io/Org/app',
      'repository: "ghcr.io/Org/app" is not in a private ECR registry: ghcr.io is not an ECR registry host (like 123456789012.dkr.ecr.us-east-1.amazonaws.com).'
    ],
    [
      'a registry with a port',
      'localhost:5000/app',
      'repository: "localhost:5000/app" is not in a private ECR registry: localhost:5000 is not an ECR registry host (like 123456789012.dkr.ecr.us-east-1.amazonaws.com).'
    ],
    [
      'ECR Public',
      'public.ecr.aws/Nginx/nginx',
      'repository: "public.ecr.aws/Nginx/nginx" is not in a private ECR registry: public.ecr.aws is ECR Public, which BatchGetImage (private registries) does not read.'
    ],
    [
      'an ECR host with a bad account',
      '1234.dkr.ecr.us-east-1.amazonaws.com/api',
      'repository: the registry host "1234.dkr.ecr.us-east-1.amazonaws.com" has the account "1234"; an account id is 12 digits.'
    ],
    [
      'upper case',
      'Team/API',
      'repository: "Team/API" has upper-case letters; repository names are lower case: team/api.'
    ],
    [
      'one character',
      'a',
      'repository: "a" is 1 character long; a repository name is 2 to 256 characters.'
    ],
    ['a double slash', 'team//api', `repository: "team//api" ${NAME_RULE}`],
    ['a leading slash', '/team/api', `repository: "/team/api" ${NAME_RULE}`],
    ['a trailing dash', 'team/api-', `repository: "team/api-" ${NAME_RULE}`],
    ['two separators in a row', 'team/a--b', `repository: "team/a--b" ${NAME_RULE}`]
  ])('%s', (_name, text, problem) => {
    expect(parseRepository(text)).toEqual({ ok: false, problems: [problem] })
  })
})

describe('checkRepositoryName', () => {
  it('accepts 256 characters and refuses 257', () => {
    expect(checkRepositoryName('a'.repeat(256), 'repository').ok).toBe(true)
    expect(checkRepositoryName('a'.repeat(257), 'repository')).toEqual({
      ok: false,
      problems: [
        `repository: "${'a'.repeat(257)}" is 257 characters long; a repository name is 2 to 256 characters.`
      ]
    })
  })
})

describe('imageUri', () => {
  it.each([
    ['eu-west-1', `${HOST}/team/api@${DIGEST}`],
    ['cn-north-1', `123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/team/api@${DIGEST}`],
    ['us-gov-east-1', `123456789012.dkr.ecr.us-gov-east-1.amazonaws.com/team/api@${DIGEST}`],
    ['us-isob-east-1', `123456789012.dkr.ecr.us-isob-east-1.sc2s.sgov.gov/team/api@${DIGEST}`]
  ])('pins an image in %s', (region, uri) => {
    expect(
      imageUri({ registryId: '123456789012', region, repositoryName: 'team/api' }, DIGEST)
    ).toBe(uri)
  })
})
