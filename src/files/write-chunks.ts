// Writing a file the action creates (the results file under RUNNER_TEMP) piece by piece: a 20 MB
// result is never joined into one string, nor copied whole into UTF-8 before it is written.

import { closeSync, constants, openSync, writeSync } from 'node:fs'
import { textSlices } from '../text.js'
import { O_NOFOLLOW } from './file-ops.js'

/** UTF-16 units written at once: the UTF-8 copy writeSync makes of a string stays this small. */
const WRITE_SLICE = 1024 * 1024

const FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | O_NOFOLLOW

/** Writes the chunks to `path` (created, or emptied first; a link there is not followed). */
export function writeChunks(path: string, chunks: Iterable<string>): void {
  const fd = openSync(path, FLAGS, 0o666)
  try {
    // Pieces gathered up to a slice, then written: one write per image would be 10,000.
    let pending: string[] = []
    let size = 0
    const flush = () => {
      if (pending.length > 0) writeSync(fd, pending.join(''))
      pending = []
      size = 0
    }
    for (const chunk of chunks) {
      if (chunk.length > WRITE_SLICE) {
        flush()
        for (const slice of textSlices(chunk, WRITE_SLICE)) writeSync(fd, slice)
        continue
      }
      pending.push(chunk)
      size += chunk.length
      if (size >= WRITE_SLICE) flush()
    }
    flush()
  } finally {
    closeSync(fd)
  }
}
