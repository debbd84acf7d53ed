// The runner's entry point. A cancelled job gets SIGINT (then SIGTERM): abort so a wait stops
// promptly and the outputs found so far are still written; exit anyway if that takes too long.

import { run } from './main.js'

const cancel = new AbortController()
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    cancel.abort()
    setTimeout(() => process.exit(130), 3000).unref()
  })
}

await run({ signal: cancel.signal })
