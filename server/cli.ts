// `npx tsx server/cli.ts [--port N] [--host 127.0.0.1] [--no-seed]` (or `npm run server`): runs the
// local ECR server until SIGINT/SIGTERM. Prints exactly one line, with the real port, which the
// demo and the benchmark wait for and read the URL from.
import { parseArgs } from 'node:util'
import { LISTENING_LINE_PREFIX, startEcrServer } from './ecr-server.js'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    'no-seed': { type: 'boolean', default: false }
  }
})

const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be an integer from 0 to 65535, got '${values.port}'`)
  process.exit(2)
}

const server = await startEcrServer({ port, host: values.host, seed: !values['no-seed'] })
console.log(`${LISTENING_LINE_PREFIX}${server.url}`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0))
  })
}
