// The local ECR server's response overrides (server/response-overrides.ts), driven over HTTP
// (`POST /__faults`) as another process would, and read with the real AWS CLI.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { startEcrServer, type EcrServer } from '../../server/ecr-server.js'
import { SEEDED } from '../../server/fixtures.js'
import { awsCliJson, startAwsCli } from '../helpers/aws-cli.js'

// The CLI's session starts with the file's servers, not inside the first test that asks it.
beforeAll(startAwsCli)

let server: EcrServer

beforeAll(async () => {
  server = await startEcrServer()
})
afterEach(() => void server.faults.clear())
afterAll(async () => {
  await server.close()
})

async function plan(body: unknown): Promise<Response> {
  return fetch(`${server.url}/__faults`, { method: 'POST', body: JSON.stringify(body) })
}

interface Answer {
  images: { imageId: { imageTag?: string; imageDigest: string }; registryId: string }[]
}

const getApi = (...tags: string[]) =>
  awsCliJson<Answer>(server.url, [
    'ecr',
    'batch-get-image',
    '--repository-name',
    SEEDED.api.repositoryName,
    '--image-ids',
    ...tags.map((tag) => `imageTag=${tag}`)
  ])

describe('response overrides', () => {
  it('echoNewestTag answers with the newest tag of the image, as moto does', async () => {
    expect((await plan({ respond: { echoNewestTag: true } })).status).toBe(200)
    const answer = await getApi('v1.13.6')
    expect(answer.images.map((image) => image.imageId.imageTag)).toEqual(['latest'])
  })

  it('patchImages sets fields of every image; clear removes it', async () => {
    await plan({
      respond: { repositoryName: SEEDED.api.repositoryName, patchImages: { registryId: 'x' } }
    })
    expect((await getApi('latest')).images[0]?.registryId).toBe('x')
    await fetch(`${server.url}/__faults`, { method: 'DELETE' })
    expect((await getApi('latest')).images[0]?.registryId).toBe('123456789012')
  })

  it('body replaces the answer; an override for another repository changes nothing', async () => {
    await plan({ respond: { repositoryName: 'team/web', body: { images: 'abc' } } })
    expect((await getApi('latest')).images).toHaveLength(1)
    server.faults.respond({ body: { images: [], failures: [] } })
    expect((await getApi('latest')).images).toEqual([])
  })

  it('a malformed override is a 400 naming the field', async () => {
    const response = await plan({ respond: { echoNewestTag: 'yes' } })
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({ message: 'respond.echoNewestTag must be a boolean' })
  })
})
