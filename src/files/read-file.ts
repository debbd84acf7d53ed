// Reading a file the action did not write: a regular file only (a FIFO would block the step, a
// device or /proc file never ends), and never more than a cap: at most cap + 1 bytes are read,
// whatever the file says its size is, so a file that grows while it is read is still refused.

import { createHash } from 'node:crypto'
import { constants } from 'node:fs'
import { errorMessage } from '../errors.js'
import {
  errorCode,
  FileRefused,
  type FileOps,
  NODE_FILE_OPS,
  notRegularFile,
  O_NOFOLLOW,
  O_NONBLOCK
} from './file-ops.js'

const MiB = 1024 * 1024

/** What a file that grows while it is read is read on in. */
const READ_PIECE = 64 * 1024

/** `4 MiB`, or `1,000 bytes` for a cap that is no whole number of MiB. */
export function byteLimit(bytes: number): string {
  return bytes % MiB === 0 ? `${bytes / MiB} MiB` : `${bytes.toLocaleString('en-US')} bytes`
}

function tooLarge(shown: string, maxBytes: number, size?: number): FileRefused {
  const limit = byteLimit(maxBytes)
  return new FileRefused(
    size === undefined
      ? `${shown} grew past the ${limit} limit as it was read.`
      : `${shown} is ${size.toLocaleString('en-US')} bytes, over the ${limit} limit.`
  )
}

export interface ReadOptions {
  /** How messages name the file (a workspace-relative path, or the path as given). */
  shown: string
  maxBytes: number
  /** False: a symbolic link as the last component is refused, not followed. */
  followLinks: boolean
  ops?: FileOps
}

/** The bytes of a regular file of at most `maxBytes`; a FileRefused saying why not. */
export function readRegularFile(path: string, options: ReadOptions): Buffer {
  const { shown, maxBytes, ops = NODE_FILE_OPS } = options
  const flags = constants.O_RDONLY | O_NONBLOCK | (options.followLinks ? 0 : O_NOFOLLOW)
  let fd: number
  try {
    fd = ops.openSync(path, flags)
  } catch (error) {
    throw refusal(shown, error)
  }
  try {
    const stats = ops.fstatSync(fd)
    if (!stats.isFile()) throw notRegularFile(shown, stats)
    if (stats.size > maxBytes) throw tooLarge(shown, maxBytes, stats.size)
    // One read of the size the file says it has (and a byte more, to see it end); pieces after
    // that only for a file that grows, up to the cap.
    const pieces: Buffer[] = []
    let total = 0
    for (let size = stats.size + 1; ; size = READ_PIECE) {
      const piece = Buffer.allocUnsafe(Math.min(size, maxBytes + 1 - total))
      const read = ops.readSync(fd, piece, 0, piece.length, null)
      if (read === 0) break
      pieces.push(piece.subarray(0, read))
      total += read
      if (total > maxBytes) throw tooLarge(shown, maxBytes)
    }
    return pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces, total)
  } finally {
    ops.closeSync(fd)
  }
}

/** A failed open or realpath as a sentence about the file. */
export function refusal(shown: string, error: unknown): FileRefused {
  switch (errorCode(error)) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new FileRefused(`${shown} does not exist.`)
    case 'ELOOP':
      return new FileRefused(`${shown} is a symbolic link; it is not followed.`)
    case 'ENXIO':
      return new FileRefused(`${shown} is a socket, not a regular file.`)
    default:
      return new FileRefused(`${shown} cannot be read: ${errorMessage(error)}`)
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * The bytes as text, only when they are UTF-8: then the text encodes back to exactly these bytes
 * (a byte-order mark included), which is what lets a rewrite change only what it means to.
 */
export function utf8Text(bytes: Uint8Array, shown: string): string {
  try {
    return UTF8.decode(bytes)
  } catch {
    throw new FileRefused(`${shown} is not UTF-8 text.`)
  }
}

/** What a rewrite compares the file with just before it replaces it. */
export interface Fingerprint {
  size: number
  sha256: string
}

export function fingerprintOf(bytes: Uint8Array): Fingerprint {
  return { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }
}
