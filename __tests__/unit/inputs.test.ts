import { afterAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { tempWorkspace } from '../helpers/temp-workspace.js'
import { InputError, type Inputs, readInputs } from '../../src/inputs/read-inputs.js'
import { MANIFEST_MEDIA_TYPES, MEDIA_TYPES } from '../../src/media-types.js'

type Raw = Record<string, string>
type Env = Record<string, string>

const ACTION_INPUTS: string[] = Object.keys(
  (parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as { inputs: object })
    .inputs
)
const HOST = '123456789012.dkr.ecr.eu-west-1.amazonaws.com'
const D = `sha256:${'e'.repeat(64)}`
const { ociIndex: OCI_INDEX, dockerManifest: DOCKER_V2 } = MEDIA_TYPES
const WORKSPACE = tempWorkspace({
  'request.json': JSON.stringify({
    registryId: '111111111111',
    repositoryName: 'from/request',
    imageIds: [{ imageTag: 'r1' }],
    acceptedMediaTypes: [OCI_INDEX]
  }),
  'broken.yaml': 'imageIds: [',
  'numeric-id.json':
    '{"registryId": 12345678901, "repositoryName": "api", "imageIds": [{"imageTag": "v1"}]}'
})
afterAll(() => WORKSPACE.remove())

function source(raw: Raw, env: Env) {
  return {
    getInput(name: string): string {
      if (!ACTION_INPUTS.includes(name)) throw new Error(`action.yml has no input ${name}`)
      return raw[name] ?? ''
    },
    env: { GITHUB_WORKSPACE: WORKSPACE.root, ...env },
    // The YAML parser main.ts loads for the request input, passed in the same way.
    parseYaml: parse,
    workspace: WORKSPACE.workspace
  }
}

function read(raw: Raw, env: Env = {}): Inputs {
  return readInputs(source(raw, env))
}

function thrownBy(raw: Raw, env: Env = {}): InputError {
  try {
    read(raw, env)
  } catch (error) {
    if (error instanceof InputError) return error
    throw error
  }
  throw new Error('expected an InputError')
}

function problemsOf(raw: Raw, env: Env = {}): string[] {
  return thrownBy(raw, env).problems
}

const MINIMAL = { repository: 'team/api', 'image-ids': 'v1' }
const IN_US_EAST_1 = { AWS_REGION: 'us-east-1' }

describe('readInputs: values and defaults', () => {
  it('fills every default from a minimal valid set', () => {
    expect(read(MINIMAL, IN_US_EAST_1)).toEqual({
      lookups: [{ key: 'v1', region: 'us-east-1', repositoryName: 'team/api', imageTag: 'v1' }],
      acceptedMediaTypes: [...MANIFEST_MEDIA_TYPES],
      ifMissing: 'fail',
      requestTimeoutMs: 30_000,
      ifExists: 'ignore',
      maxAttempts: 5,
      resolvePlatforms: false,
      summary: true,
      comment: false,
      githubToken: '',
      waitTimeoutMs: 0,
      waitIntervalMs: 5000,
      dryRun: false
    })
  })

  it('reads every input when each is set', () => {
    const inputs = read({
      repository: `${HOST}/team/api`,
      'image-ids': `v1 imageDigest=${D}`,
      'registry-id': '123456789012',
      region: 'eu-west-1',
      endpoint: 'https://vpce-1.api.ecr.eu-west-1.vpce.amazonaws.com',
      'accepted-media-types': `${OCI_INDEX}, ${DOCKER_V2}\n${OCI_INDEX}`,
      'if-missing': 'WARN',
      'if-exists': 'Fail',
      'max-attempts': '20',
      'request-timeout': '1m30s',
      platform: 'linux/arm64/v8',
      'resolve-platforms': 'True',
      summary: 'FALSE',
      comment: 'true',
      'comment-key': 'prod',
      'github-token': 'ghs_token',
      'wait-timeout': '10m',
      'wait-interval': '500ms',
      'dry-run': 'TRUE',
      'http-proxy': 'http://proxy.internal:3128',
      'read-config': 'true',
      'require-labels':
        'org.opencontainers.image.revision=abc\n\n  org.opencontainers.image.version  '
    })
    const target = { region: 'eu-west-1', registryId: '123456789012', repositoryName: 'team/api' }
    expect(inputs).toEqual({
      lookups: [
        { key: 'v1', ...target, imageTag: 'v1' },
        { key: `imageDigest=${D}`, ...target, imageDigest: D }
      ],
      acceptedMediaTypes: [OCI_INDEX, DOCKER_V2],
      endpoint: 'https://vpce-1.api.ecr.eu-west-1.vpce.amazonaws.com',
      ifMissing: 'warn',
      ifExists: 'fail',
      maxAttempts: 20,
      requestTimeoutMs: 90_000,
      platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
      resolvePlatforms: true,
      summary: false,
      comment: true,
      commentKey: 'prod',
      githubToken: 'ghs_token',
      waitTimeoutMs: 600_000,
      waitIntervalMs: 500,
      dryRun: true,
      httpProxy: 'http://proxy.internal:3128',
      readConfig: true,
      requireLabels: [
        { key: 'org.opencontainers.image.revision', value: 'abc' },
        { key: 'org.opencontainers.image.version' }
      ]
    })
  })

  it.each([
    ['the input first', { region: 'ap-south-1' }, { AWS_REGION: 'us-east-1' }, 'ap-south-1'],
    [
      'AWS_REGION next',
      {},
      { AWS_REGION: 'us-east-2', AWS_DEFAULT_REGION: 'us-west-2' },
      'us-east-2'
    ],
    ['AWS_DEFAULT_REGION last', {}, { AWS_DEFAULT_REGION: 'us-west-2' }, 'us-west-2'],
    [
      'a blank AWS_REGION is unset',
      {},
      { AWS_REGION: ' ', AWS_DEFAULT_REGION: 'us-west-2' },
      'us-west-2'
    ]
  ])('region: %s', (_name, raw, env, region) => {
    expect(read({ ...MINIMAL, ...raw }, env).lookups[0]?.region).toBe(region)
  })

  it('takes the region and registry from a repository URI over the environment', () => {
    expect(read({ repository: `${HOST}/api`, 'image-ids': 'v1' }, IN_US_EAST_1).lookups).toEqual([
      {
        key: 'v1',
        region: 'eu-west-1',
        registryId: '123456789012',
        repositoryName: 'api',
        imageTag: 'v1'
      }
    ])
  })

  it('resolves short references with registry-id and region, full ones with their host', () => {
    const images = `${HOST}/team/api:v1\nteam/worker:v2\n\n${HOST}/team/api@${D}\n`
    expect(read({ images, 'registry-id': '012345678901', region: 'us-east-2' }).lookups).toEqual([
      {
        key: `${HOST}/team/api:v1`,
        region: 'eu-west-1',
        registryId: '123456789012',
        repositoryName: 'team/api',
        imageTag: 'v1'
      },
      {
        key: 'team/worker:v2',
        region: 'us-east-2',
        registryId: '012345678901',
        repositoryName: 'team/worker',
        imageTag: 'v2'
      },
      {
        key: `${HOST}/team/api@${D}`,
        region: 'eu-west-1',
        registryId: '123456789012',
        repositoryName: 'team/api',
        imageDigest: D
      }
    ])
  })

  it('needs no region when every reference names its registry', () => {
    expect(read({ images: `${HOST}/a/b:1` }).lookups).toHaveLength(1)
  })

  it('takes every field from a request file', () => {
    const inputs = read({ request: '@request.json' }, IN_US_EAST_1)
    expect(inputs.lookups).toEqual([
      {
        key: 'imageTag=r1',
        region: 'us-east-1',
        registryId: '111111111111',
        repositoryName: 'from/request',
        imageTag: 'r1'
      }
    ])
    expect(inputs.acceptedMediaTypes).toEqual([OCI_INDEX])
  })

  it('lets explicit inputs override the request field by field', () => {
    const inputs = read(
      {
        request: '@request.json',
        repository: 'team/api',
        'image-ids': 'v9',
        'registry-id': '222222222222',
        'accepted-media-types': DOCKER_V2
      },
      IN_US_EAST_1
    )
    expect(inputs.lookups).toEqual([
      {
        key: 'v9',
        region: 'us-east-1',
        registryId: '222222222222',
        repositoryName: 'team/api',
        imageTag: 'v9'
      }
    ])
    expect(inputs.acceptedMediaTypes).toEqual([DOCKER_V2])
  })

  it('reads an inline YAML request', () => {
    const request = 'repositoryName: team/api\nimageIds:\n  - imageTag: v1\n'
    expect(read({ request }, IN_US_EAST_1).lookups).toEqual([
      { key: 'imageTag=v1', region: 'us-east-1', repositoryName: 'team/api', imageTag: 'v1' }
    ])
  })

  it('asks for no input action.yml does not declare, and for every one it does', () => {
    const asked = new Set<string>()
    const spy = source(MINIMAL, IN_US_EAST_1)
    readInputs({ ...spy, getInput: (name) => (asked.add(name), spy.getInput(name)) })
    expect([...asked].sort()).toEqual([...ACTION_INPUTS].sort())
  })
})

const NO_REGION =
  'region: no region is set; set the region input, use a repository URI or full image references (123456789012.dkr.ecr.<region>.amazonaws.com/…), or run aws-actions/configure-aws-credentials with aws-region before this step.'
const NOT_BOOLEAN = 'is not a boolean; use true or false (also True, TRUE, False, FALSE).'
const FORMS = 'write 90s, 10m, 1h30m, 500ms, or plain seconds (30)'

// The bad-input suite: each set of inputs, and every problem the user is told, exactly.
const BAD_INPUTS: [string, Raw, Env, string[]][] = [
  [
    'nothing to look up',
    {},
    IN_US_EAST_1,
    ['repository: nothing to look up; set repository and image-ids, or images, or request.']
  ],
  [
    'repository without image-ids',
    { repository: 'team/api' },
    IN_US_EAST_1,
    ['image-ids: required with repository; give at least one image id, like v1 or imageTag=v1.']
  ],
  [
    'image-ids without repository',
    { 'image-ids': 'v1' },
    IN_US_EAST_1,
    ['repository: required with image-ids (or give repositoryName in request, or use images).']
  ],
  ['no region anywhere', MINIMAL, {}, [NO_REGION]],
  ['no region, dry run', { ...MINIMAL, 'dry-run': 'true' }, {}, [NO_REGION]],
  ['no region for a short reference', { images: 'team/worker:v2' }, {}, [NO_REGION]],
  [
    'bad region input',
    { ...MINIMAL, region: 'Frankfurt' },
    {},
    ['region: "Frankfurt" is not an AWS region name, like us-east-1, cn-north-1 or us-gov-west-1.']
  ],
  [
    'bad AWS_REGION, when it is the one used',
    MINIMAL,
    { AWS_REGION: 'us-east-1a' },
    ['AWS_REGION: "us-east-1a" is an availability zone; its region is us-east-1.']
  ],
  [
    'bad AWS_DEFAULT_REGION',
    MINIMAL,
    { AWS_DEFAULT_REGION: 'EU-WEST-1' },
    [
      'AWS_DEFAULT_REGION: "EU-WEST-1" has upper-case letters; region names are lower case: eu-west-1.'
    ]
  ],
  [
    'region contradicting the URI',
    { repository: `${HOST}/api`, 'image-ids': 'v1', region: 'us-east-1' },
    {},
    [
      'region: "us-east-1" contradicts the repository URI, whose region is eu-west-1; remove region or make them agree.'
    ]
  ],
  [
    'registry-id contradicting the URI',
    { repository: `${HOST}/api`, 'image-ids': 'v1', 'registry-id': '999999999999' },
    {},
    [
      'registry-id: "999999999999" contradicts the repository URI, whose registry is 123456789012; remove registry-id or make them agree.'
    ]
  ],
  [
    'registry-id read as a number by YAML',
    { ...MINIMAL, 'registry-id': '12345678901' },
    IN_US_EAST_1,
    [
      `registry-id: "12345678901" has 11 digits; a registry id is 12 digits. YAML reads an unquoted 012345678901 as a number and drops the leading zero: quote it, registry-id: '012345678901'.`
    ]
  ],
  [
    'registry-id in exponent form',
    { ...MINIMAL, 'registry-id': '1.23456789012e+11' },
    IN_US_EAST_1,
    [
      `registry-id: "1.23456789012e+11" is a number in YAML's float form; a registry id is 12 digits. YAML reads an unquoted 123456789012 as a number and rewrites it: quote it, registry-id: '123456789012'.`
    ]
  ],
  [
    'registry-id that is a name',
    { ...MINIMAL, 'registry-id': 'prod' },
    IN_US_EAST_1,
    [
      'registry-id: "prod" is not a registry id; a registry id is the 12-digit AWS account id, like 012345678901.'
    ]
  ],
  [
    'repository URI with a tag',
    { repository: `${HOST}/api:v1`, 'image-ids': 'v1' },
    {},
    [
      `repository: "${HOST}/api:v1" names an image (it has a tag or digest), not a repository; list it under the images input instead, or keep the repository here and the tag or digest in image-ids.`
    ]
  ],
  [
    'repository in upper case',
    { repository: 'Team/Api', 'image-ids': 'v1' },
    IN_US_EAST_1,
    ['repository: "Team/Api" has upper-case letters; repository names are lower case: team/api.']
  ],
  [
    'repository on ECR Public',
    { repository: 'public.ecr.aws/Docker/library', 'image-ids': 'v1' },
    IN_US_EAST_1,
    [
      'repository: "public.ecr.aws/Docker/library" is not in a private ECR registry: public.ecr.aws is ECR Public, which BatchGetImage (private registries) does not read.'
    ]
  ],
  [
    'image-ids with a reference',
    { repository: 'team/api', 'image-ids': 'team/api:v1' },
    IN_US_EAST_1,
    [
      'image-ids: "team/api:v1" looks like an image reference, not a tag (tags have no "/" or ":"); list full references under the images input instead.'
    ]
  ],
  [
    'image-ids with a short digest',
    { repository: 'team/api', 'image-ids': 'sha256:deadbeef' },
    IN_US_EAST_1,
    [
      'image-ids: the digest "sha256:deadbeef" has 8 hex digits; a digest has 64 (a short digest cannot be looked up).'
    ]
  ],
  [
    'image-ids with an unknown key',
    { repository: 'team/api', 'image-ids': 'tag=v1' },
    IN_US_EAST_1,
    [
      'image-ids: "tag=v1" has the unknown key "tag"; the keys are imageTag and imageDigest (case matters).'
    ]
  ],
  [
    'image-ids JSON that is not a list',
    { repository: 'team/api', 'image-ids': '[{"imageTag": 5}]' },
    IN_US_EAST_1,
    ['image-ids[0].imageTag: expected a string, got the number 5.']
  ],
  [
    'images with repository and image-ids',
    { images: `${HOST}/app:1`, repository: 'team/api', 'image-ids': 'v1' },
    {},
    [
      'images: cannot be combined with repository or image-ids; use images alone, or repository with image-ids.'
    ]
  ],
  [
    'images with a request naming the repository',
    { images: `${HOST}/app:1`, request: '@request.json' },
    {},
    [
      'images: cannot be combined with request.repositoryName or request.imageIds; use images alone, or repository with image-ids.'
    ]
  ],
  [
    'images from Docker Hub',
    { images: 'docker.io/library/nginx:latest' },
    IN_US_EAST_1,
    [
      'images: "docker.io/library/nginx:latest" is not in a private ECR registry: docker.io is not an ECR registry host (like 123456789012.dkr.ecr.us-east-1.amazonaws.com).'
    ]
  ],
  [
    'images without a tag',
    { images: `${HOST}/team/api` },
    {},
    [
      `images: "${HOST}/team/api" has no tag or digest, and ECR needs one; write ${HOST}/team/api:latest to mean latest.`
    ]
  ],
  ['request file missing', { request: '@nope.json' }, {}, ['request: nope.json does not exist.']],
  [
    'request file broken',
    { request: '@broken.yaml' },
    {},
    [
      'request (broken.yaml): not valid YAML (Flow sequence in block collection must be sufficiently indented and end with a ] at line 1, column 12).'
    ]
  ],
  [
    'request with a numeric registryId',
    { request: '@numeric-id.json' },
    IN_US_EAST_1,
    [
      'request.registryId: expected a string, got the number 12345678901; quote it (a JSON number loses leading zeros).'
    ]
  ],
  [
    'request with a short registryId string',
    {
      request:
        '{"registryId": "12345678901", "repositoryName": "api", "imageIds": [{"imageTag": "v1"}]}'
    },
    IN_US_EAST_1,
    [
      `request.registryId: "12345678901" has 11 digits; a registry id is 12 digits. YAML reads an unquoted 012345678901 as a number and drops the leading zero: quote it, registryId: '012345678901'.`
    ]
  ],
  [
    'request with a bad repositoryName',
    { request: '{"repositoryName": "A", "imageIds": [{"imageTag": "v1"}]}' },
    IN_US_EAST_1,
    ['request.repositoryName: "A" is 1 character long; a repository name is 2 to 256 characters.']
  ],
  [
    'request with an unknown media type',
    { ...MINIMAL, request: '{"acceptedMediaTypes": ["application/json"]}' },
    IN_US_EAST_1,
    [
      `request.acceptedMediaTypes: "application/json" is not a manifest media type; use any of ${MANIFEST_MEDIA_TYPES.join(', ')}.`
    ]
  ],
  [
    'unknown media types',
    { ...MINIMAL, 'accepted-media-types': `application/json,${OCI_INDEX} text/plain` },
    IN_US_EAST_1,
    [
      `accepted-media-types: "application/json" is not a manifest media type; use any of ${MANIFEST_MEDIA_TYPES.join(', ')}.`,
      `accepted-media-types: "text/plain" is not a manifest media type; use any of ${MANIFEST_MEDIA_TYPES.join(', ')}.`
    ]
  ],
  [
    'endpoint without a scheme',
    { ...MINIMAL, endpoint: 'api.ecr.us-east-1.amazonaws.com' },
    IN_US_EAST_1,
    [
      'endpoint: "api.ecr.us-east-1.amazonaws.com" is not an absolute http(s) URL, like https://api.ecr.us-east-1.amazonaws.com.'
    ]
  ],
  [
    'endpoint with another scheme',
    { ...MINIMAL, endpoint: 'ftp://ecr.local' },
    IN_US_EAST_1,
    [
      'endpoint: "ftp://ecr.local" is not an absolute http(s) URL, like https://api.ecr.us-east-1.amazonaws.com.'
    ]
  ],
  [
    'if-missing unknown',
    { ...MINIMAL, 'if-missing': 'error' },
    IN_US_EAST_1,
    ['if-missing: "error" is not one of fail, warn, ignore.']
  ],
  [
    'if-exists unknown',
    { ...MINIMAL, 'if-exists': 'skip' },
    IN_US_EAST_1,
    ['if-exists: "skip" is not one of ignore, warn, fail.']
  ],
  [
    'max-attempts 0',
    { ...MINIMAL, 'max-attempts': '0' },
    IN_US_EAST_1,
    ['max-attempts: "0" is not a whole number from 1 to 20.']
  ],
  [
    'max-attempts 21',
    { ...MINIMAL, 'max-attempts': '21' },
    IN_US_EAST_1,
    ['max-attempts: "21" is not a whole number from 1 to 20.']
  ],
  [
    'max-attempts 2.5',
    { ...MINIMAL, 'max-attempts': '2.5' },
    IN_US_EAST_1,
    ['max-attempts: "2.5" is not a whole number from 1 to 20.']
  ],
  [
    'max-attempts words',
    { ...MINIMAL, 'max-attempts': 'five' },
    IN_US_EAST_1,
    ['max-attempts: "five" is not a whole number from 1 to 20.']
  ],
  [
    'platform without architecture',
    { ...MINIMAL, platform: 'linux' },
    IN_US_EAST_1,
    [
      'platform: "linux" is not a platform; write os/architecture[/variant], like linux/amd64 or linux/arm64/v8.'
    ]
  ],
  ['summary yes', { ...MINIMAL, summary: 'yes' }, IN_US_EAST_1, [`summary: "yes" ${NOT_BOOLEAN}`]],
  ['comment 1', { ...MINIMAL, comment: '1' }, IN_US_EAST_1, [`comment: "1" ${NOT_BOOLEAN}`]],
  [
    'resolve-platforms on',
    { ...MINIMAL, 'resolve-platforms': 'on' },
    IN_US_EAST_1,
    [`resolve-platforms: "on" ${NOT_BOOLEAN}`]
  ],
  [
    'dry-run tRUE',
    { ...MINIMAL, 'dry-run': 'tRUE' },
    IN_US_EAST_1,
    [`dry-run: "tRUE" ${NOT_BOOLEAN}`]
  ],
  [
    'comment without a token',
    { ...MINIMAL, comment: 'true' },
    IN_US_EAST_1,
    [
      'github-token: empty, but comment is true; pass a token with pull-requests: write (the default is ${{ github.token }}).'
    ]
  ],
  [
    'wait-timeout garbage',
    { ...MINIMAL, 'wait-timeout': 'forever' },
    IN_US_EAST_1,
    [`wait-timeout: "forever" is not a duration; ${FORMS}.`]
  ],
  [
    'wait-timeout too long',
    { ...MINIMAL, 'wait-timeout': '8h' },
    IN_US_EAST_1,
    ['wait-timeout: "8h" is longer than 6h, the longest a job runs on a GitHub-hosted runner.']
  ],
  [
    'wait-interval longer than wait-timeout',
    { ...MINIMAL, 'wait-timeout': '30s', 'wait-interval': '1m' },
    IN_US_EAST_1,
    [
      'wait-interval: "1m" is longer than wait-timeout "30s"; the first poll would come after the wait is over.'
    ]
  ],
  [
    'wait-interval negative',
    { ...MINIMAL, 'wait-interval': '-5s' },
    IN_US_EAST_1,
    [`wait-interval: "-5s" is negative; a duration is 0 or more (${FORMS}).`]
  ],
  [
    'http-proxy with a SOCKS scheme, credentials hidden',
    { ...MINIMAL, 'http-proxy': 'socks5://user:secret@proxy:1080' },
    IN_US_EAST_1,
    [
      'http-proxy: Unsupported proxy scheme socks5: in socks5://***@proxy:1080: use http:// or https://.'
    ]
  ]
]

describe('readInputs: the bad-input suite', () => {
  it('has at least 40 cases', () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(40)
  })

  it.each(BAD_INPUTS)('%s', (_name, raw, env, problems) => {
    expect(problemsOf(raw, env)).toEqual(problems)
  })
})

describe('InputError', () => {
  it('lists every problem at once, one per line', () => {
    const thrown = thrownBy({
      repository: 'Team/Api',
      'image-ids': 'a:b',
      summary: 'y',
      'max-attempts': '0'
    })
    const problems = [
      'repository: "Team/Api" has upper-case letters; repository names are lower case: team/api.',
      'image-ids: "a:b" looks like an image reference, not a tag (tags have no "/" or ":"); list full references under the images input instead.',
      'max-attempts: "0" is not a whole number from 1 to 20.',
      `summary: "y" ${NOT_BOOLEAN}`
    ]
    expect(thrown.problems).toEqual(problems)
    expect(thrown.message).toBe(problems.join('\n'))
    expect(thrown.name).toBe('InputError')
  })

  it('never shows the proxy password or the token', () => {
    const problems = problemsOf(
      {
        ...MINIMAL,
        'http-proxy': 'ftp://user:hunter2@proxy',
        'github-token': 'ghs_secret',
        summary: 'maybe'
      },
      IN_US_EAST_1
    )
    expect(problems.join('\n')).not.toMatch(/hunter2|ghs_secret/)
    expect(problems).toHaveLength(2)
  })
})
