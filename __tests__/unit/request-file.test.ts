import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { tempWorkspace } from '../helpers/temp-workspace.js'
import { jsonSyntaxError } from '../helpers/json-syntax-error.js'
import { loadYamlParser, parseRequest, readRequest } from '../../src/inputs/request-input.js'
import type { YamlParse } from '../../src/inputs/request-input.js'

// main.ts loads the YAML parser when the request input is set and passes it in; so do these tests.
let parseYaml: YamlParse
beforeAll(async () => {
  parseYaml = await loadYamlParser()
})

const D = `sha256:${'d'.repeat(64)}`
const KEYS_HINT =
  'the keys are registryId, repositoryName, imageIds, acceptedMediaTypes, as aws ecr batch-get-image --generate-cli-skeleton prints them.'

describe('parseRequest: accepted documents', () => {
  it.each([
    [
      'JSON, every field',
      JSON.stringify({
        registryId: '012345678901',
        repositoryName: 'team/api',
        imageIds: [{ imageTag: 'v1' }, { imageDigest: D, imageTag: 'v2' }],
        acceptedMediaTypes: ['application/vnd.oci.image.index.v1+json']
      }),
      {
        registryId: '012345678901',
        repositoryName: 'team/api',
        imageIds: [
          { key: 'imageTag=v1', imageTag: 'v1' },
          { key: `imageTag=v2,imageDigest=${D}`, imageTag: 'v2', imageDigest: D }
        ],
        acceptedMediaTypes: ['application/vnd.oci.image.index.v1+json']
      }
    ],
    [
      'YAML keeps unquoted values as written',
      'registryId: 012345678901\nrepositoryName: team/api\nimageIds:\n  - imageTag: 1.10\n  - imageTag: true\n',
      {
        registryId: '012345678901',
        repositoryName: 'team/api',
        imageIds: [
          { key: 'imageTag=1.10', imageTag: '1.10' },
          { key: 'imageTag=true', imageTag: 'true' }
        ]
      }
    ],
    [
      'YAML flow style, which starts like JSON',
      '{repositoryName: team/api, imageIds: [{imageTag: v1}]}',
      { repositoryName: 'team/api', imageIds: [{ key: 'imageTag=v1', imageTag: 'v1' }] }
    ],
    ['only some fields', '{"repositoryName":"api"}', { repositoryName: 'api' }],
    [
      'JSON with a trailing comma, which YAML flow style reads',
      '{"repositoryName": "api",}',
      { repositoryName: 'api' }
    ]
  ])('%s', (_name, text, value) => {
    expect(parseRequest(text, 'request', parseYaml)).toEqual({ ok: true, value })
  })
})

describe('parseRequest: every malformed variant', () => {
  it.each([
    ['empty', '  ', ['request: the request is empty.']],
    [
      'broken JSON',
      '{"repositoryName": "api"',
      [`request: not valid JSON (${jsonSyntaxError('{"repositoryName": "api"')}).`]
    ],
    [
      'broken YAML',
      'imageIds: [a',
      [
        'request: not valid YAML (Flow sequence in block collection must be sufficiently indented and end with a ] at line 1, column 13).'
      ]
    ],
    [
      'duplicate YAML keys',
      'repositoryName: a1\nrepositoryName: b1',
      ['request: not valid YAML (Map keys must be unique at line 2, column 1).']
    ],
    [
      'a list at the top',
      '- imageTag: v1',
      [
        'request: expected a mapping with registryId, repositoryName, imageIds, acceptedMediaTypes; got a list.'
      ]
    ],
    [
      'a plain string',
      'team/api',
      [
        'request: expected a mapping with registryId, repositoryName, imageIds, acceptedMediaTypes; got the string "team/api".'
      ]
    ],
    ['an unknown key', '{"repository":"api"}', [`request: unknown key "repository"; ${KEYS_HINT}`]],
    [
      'a key in the wrong case',
      '{"RepositoryName":"api"}',
      [`request: unknown key "RepositoryName"; did you mean repositoryName? ${KEYS_HINT}`]
    ],
    [
      'registryId as a JSON number',
      '{"registryId": 12345678901}',
      [
        'request.registryId: expected a string, got the number 12345678901; quote it (a JSON number loses leading zeros).'
      ]
    ],
    [
      'repositoryName as a list',
      '{"repositoryName": ["a"]}',
      ['request.repositoryName: expected a string, got a list.']
    ],
    [
      'the skeleton left empty',
      '{"registryId": "", "repositoryName": "", "imageIds": [{"imageDigest": "", "imageTag": ""}], "acceptedMediaTypes": [""]}',
      [
        'request.registryId: the value is empty; fill it in or remove the key.',
        'request.repositoryName: the value is empty; fill it in or remove the key.',
        'request.imageIds[0].imageTag: the tag is empty; a tag is 1 to 300 characters.',
        'request.imageIds[0].imageDigest: the digest is empty; a digest is sha256: followed by 64 hex digits.',
        'request.acceptedMediaTypes[0]: the value is empty; fill it in or remove the key.'
      ]
    ],
    [
      'imageIds as a mapping',
      '{"imageIds": {"imageTag": "v1"}}',
      [
        'request.imageIds: expected a list of image ids like [{"imageTag":"v1"},{"imageDigest":"sha256:…"}], got a mapping.'
      ]
    ],
    [
      'an imageIds entry with an unknown key',
      'imageIds:\n  - tag: v1',
      [
        'request.imageIds[0]: unknown key "tag"; the keys are imageTag and imageDigest (case matters).'
      ]
    ],
    [
      'acceptedMediaTypes as a string',
      '{"acceptedMediaTypes": "application/vnd.oci.image.index.v1+json"}',
      [
        'request.acceptedMediaTypes: expected a list of strings, got the string "application/vnd.oci.image.index.v1+json".'
      ]
    ],
    [
      'acceptedMediaTypes empty',
      '{"acceptedMediaTypes": []}',
      ['request.acceptedMediaTypes: the list is empty; give at least one, or remove the key.']
    ],
    [
      'acceptedMediaTypes with a number',
      '{"acceptedMediaTypes": [1]}',
      ['request.acceptedMediaTypes[0]: expected a string, got the number 1.']
    ]
  ])('%s', (_name, text, problems) => {
    expect(parseRequest(text, 'request', parseYaml)).toEqual({ ok: false, problems })
  })
})

describe('readRequest', () => {
  const ws = tempWorkspace({
    'ci/request.yaml': 'repositoryName: team/api\n',
    'bad.json': '{"repositoryName": 1}',
    'list.yaml': '- a'
  })
  afterAll(() => ws.remove())
  const source = () => ({ workspace: ws.workspace, parseYaml })

  it('reads inline text', () => {
    expect(readRequest('{"repositoryName":"inline"}', source())).toEqual({
      ok: true,
      value: { repositoryName: 'inline' }
    })
  })

  it('reads a file relative to the workspace, or by its absolute path inside it', () => {
    const expected = { ok: true, value: { repositoryName: 'team/api' } }
    expect(readRequest('@ci/request.yaml', source())).toEqual(expected)
    expect(readRequest(`@${ws.path('ci/request.yaml')}`, source())).toEqual(expected)
  })

  it.each([
    ['@missing.json', 'request: missing.json does not exist.'],
    ['@', 'request: "@" needs a file path after it, like @ecr-request.json.'],
    ['@bad.json', 'request.repositoryName: expected a string, got the number 1.'],
    ['@/etc/passwd', 'request: /etc/passwd is outside the workspace.'],
    ['@../request.json', 'request: ../request.json is outside the workspace.']
  ])('%s is a problem', (input, problem) => {
    expect(readRequest(input, source())).toEqual({ ok: false, problems: [problem] })
  })

  it('needs the workspace for a file', () => {
    expect(readRequest('@ci/request.yaml', { workspace: undefined, parseYaml })).toEqual({
      ok: false,
      problems: [
        'request: "@ci/request.yaml" names a file, but GITHUB_WORKSPACE is not set; @path files are read only inside the workspace.'
      ]
    })
  })

  it('names the file when its document is not a mapping', () => {
    expect(readRequest('@list.yaml', source())).toEqual({
      ok: false,
      problems: [
        'request (list.yaml): expected a mapping with registryId, repositoryName, imageIds, acceptedMediaTypes; got a list.'
      ]
    })
  })

  it('quotes a short excerpt of what the file holds, never all of it', () => {
    const secret = `token: ${'t'.repeat(64)}\nmore: x\n`
    ws.put({ 'secret.txt': `not a request ${'s'.repeat(64)}\u202e`, 'keys.yaml': secret })
    const [problem] = (readRequest('@secret.txt', source()) as { problems: string[] }).problems
    expect(problem).toMatch(
      /^request \(secret.txt\): expected a mapping .*; got the string "not a request s+…"\.$/
    )
    expect(problem).not.toContain('s'.repeat(40))
    const keys = (readRequest('@keys.yaml', source()) as { problems: string[] }).problems
    expect(keys.join('\n')).not.toContain('t'.repeat(40))
  })
})
