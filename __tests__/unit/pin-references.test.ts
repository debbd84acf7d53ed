// The reference scanner's text rules, which read every file: every ECR reference found with its
// exact text, position and the bytes a pin changes; a reference is pinnable only where both its
// ends are clear, and every other occurrence of an ECR host is left alone with why.
import { describe, expect, it } from '@jest/globals'
import {
  type FileScan,
  findEcrReferences,
  type FoundReference
} from '../../src/inputs/pin-references.js'
import { findEcrHosts, isEcrRepository } from '../../src/inputs/pin-text.js'

const HOST = '123456789012.dkr.ecr.eu-west-1.amazonaws.com'
const API = `${HOST}/team/api`
const DIGEST = `sha256:${'a'.repeat(64)}`

function scan(text: string): FileScan {
  const found = findEcrReferences(text, 'file')
  if (!found.ok) throw new Error(found.problems.join('\n'))
  const lines = text.split('\n')
  for (const reference of found.value.references) {
    // A pin replaces exactly the reference's bytes, and line and column point at them.
    const at = lines.slice(0, reference.line - 1).join('\n').length + (reference.line > 1 ? 1 : 0)
    expect(text.slice(at + reference.column - 1).startsWith(reference.text)).toBe(true)
    if (reference.edit) {
      expect(text.slice(reference.edit.start, reference.edit.end)).toBe(reference.text)
      expect(reference.edit.prefix).toBe(`${reference.key}@`)
    }
  }
  return found.value
}

const where = (found: FoundReference[]) =>
  found.map(({ text, line, column }) => [text, line, column])
const pinned = (text: string) => scan(text).references.map((found) => found.text)
/** The one occurrence in `text`, left alone: what is shown and why. */
function skippedOne(text: string): [string, string] {
  const { references, skipped } = scan(text)
  expect(references).toEqual([])
  expect(skipped).toHaveLength(1)
  return [skipped[0]?.text ?? '', skipped[0]?.reason ?? '']
}

describe('findEcrReferences', () => {
  it('finds the images of a Deployment with init containers and comments, quoted or not', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api # image: ${HOST}/team/old:v0 is gone
spec:
  template:
    spec:
      initContainers:
        - name: migrate
          image: "${HOST}/team/migrate:2024.06.1"
      containers:
        - name: api
          image: '${API}:v1.13.6'
        - name: proxy
          image: docker.io/envoyproxy/envoy:v1.30
        - name: agent
          image: ${HOST}/team/agent:v3@${DIGEST}
`
    const { references, skipped } = scan(text)
    expect(where(references)).toEqual([
      [`${HOST}/team/old:v0`, 4, 22],
      [`${HOST}/team/migrate:2024.06.1`, 10, 19],
      [`${API}:v1.13.6`, 13, 19],
      [`${HOST}/team/agent:v3@${DIGEST}`, 17, 18]
    ])
    expect(skipped).toEqual([])
    expect(references[3]?.reference).toMatchObject({
      repositoryName: 'team/agent',
      imageTag: 'v3',
      imageDigest: DIGEST,
      registry: { registryId: '123456789012', region: 'eu-west-1' }
    })
    expect(references[3]?.key).toBe(`${HOST}/team/agent:v3`)
  })

  it('finds every container of a multi-container ECS task definition', () => {
    const text = JSON.stringify(
      {
        family: 'api',
        containerDefinitions: [
          { name: 'api', image: `${API}:v1` },
          {
            name: 'log-router',
            image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:stable'
          },
          { name: 'worker', image: `${HOST}/team/worker:latest`, command: ['run'] }
        ]
      },
      null,
      4
    )
    expect(pinned(text)).toEqual([`${API}:v1`, `${HOST}/team/worker:latest`])
  })

  it('finds references inside longer strings: Terraform, .env lists, flags; every partition', () => {
    const text = [
      'image:',
      `  full: ${HOST}/charts/api:1.2.3 # pinned by CI`,
      `variable "image" { default = "${API}:v1" }`,
      `IMAGES=${HOST}/a/b:v1,${HOST}/a/c:v2`,
      `args: ["--sidecar=${HOST}/team/side:v9"]`,
      `call(${API}:v7)`,
      `cn: 123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/team/api:v1`,
      `fips: 123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/team/api:v1`,
      `dual-stack: 123456789012.dkr-ecr.eu-west-1.on.aws/team/api:v1`,
      `iso: 123456789012.dkr.ecr.us-iso-east-1.c2s.ic.gov/team/api:v1`,
      `eusc: 123456789012.dkr.ecr.eusc-de-east-1.amazonaws.eu/team/api:v1`
    ].join('\n')
    expect(pinned(text)).toEqual([
      `${HOST}/charts/api:1.2.3`,
      `${API}:v1`,
      `${HOST}/a/b:v1`,
      `${HOST}/a/c:v2`,
      `${HOST}/team/side:v9`,
      `${API}:v7`,
      '123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/team/api:v1',
      '123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/team/api:v1',
      '123456789012.dkr-ecr.eu-west-1.on.aws/team/api:v1',
      '123456789012.dkr.ecr.us-iso-east-1.c2s.ic.gov/team/api:v1',
      '123456789012.dkr.ecr.eusc-de-east-1.amazonaws.eu/team/api:v1'
    ])
  })

  it('finds the stages of a multi-stage Dockerfile', () => {
    const text = [
      `FROM ${HOST}/base/node:22 AS deps`,
      `FROM --platform=$BUILDPLATFORM ${HOST}/base/node:22-slim@${DIGEST} AS build`,
      `ARG RUNTIME=${HOST}/base/distroless:nonroot`,
      'FROM ${RUNTIME}',
      `COPY --from=${HOST}/tools/jq:1.7 /jq /usr/bin/jq`,
      `RUN docker pull ${HOST}/tools/kubectl:1.30 \\`,
      '  && true',
      ''
    ].join('\n')
    expect(where(scan(text).references)).toEqual([
      [`${HOST}/base/node:22`, 1, 6],
      [`${HOST}/base/node:22-slim@${DIGEST}`, 2, 32],
      [`${HOST}/base/distroless:nonroot`, 3, 13],
      [`${HOST}/tools/jq:1.7`, 5, 13],
      [`${HOST}/tools/kubectl:1.30`, 6, 17]
    ])
  })

  it('counts lines of a CRLF file like any other, and never takes the \\r in', () => {
    const text = `a: 1\r\nimage: ${API}:v1\r\nb: ${API}@${DIGEST}\r\n`
    const { references } = scan(text)
    expect(where(references)).toEqual([
      [`${API}:v1`, 2, 8],
      [`${API}@${DIGEST}`, 3, 4]
    ])
    // A digest alone has no tag to resolve: nothing to write.
    expect(references[1]?.edit).toBeUndefined()
  })

  it('reports an ECR-shaped reference the images input would refuse, at its line', () => {
    const found = findEcrReferences(
      'ok: 1\nimage: 123456789012.dkr.ecr.cn-north-1.amazonaws.com/team/api:v1\n',
      'k8s/api.yaml'
    )
    expect(found).toEqual({
      ok: false,
      problems: [
        'pin-files: k8s/api.yaml:2: the registry host "123456789012.dkr.ecr.cn-north-1.amazonaws.com" ends in amazonaws.com, but cn-north-1 registries are under amazonaws.com.cn.'
      ]
    })
  })

  it('names at most 10 refused references per file, and counts the rest', () => {
    const bad = '123456789012.dkr.ecr.cn-north-1.amazonaws.com/team/api:v1'
    const found = findEcrReferences(Array(25).fill(bad).join('\n'), 'a.yaml')
    expect(found.ok).toBe(false)
    const problems = found.ok ? [] : found.problems
    expect(problems).toHaveLength(11)
    expect(problems[10]).toBe('pin-files: a.yaml: 15 more references like these.')
  })
})

describe('where a reference ends: only at a clear boundary', () => {
  it.each([
    ['a space', `${API}:v1 # comment`],
    ['a double quote', `"${API}:v1"`],
    ['a single quote', `'${API}:v1'`],
    ['a backquote', `\`${API}:v1\``],
    ['the end of a line', `${API}:v1\nnext`],
    ['a CRLF line end', `${API}:v1\r\nnext`],
    ['a tab', `${API}:v1\tx`],
    ['the end of the file', `${API}:v1`],
    ['a comma', `[${API}:v1, x]`],
    ['a closing bracket', `[${API}:v1]`],
    ['a closing brace', `{image: ${API}:v1}`],
    ['a closing parenthesis', `f(${API}:v1)`]
  ])('%s', (_, text) => {
    expect(pinned(text)).toEqual([`${API}:v1`])
  })

  it.each([
    ['${', `${API}:release-\${GIT_SHA}`, 'the tag runs into template syntax (${)'],
    ['{{', `${API}:v1-{{ .Values.suffix }}`, 'the tag runs into template syntax ({{)'],
    ['$', `${API}:v1-$TAG`, 'the tag runs into template syntax ($)'],
    ['%', `${API}:v1-%BUILD%`, 'the tag runs into template syntax (%)'],
    ['%{', `${API}:v1%{ if x }`, 'the tag runs into template syntax (%{)'],
    ['<', `${API}:v1<suffix>`, 'the tag runs into template syntax (<)'],
    ['a tag of ${', `${API}:\${TAG}`, 'the tag is template syntax (${)'],
    ['a tag of {{', `${API}:{{ .Values.tag }}`, 'the tag is template syntax ({{)'],
    ['a tag of <', `${API}:<tag>`, 'the tag is template syntax (<)'],
    ['a name of ${', `${API}-\${ENV}:v1`, 'the repository name runs into template syntax (${)']
  ])('a tag or name that runs into %s is skipped', (_, text, reason) => {
    const [shown, why] = skippedOne(text)
    expect(shown).toBe(text.split(' ')[0])
    expect(why).toContain(reason)
    expect(why).toContain('so the reference it renders is not known')
  })

  it.each([
    ['a full stop', `${API}:v1.`, '"."'],
    ['a hyphen', `${API}:v1-`, '"-"'],
    ['a backslash (an escape)', `"${API}:v1\\n"`, '"\\\\"'],
    ['a colon', `${API}:v1:extra`, '":"'],
    ['a slash', `${API}:v1/x`, '"/"'],
    ['a hash with no space', `${API}:v1#x`, '"#"'],
    ['a semicolon', `${API}:v1;`, '";"']
  ])('a tag followed by %s is skipped', (_, text, char) => {
    expect(skippedOne(text)[1]).toBe(`the tag is followed by ${char}, so where it ends is unclear`)
  })

  it('never splices a second digest: a digest of any algorithm, well-formed or not, is skipped', () => {
    const cases: [string, string][] = [
      [`${API}:v1@sha512:${'b'.repeat(128)}`, 'it already carries a sha512 digest'],
      [`${API}:v1@sha384:${'b'.repeat(96)}`, 'it already carries a sha384 digest'],
      [`${API}:v1@blake3:xyz`, 'it already carries a blake3 digest'],
      [`${API}:v1@sha256:abc`, 'its sha256 digest has 3 hex digits, not 64'],
      [`${API}@sha256:${'c'.repeat(63)}`, 'its sha256 digest has 63 hex digits, not 64'],
      [`${API}:v1@sha256:${'c'.repeat(65)}`, 'its sha256 digest has 65 hex digits, not 64'],
      [`${API}:v1@sha256:${'C'.repeat(64)}`, 'its sha256 digest is not written in lower case'],
      [`${API}:v1@SHA256:${'c'.repeat(64)}`, 'its sha256 digest is not written in lower case'],
      [`${API}:v1@sha256:${'g'.repeat(64)}`, 'its sha256 digest is not hex'],
      [`${API}:v1@latest`, 'its "@" is not followed by a digest'],
      [`${API}:v1@`, 'its "@" is not followed by a digest']
    ]
    for (const [text, reason] of cases) {
      const [shown, why] = skippedOne(`image: ${text} # x`)
      expect([shown, why]).toEqual([text, expect.stringContaining(reason)])
    }
    // A well-formed sha256 digest is a pinned reference, compared with what the tag resolves to.
    expect(pinned(`${API}:v1@${DIGEST}`)).toEqual([`${API}:v1@${DIGEST}`])
    // ...unless something runs on after it.
    expect(skippedOne(`${API}:v1@${DIGEST}-\${X}`)[1]).toContain(
      'the digest runs into template syntax (${)'
    )
  })
})

describe('where a reference starts', () => {
  it('after a scheme an image can follow: docker:// (skopeo, uses:) and docker-image://', () => {
    const text = `uses: docker://${API}:v1\nbase=docker-image://${API}:v2\n`
    expect(where(scan(text).references)).toEqual([
      [`${API}:v1`, 1, 16],
      [`${API}:v2`, 2, 21]
    ])
  })

  it('inside ${VAR:-…}, ${VAR-…}, ${VAR:=…} and ${VAR=…} defaults, nested too', () => {
    const text = [
      `image: \${API_IMAGE:-${API}:v1}`,
      `IMAGE=\${IMAGE-${API}:v2}`,
      `: "\${IMAGE:=${API}:v3}"`,
      `x: \${A=${API}:v4}`,
      `y: \${A:-\${B:-${API}:v5}}`
    ].join('\n')
    expect(pinned(text)).toEqual([`${API}:v1`, `${API}:v2`, `${API}:v3`, `${API}:v4`, `${API}:v5`])
  })

  it('not when a default runs on, is not closed, or stands inside a longer word', () => {
    expect(skippedOne(`image: \${API:-${API}:v1}-rc`)[1]).toBe(
      'the tag is followed by "-", so where it ends is unclear'
    )
    expect(skippedOne(`image: \${API:-${API}:v1 x`)[1]).toContain('in a ${…:-…} default')
    expect(skippedOne(`image: prefix\${API:-${API}:v1}`)[1]).toBe(
      'it is part of a longer word (after "x")'
    )
    expect(skippedOne(`image: $\${API:-${API}:v1}`)[1]).toBe(
      'it is part of a longer word (after "$")'
    )
  })

  it('not inside a longer account number, host or URL', () => {
    const cases: [string, string][] = [
      [`x9${API}:v1`, 'it is part of a longer word (after "9")'],
      [`mirror.${API}:v1`, 'it is part of a longer word (after ".")'],
      [`https://${API}:v1`, 'it is part of a URL, not an image reference'],
      [`oci://${HOST}/charts/api:1.0.0`, 'it is part of a URL, not an image reference']
    ]
    for (const [text, reason] of cases) expect(skippedOne(text)).toEqual([text, reason])
  })
})

describe('every other occurrence of an ECR host is left alone, with why', () => {
  it('a host alone, a repository alone, a host with a port or in capitals', () => {
    const cases: [string, string, string][] = [
      [`docker login ${HOST}`, HOST, 'a registry host alone names no image'],
      [`repo: ${API}`, API, 'a repository with no tag or digest names no image'],
      [`repo: ${API}:`, `${API}:`, '":" is not followed by a tag'],
      [`x: ${HOST}/`, `${HOST}/`, 'no repository name follows the host'],
      [`x: ${HOST}:443/team/api:v1`, `${HOST}:443/team/api:v1`, 'the host is followed by ":"'],
      [
        `x: ${HOST.toUpperCase()}/team/api:v1`,
        `${HOST.toUpperCase()}/team/api:v1`,
        'not in lower case'
      ],
      [`x: ${HOST}/Team/api:v1`, `${HOST}/Team/api:v1`, 'no repository name follows the host']
    ]
    for (const [text, shown, reason] of cases) {
      const [written, why] = skippedOne(text)
      expect([written, why]).toEqual([shown, expect.stringContaining(reason)])
    }
  })

  it('what a command builds or pushes is a build output, never pinned', () => {
    const text = [
      `docker build -t ${API}:latest --tag=${API}:v1 .`,
      `docker push ${API}:latest`,
      `docker image push --all-tags ${API}`,
      `docker tag ${API}:v1 ${HOST}/team/copy:v1`,
      `docker build -t ${API}:\${GITHUB_SHA} .`,
      `docker pull ${API}:v2`
    ].join('\n')
    const { references, skipped } = scan(text)
    // The source of docker tag and what docker pull fetches are images used: pinned.
    expect(references.map((found) => found.text)).toEqual([`${API}:v1`, `${API}:v2`])
    expect(skipped.map(({ line, buildOutput, reason }) => [line, buildOutput, reason])).toEqual([
      [1, true, 'a build names its result with it (-t, --tag)'],
      [1, true, 'a build names its result with it (-t, --tag)'],
      [2, true, 'docker push sends it: it names what is pushed'],
      [3, true, 'docker push sends it: it names what is pushed'],
      [4, true, 'docker tag gives it to an image: it names the result'],
      [5, true, 'a build names its result with it (-t, --tag)']
    ])
  })

  it('leaves other registries and bare words alone without a word', () => {
    const text = [
      'image: docker.io/library/nginx:1.27',
      'image: public.ecr.aws/docker/library/redis:7',
      'image: 123456789012.dkr.ecr.local/team/api:v1',
      'image: ${REGISTRY}/team/api:v1',
      'account: 123456789012'
    ].join('\n')
    expect(scan(text)).toEqual({ references: [], skipped: [] })
  })
})

describe('isEcrRepository and findEcrHosts', () => {
  it('a repository URI is the host and a path, nothing more', () => {
    expect(isEcrRepository(API)).toBe(true)
    expect(isEcrRepository(`${API}:v1`)).toBe(false)
    expect(isEcrRepository(`${API} `)).toBe(false)
    expect(isEcrRepository(`x ${API}`)).toBe(false)
    expect(isEcrRepository(HOST)).toBe(false)
  })

  it('reports an occurrence inside another one once', () => {
    expect(findEcrHosts(`${API}:v1-${HOST}`)).toHaveLength(1)
  })
})
