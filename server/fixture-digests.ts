// What the fixture generators compute of the bytes they write: a digest, and the descriptor a
// manifest names those bytes by.
import { createHash } from 'node:crypto'

export const sha256 = (bytes: string): string =>
  'sha256:' + createHash('sha256').update(bytes, 'utf8').digest('hex')

export const descriptor = (mediaType: string, bytes: string) => ({
  mediaType,
  size: Buffer.byteLength(bytes, 'utf8'),
  digest: sha256(bytes)
})
