// The reference scanner over the files teams deploy from: every ECR reference found with its
// exact text and position, everything else (other registries, bare repository URIs, variables)
// left alone.
import { describe, expect, it } from '@jest/globals'
import { findEcrReferences, type FoundReference } from '../../src/inputs/pin-references.js'

const HOST = '123456789012.dkr.ecr.eu-west-1.amazonaws.com'
const DIGEST = `sha256:${'a'.repeat(64)}`

function scan(text: string): FoundReference[] {
  const found = findEcrReferences(text, 'file')
  if (!found.ok) throw new Error(found.problems.join('\n'))
  // Each reference is exactly the text at its offsets, and its line and column say the same.
  for (const reference of found.value) {
    expect(text.slice(reference.start, reference.end)).toBe(reference.text)
    const lineStart = text
      .split('\n')
      .slice(0, reference.line - 1)
      .join('\n').length
    expect(reference.start - (reference.line === 1 ? 0 : lineStart + 1) + 1).toBe(reference.column)
  }
  return found.value
}

const where = (found: FoundReference[]) =>
  found.map(({ text, line, column }) => [text, line, column])

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
          image: '${HOST}/team/api:v1.13.6'
        - name: proxy
          image: docker.io/envoyproxy/envoy:v1.30
        - name: agent
          image: ${HOST}/team/agent:v3@${DIGEST}
`
    expect(where(scan(text))).toEqual([
      [`${HOST}/team/old:v0`, 4, 22],
      [`${HOST}/team/migrate:2024.06.1`, 10, 19],
      [`${HOST}/team/api:v1.13.6`, 13, 19],
      [`${HOST}/team/agent:v3@${DIGEST}`, 17, 18]
    ])
    const agent = scan(text)[3]?.reference
    expect(agent).toMatchObject({
      repositoryName: 'team/agent',
      imageTag: 'v3',
      imageDigest: DIGEST,
      registry: { registryId: '123456789012', region: 'eu-west-1' }
    })
  })

  it('finds every container of a multi-container ECS task definition', () => {
    const text = JSON.stringify(
      {
        family: 'api',
        containerDefinitions: [
          { name: 'api', image: `${HOST}/team/api:v1` },
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
    expect(scan(text).map((found) => found.text)).toEqual([
      `${HOST}/team/api:v1`,
      `${HOST}/team/worker:latest`
    ])
  })

  it('finds the services of a compose file, leaving variables and bare repositories alone', () => {
    const text = `services:
  web:
    image: ${HOST}/team/web:\${TAG}
  db:
    image: postgres:16
  cache:
    image: ${HOST}/team/cache:7.2-alpine
    build:
      cache_from:
        - ${HOST}/team/cache
`
    expect(where(scan(text))).toEqual([[`${HOST}/team/cache:7.2-alpine`, 7, 12]])
  })

  it('finds Helm values, Terraform variables and .env assignments inside longer strings', () => {
    const text = [
      'image:',
      `  full: ${HOST}/charts/api:1.2.3 # pinned by CI`,
      `variable "image" { default = "${HOST}/team/api:v1" }`,
      `IMAGES=${HOST}/a/b:v1,${HOST}/a/c:v2`,
      `args: ["--sidecar=${HOST}/team/side:v9"]`,
      `see https://${HOST}/team/doc:v1.`,
      `cn: 123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/team/api:v1`
    ].join('\n')
    expect(scan(text).map((found) => found.text)).toEqual([
      `${HOST}/charts/api:1.2.3`,
      `${HOST}/team/api:v1`,
      `${HOST}/a/b:v1`,
      `${HOST}/a/c:v2`,
      `${HOST}/team/side:v9`,
      `${HOST}/team/doc:v1`,
      '123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/team/api:v1'
    ])
  })

  it('finds the stages of a multi-stage Dockerfile', () => {
    const text = [
      `FROM ${HOST}/base/node:22 AS deps`,
      `FROM --platform=$BUILDPLATFORM ${HOST}/base/node:22-slim@${DIGEST} AS build`,
      'FROM scratch',
      `COPY --from=${HOST}/tools/jq:1.7 /jq /usr/bin/jq`,
      ''
    ].join('\n')
    expect(where(scan(text))).toEqual([
      [`${HOST}/base/node:22`, 1, 6],
      [`${HOST}/base/node:22-slim@${DIGEST}`, 2, 32],
      [`${HOST}/tools/jq:1.7`, 4, 13]
    ])
  })

  it('counts lines of a CRLF file like any other, and never takes the \\r in', () => {
    const text = `a: 1\r\nimage: ${HOST}/team/api:v1\r\nb: ${HOST}/team/api@${DIGEST}\r\n`
    expect(where(scan(text))).toEqual([
      [`${HOST}/team/api:v1`, 2, 8],
      [`${HOST}/team/api@${DIGEST}`, 3, 4]
    ])
  })

  it('does not take a longer account number or host for an ECR host', () => {
    const text = [
      `x9${HOST}/team/api:v1`,
      `mirror.${HOST}/team/api:v1`,
      `${HOST}/team/api@sha256:${'b'.repeat(65)}`
    ].join('\n')
    const texts = scan(text).map((found) => found.text)
    // The over-long digest is not a digest: what stands before it is a bare repository.
    expect(texts).toEqual([])
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
})
