// Every malformed value of every input, and every problem the user is told about it, in order:
// the table the bad-input suite runs in process (integration/bad-inputs.test.ts), a few of its
// cases end to end too (e2e/process.test.ts).
import { jsonSyntaxError } from './json-syntax-error.js'

type Inputs = Record<string, string>
type Env = Record<string, string | undefined>

/** [name, inputs, extra environment, every problem the user is told, in order] */
export type BadInput = [string, Inputs, Env, string[]]

const OK = { repository: 'team/api', 'image-ids': 'v1.13.6' }
const HOST = '123456789012.dkr.ecr.us-east-1.amazonaws.com'
const EU_HOST = '123456789012.dkr.ecr.eu-west-1.amazonaws.com'
const NO_REGION =
  'region: no region is set; set the region input, use a repository URI or full image references ' +
  '(123456789012.dkr.ecr.<region>.amazonaws.com/…), or run aws-actions/configure-aws-credentials ' +
  'with aws-region before this step.'
const NOT_BOOLEAN = 'is not a boolean; use true or false (also True, TRUE, False, FALSE).'
const FORMS = 'write 90s, 10m, 1h30m, 500ms, or plain seconds (30)'
const MEDIA_TYPES =
  'application/vnd.docker.distribution.manifest.v2+json, ' +
  'application/vnd.docker.distribution.manifest.list.v2+json, ' +
  'application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json, ' +
  'application/vnd.docker.distribution.manifest.v1+json'
const KEYS = 'imageTag and imageDigest (case matters)'
const JSON_FORM = '[{"imageTag":"v1"},{"imageDigest":"sha256:…"}]'
const REQUEST_KEYS =
  'registryId, repositoryName, imageIds, acceptedMediaTypes, as aws ecr batch-get-image --generate-cli-skeleton prints them.'
const LONG_NAME = 'a'.repeat(257)
const LONG_TAG = 'v'.repeat(301)
const UPPER_DIGEST = `sha256:${'A'.repeat(64)}`
const BAD_JSON_IDS = '[{"imageTag": "v1"}'
const BAD_JSON_REQUEST = '{"repositoryName": "team/api",'
const IDS_V1 = '"imageIds":[{"imageTag":"v1"}]'

export const BAD_INPUTS: BadInput[] = [
  // What to look up
  [
    'nothing at all',
    {},
    {},
    ['repository: nothing to look up; set repository and image-ids, or images, or request.']
  ],
  [
    'a whitespace-only repository',
    { repository: ' \t ', 'image-ids': 'v1' },
    {},
    ['repository: required with image-ids (or give repositoryName in request, or use images).']
  ],
  [
    'whitespace-only image-ids',
    { repository: 'team/api', 'image-ids': ' \n \n ' },
    {},
    ['image-ids: required with repository; give at least one image id, like v1 or imageTag=v1.']
  ],
  [
    'images with repository and image-ids',
    { images: `${HOST}/team/web:v1`, ...OK },
    {},
    [
      'images: cannot be combined with repository or image-ids; use images alone, or repository with image-ids.'
    ]
  ],
  [
    'images with a request naming the repository',
    { images: `${HOST}/team/web:v1`, request: `{"repositoryName":"team/api",${IDS_V1}}` },
    {},
    [
      'images: cannot be combined with request.repositoryName or request.imageIds; use images alone, or repository with image-ids.'
    ]
  ],

  // repository
  [
    'repository in upper case',
    { ...OK, repository: 'Team/Api' },
    {},
    ['repository: "Team/Api" has upper-case letters; repository names are lower case: team/api.']
  ],
  [
    'repository too long',
    { ...OK, repository: LONG_NAME },
    {},
    [`repository: "${LONG_NAME}" is 257 characters long; a repository name is 2 to 256 characters.`]
  ],
  [
    'repository too short',
    { ...OK, repository: 'a' },
    {},
    ['repository: "a" is 1 character long; a repository name is 2 to 256 characters.']
  ],
  [
    'repository with wrong syntax',
    { ...OK, repository: 'team//api-' },
    {},
    [
      'repository: "team//api-" is not a repository name: lower-case letters and digits, joined by single ".", "_", "-" or "/" (not at the start or the end), like team/api.'
    ]
  ],
  [
    'repository naming an image',
    { ...OK, repository: 'team/api:v1' },
    {},
    [
      'repository: "team/api:v1" names an image (it has a tag or digest), not a repository; list it under the images input instead, or keep the repository here and the tag or digest in image-ids.'
    ]
  ],
  [
    'repository URI with a scheme',
    { ...OK, repository: `https://${HOST}/team/api` },
    {},
    [
      `repository: "https://${HOST}/team/api" has a URL scheme; write it without one, like 123456789012.dkr.ecr.us-east-1.amazonaws.com/team/api.`
    ]
  ],
  [
    'repository on a non-ECR registry',
    { ...OK, repository: 'ghcr.io/Octo-Org/App' },
    {},
    [
      'repository: "ghcr.io/Octo-Org/App" is not in a private ECR registry: ghcr.io is not an ECR registry host (like 123456789012.dkr.ecr.us-east-1.amazonaws.com).'
    ]
  ],
  [
    'repository URI naming a registry only',
    { ...OK, repository: `${HOST}/` },
    {},
    [`repository: "${HOST}/" names a registry but no repository; add /<repository>.`]
  ],

  // registry-id
  [
    'registry-id that YAML read as a number (leading zero lost)',
    { ...OK, 'registry-id': '12345678901' },
    {},
    [
      `registry-id: "12345678901" has 11 digits; a registry id is 12 digits. YAML reads an unquoted 012345678901 as a number and drops the leading zero: quote it, registry-id: '012345678901'.`
    ]
  ],
  [
    'registry-id that YAML wrote in float form',
    { ...OK, 'registry-id': '1.23456789012E11' },
    {},
    [
      `registry-id: "1.23456789012E11" is a number in YAML's float form; a registry id is 12 digits. YAML reads an unquoted 123456789012 as a number and rewrites it: quote it, registry-id: '123456789012'.`
    ]
  ],
  [
    'registry-id that lost two leading zeros',
    { ...OK, 'registry-id': '1234567890' },
    {},
    [
      `registry-id: "1234567890" has 10 digits; a registry id is 12 digits. YAML reads an unquoted 001234567890 as a number and drops the leading zeros: quote it, registry-id: '001234567890'.`
    ]
  ],
  [
    'registry-id too long',
    { ...OK, 'registry-id': '1234567890123' },
    {},
    ['registry-id: "1234567890123" has 13 digits; a registry id is 12 digits.']
  ],
  [
    'registry-id that is a name',
    { ...OK, 'registry-id': 'production' },
    {},
    [
      'registry-id: "production" is not a registry id; a registry id is the 12-digit AWS account id, like 012345678901.'
    ]
  ],
  [
    'registry-id contradicting the repository URI',
    { repository: `${EU_HOST}/team/api`, 'image-ids': 'v1', 'registry-id': '999999999999' },
    {},
    [
      'registry-id: "999999999999" contradicts the repository URI, whose registry is 123456789012; remove registry-id or make them agree.'
    ]
  ],

  // region
  ['no region anywhere', OK, { AWS_REGION: undefined }, [NO_REGION]],
  [
    'region that is not one',
    { ...OK, region: 'Frankfurt' },
    {},
    ['region: "Frankfurt" is not an AWS region name, like us-east-1, cn-north-1 or us-gov-west-1.']
  ],
  [
    'region in upper case',
    { ...OK, region: 'US-EAST-1' },
    {},
    ['region: "US-EAST-1" has upper-case letters; region names are lower case: us-east-1.']
  ],
  [
    'region that is an availability zone',
    { ...OK, region: 'eu-west-1b' },
    {},
    ['region: "eu-west-1b" is an availability zone; its region is eu-west-1.']
  ],
  [
    'AWS_REGION that is an availability zone',
    OK,
    { AWS_REGION: 'us-east-1a' },
    ['AWS_REGION: "us-east-1a" is an availability zone; its region is us-east-1.']
  ],
  [
    'region contradicting the repository URI',
    { repository: `${EU_HOST}/team/api`, 'image-ids': 'v1', region: 'us-east-1' },
    {},
    [
      'region: "us-east-1" contradicts the repository URI, whose region is eu-west-1; remove region or make them agree.'
    ]
  ],

  // image-ids
  [
    'image-ids with a whole reference',
    { ...OK, 'image-ids': 'team/api:v1' },
    {},
    [
      'image-ids: "team/api:v1" looks like an image reference, not a tag (tags have no "/" or ":"); list full references under the images input instead.'
    ]
  ],
  [
    'image-ids with a tag too long',
    { ...OK, 'image-ids': LONG_TAG },
    {},
    [`image-ids: the tag "${'v'.repeat(40)}…" is 301 characters; a tag is at most 300.`]
  ],
  [
    'image-ids with a short digest',
    { ...OK, 'image-ids': 'sha256:deadbeef' },
    {},
    [
      'image-ids: the digest "sha256:deadbeef" has 8 hex digits; a digest has 64 (a short digest cannot be looked up).'
    ]
  ],
  [
    'image-ids with an upper-case digest',
    { ...OK, 'image-ids': UPPER_DIGEST },
    {},
    [
      `image-ids: the digest "${UPPER_DIGEST}" has upper-case letters; ECR digests are lower case: ${UPPER_DIGEST.toLowerCase()}.`
    ]
  ],
  [
    'image-ids with a sha512 digest',
    { ...OK, 'image-ids': `sha512:${'a'.repeat(128)}` },
    {},
    [
      `image-ids: the digest "sha512:${'a'.repeat(128)}" is not sha256; an ECR digest is sha256: followed by 64 lower-case hex digits.`
    ]
  ],
  [
    'image-ids with a digest that is not hex',
    { ...OK, 'image-ids': `sha256:${'g'.repeat(64)}` },
    {},
    [
      `image-ids: the digest "sha256:${'g'.repeat(64)}" is not hex; a digest is sha256: followed by 64 lower-case hex digits.`
    ]
  ],
  [
    'image-ids with nothing before "@"',
    { ...OK, 'image-ids': `@sha256:${'e'.repeat(64)}` },
    {},
    [
      `image-ids: "@sha256:${'e'.repeat(64)}" has nothing before "@"; write v1@sha256:… or just the digest.`
    ]
  ],
  [
    'image-ids with an unknown key',
    { ...OK, 'image-ids': 'tag=v1' },
    {},
    [`image-ids: "tag=v1" has the unknown key "tag"; the keys are ${KEYS}.`]
  ],
  [
    'image-ids with a key and no value',
    { ...OK, 'image-ids': 'imageTag=' },
    {},
    ['image-ids: "imageTag=" gives imageTag no value.']
  ],
  [
    'image-ids giving a key twice',
    { ...OK, 'image-ids': 'imageTag=v1,imageTag=v2' },
    {},
    ['image-ids: "imageTag=v1,imageTag=v2" gives imageTag twice.']
  ],
  [
    'image-ids with a part that is not key=value',
    { ...OK, 'image-ids': 'imageTag=v1,latest' },
    {},
    [
      'image-ids: "imageTag=v1,latest" has "latest" where key=value was expected (imageTag=v1,imageDigest=sha256:…).'
    ]
  ],
  [
    'image-ids with invalid JSON',
    { ...OK, 'image-ids': BAD_JSON_IDS },
    {},
    [`image-ids: not valid JSON (${jsonSyntaxError(BAD_JSON_IDS)}); the JSON form is ${JSON_FORM}.`]
  ],
  [
    'image-ids JSON with a number for a tag',
    { ...OK, 'image-ids': '[{"imageTag": 5}]' },
    {},
    ['image-ids[0].imageTag: expected a string, got the number 5.']
  ],
  [
    'image-ids JSON with strings for ids',
    { ...OK, 'image-ids': '["v1"]' },
    {},
    ['image-ids[0]: expected a mapping with imageTag and/or imageDigest, got the string "v1".']
  ],
  [
    'image-ids JSON with a mis-cased key',
    { ...OK, 'image-ids': '[{"ImageTag": "v1"}]' },
    {},
    [`image-ids[0]: unknown key "ImageTag"; the keys are ${KEYS}.`]
  ],
  [
    'image-ids JSON with an empty list',
    { ...OK, 'image-ids': '[]' },
    {},
    ['image-ids: the list is empty; give at least one image id.']
  ],

  // images
  [
    'images on ECR Public',
    { images: 'public.ecr.aws/docker/library/nginx:latest' },
    {},
    [
      'images: "public.ecr.aws/docker/library/nginx:latest" is not in a private ECR registry: public.ecr.aws is ECR Public, which BatchGetImage (private registries) does not read.'
    ]
  ],
  [
    'images on Docker Hub',
    { images: 'docker.io/library/nginx:1.27' },
    {},
    [
      'images: "docker.io/library/nginx:1.27" is not in a private ECR registry: docker.io is not an ECR registry host (like 123456789012.dkr.ecr.us-east-1.amazonaws.com).'
    ]
  ],
  [
    'images with an ECR host whose account is short',
    { images: '12345.dkr.ecr.us-east-1.amazonaws.com/team/api:v1' },
    {},
    [
      'images: the registry host "12345.dkr.ecr.us-east-1.amazonaws.com" has the account "12345"; an account id is 12 digits.'
    ]
  ],
  [
    'images with an ECR host in the wrong partition',
    { images: '123456789012.dkr.ecr.cn-north-1.amazonaws.com/team/api:v1' },
    {},
    [
      'images: the registry host "123456789012.dkr.ecr.cn-north-1.amazonaws.com" ends in amazonaws.com, but cn-north-1 registries are under amazonaws.com.cn.'
    ]
  ],
  [
    'images with neither tag nor digest',
    { images: `${HOST}/team/api` },
    {},
    [
      `images: "${HOST}/team/api" has no tag or digest, and ECR needs one; write ${HOST}/team/api:latest to mean latest.`
    ]
  ],

  // request
  [
    'request with invalid JSON',
    { request: BAD_JSON_REQUEST },
    {},
    [`request: not valid JSON (${jsonSyntaxError(BAD_JSON_REQUEST)}).`]
  ],
  [
    'request with an unknown key',
    { request: `{"repositoryName":"team/api",${IDS_V1},"maxResults":5}` },
    {},
    [`request: unknown key "maxResults"; the keys are ${REQUEST_KEYS}`]
  ],
  [
    'request with a mis-cased key',
    { request: `{"RepositoryName":"team/api",${IDS_V1}}` },
    {},
    [
      `request: unknown key "RepositoryName"; did you mean repositoryName? the keys are ${REQUEST_KEYS}`
    ]
  ],
  [
    'request with a JSON number for registryId',
    { request: `{"registryId":12345678901,"repositoryName":"team/api",${IDS_V1}}` },
    {},
    [
      'request.registryId: expected a string, got the number 12345678901; quote it (a JSON number loses leading zeros).'
    ]
  ],
  [
    'request YAML with a registryId that lost its leading zero',
    { request: 'registryId: 12345678901\nrepositoryName: team/api\nimageIds:\n  - imageTag: v1\n' },
    {},
    [
      `request.registryId: "12345678901" has 11 digits; a registry id is 12 digits. YAML reads an unquoted 012345678901 as a number and drops the leading zero: quote it, registryId: '012345678901'.`
    ]
  ],
  [
    'request YAML with a registryId in float form',
    {
      request:
        'registryId: 1.23456789012E11\nrepositoryName: team/api\nimageIds:\n  - imageTag: v1\n'
    },
    {},
    [
      `request.registryId: "1.23456789012E11" is a number in YAML's float form; a registry id is 12 digits. YAML reads an unquoted 123456789012 as a number and rewrites it: quote it, registryId: '123456789012'.`
    ]
  ],
  [
    'request that is a list',
    { request: '- team/api\n- v1\n' },
    {},
    [
      'request: expected a mapping with registryId, repositoryName, imageIds, acceptedMediaTypes; got a list.'
    ]
  ],
  [
    'request with an empty imageIds list',
    { request: '{"repositoryName":"team/api","imageIds":[]}' },
    {},
    ['request.imageIds: the list is empty; give at least one image id.']
  ],
  [
    'request with an unknown media type',
    {
      request: `{"repositoryName":"team/api",${IDS_V1},"acceptedMediaTypes":["application/vnd.oci.image.layer.v1.tar+gzip"]}`
    },
    {},
    [
      `request.acceptedMediaTypes: "application/vnd.oci.image.layer.v1.tar+gzip" is not a manifest media type; use any of ${MEDIA_TYPES}.`
    ]
  ],
  [
    '"@" with no path',
    { request: '@' },
    {},
    ['request: "@" needs a file path after it, like @ecr-request.json.']
  ],
  [
    'a request file that does not exist',
    { request: '@ecr-request.json' },
    {},
    ['request: ecr-request.json does not exist.']
  ],
  [
    'a request file outside the workspace',
    { request: '@/nonexistent/ecr-request.json' },
    {},
    ['request: /nonexistent/ecr-request.json is outside the workspace.']
  ],

  // accepted-media-types
  [
    'accepted-media-types with a typo',
    {
      ...OK,
      'accepted-media-types':
        'application/vnd.oci.image.index.v1+jsn, application/vnd.docker.distribution.manifest.v2+json'
    },
    {},
    [
      `accepted-media-types: "application/vnd.oci.image.index.v1+jsn" is not a manifest media type; use any of ${MEDIA_TYPES}.`
    ]
  ],
  [
    'accepted-media-types that are not manifest types',
    { ...OK, 'accepted-media-types': 'application/json\ntext/plain' },
    {},
    [
      `accepted-media-types: "application/json" is not a manifest media type; use any of ${MEDIA_TYPES}.`,
      `accepted-media-types: "text/plain" is not a manifest media type; use any of ${MEDIA_TYPES}.`
    ]
  ],
  [
    'accepted-media-types with only separators',
    { ...OK, 'accepted-media-types': ', ,,' },
    {},
    ['accepted-media-types: no media types given.']
  ],

  // endpoint
  [
    'endpoint without a scheme',
    { ...OK, endpoint: 'localhost:4566' },
    {},
    [
      'endpoint: "localhost:4566" is not an absolute http(s) URL, like https://api.ecr.us-east-1.amazonaws.com.'
    ]
  ],
  [
    'endpoint with another scheme',
    { ...OK, endpoint: 'ftp://ecr.example.com' },
    {},
    [
      'endpoint: "ftp://ecr.example.com" is not an absolute http(s) URL, like https://api.ecr.us-east-1.amazonaws.com.'
    ]
  ],

  // choices, counts, durations, platform, booleans
  [
    'if-missing that is not a choice',
    { ...OK, 'if-missing': 'error' },
    {},
    ['if-missing: "error" is not one of fail, warn, ignore.']
  ],
  [
    'if-exists that is not a choice',
    { ...OK, 'if-exists': 'skip' },
    {},
    ['if-exists: "skip" is not one of ignore, warn, fail.']
  ],
  ...(['0', '21', '2.5', 'five', '-1'] as const).map((value): [string, Inputs, Env, string[]] => [
    `max-attempts ${value}`,
    { ...OK, 'max-attempts': value },
    {},
    [`max-attempts: "${value}" is not a whole number from 1 to 20.`]
  ]),
  ...(['50ms', '11m', '0'] as const).map((value): [string, Inputs, Env, string[]] => [
    `request-timeout ${value} (out of range)`,
    { ...OK, 'request-timeout': value },
    {},
    [`request-timeout: "${value}" is out of range; give 100ms to 10m (default 30s).`]
  ]),
  [
    'request-timeout in words',
    { ...OK, 'request-timeout': '30 seconds' },
    {},
    [`request-timeout: "30 seconds" is not a duration; ${FORMS}.`]
  ],
  [
    'wait-timeout negative',
    { ...OK, 'wait-timeout': '-5s' },
    {},
    [`wait-timeout: "-5s" is negative; a duration is 0 or more (${FORMS}).`]
  ],
  [
    'wait-timeout ending without a unit',
    { ...OK, 'wait-timeout': '1h30' },
    {},
    [`wait-timeout: "1h30" ends in 30 without a unit; ${FORMS}.`]
  ],
  [
    'wait-timeout longer than a job runs',
    { ...OK, 'wait-timeout': '7h' },
    {},
    ['wait-timeout: "7h" is longer than 6h, the longest a job runs on a GitHub-hosted runner.']
  ],
  [
    'wait-interval of 0 while waiting',
    { ...OK, 'wait-timeout': '1m', 'wait-interval': '0' },
    {},
    ['wait-interval: "0" must be more than 0 while wait-timeout is set.']
  ],
  [
    'wait-interval longer than wait-timeout',
    { ...OK, 'wait-timeout': '1m', 'wait-interval': '2m' },
    {},
    [
      'wait-interval: "2m" is longer than wait-timeout "1m"; the first poll would come after the wait is over.'
    ]
  ],
  [
    'wait-interval that is not a duration (even without waiting)',
    { ...OK, 'wait-interval': 'soon' },
    {},
    [`wait-interval: "soon" is not a duration; ${FORMS}.`]
  ],
  ...(['linux', 'linux/amd64/v8/extra', 'linux amd64'] as const).map(
    (value): [string, Inputs, Env, string[]] => [
      `platform ${JSON.stringify(value)}`,
      { ...OK, platform: value },
      {},
      [
        `platform: ${JSON.stringify(value)} is not a platform; write os/architecture[/variant], like linux/amd64 or linux/arm64/v8.`
      ]
    ]
  ),
  ...(
    [
      ['summary', 'yes'],
      ['comment', 'on'],
      ['resolve-platforms', 'y'],
      ['dry-run', '1']
    ] as const
  ).map(([name, value]): [string, Inputs, Env, string[]] => [
    `${name} ${value}`,
    { ...OK, [name]: value },
    {},
    [`${name}: "${value}" ${NOT_BOOLEAN}`]
  ]),
  [
    'comment without a token',
    { ...OK, comment: 'true', 'github-token': '' },
    {},
    [
      'github-token: empty, but comment is true; pass a token with pull-requests: write (the default is ${{ github.token }}).'
    ]
  ],

  // http-proxy
  [
    'http-proxy with an unsupported scheme, credentials hidden',
    { ...OK, 'http-proxy': 'socks5://user:s3cret@proxy.internal:1080' },
    {},
    [
      'http-proxy: Unsupported proxy scheme socks5: in socks5://***@proxy.internal:1080: use http:// or https://.'
    ]
  ],
  [
    'http-proxy that is not a URL',
    { ...OK, 'http-proxy': 'http://[::1' },
    {},
    ['http-proxy: Invalid proxy URL: http://[::1.']
  ],

  // Several at once: all of them, in input order, and dry-run sends nothing either way
  [
    'five problems at once',
    {
      repository: 'Team/Api',
      'image-ids': 'tag=v1',
      region: 'Frankfurt',
      'max-attempts': '0',
      summary: 'yes'
    },
    {},
    [
      'region: "Frankfurt" is not an AWS region name, like us-east-1, cn-north-1 or us-gov-west-1.',
      'repository: "Team/Api" has upper-case letters; repository names are lower case: team/api.',
      `image-ids: "tag=v1" has the unknown key "tag"; the keys are ${KEYS}.`,
      'max-attempts: "0" is not a whole number from 1 to 20.',
      `summary: "yes" ${NOT_BOOLEAN}`
    ]
  ],
  [
    'a bad platform in a dry run',
    { ...OK, 'dry-run': 'true', platform: 'arm64' },
    {},
    [
      'platform: "arm64" is not a platform; write os/architecture[/variant], like linux/amd64 or linux/arm64/v8.'
    ]
  ]
]

/** The case of that name. */
export function badInput(name: string): BadInput {
  const found = BAD_INPUTS.find(([caseName]) => caseName === name)
  if (!found) throw new Error(`No bad-input case "${name}"`)
  return found
}

/** The one error a bad input gets: every problem, after how many there are. */
export function inputProblemsMessage(problems: string[]): string {
  const count = problems.length
  return (
    `${count} input problem${count === 1 ? '' : 's'}; nothing was sent to ECR:\n` +
    problems.map((problem) => `- ${problem}`).join('\n')
  )
}
