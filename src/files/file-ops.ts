// The file system calls src/files makes, as one object: node:fs by default, another in a test
// that needs a call to fail where no real file system would (a rename, the second of two writes).
// Synchronous, like the rest of the action's file work: a few files, read and written in order.

import {
  closeSync,
  constants,
  fchmodSync,
  fstatSync,
  globSync,
  lstatSync,
  openSync,
  readSync,
  realpathSync,
  renameSync,
  type Stats,
  unlinkSync,
  writeSync
} from 'node:fs'

export interface FileOps {
  openSync(path: string, flags: number, mode?: number): number
  readSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: null): number
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number
  fstatSync(fd: number): Stats
  lstatSync(path: string): Stats
  realpathSync(path: string): string
  fchmodSync(fd: number, mode: number): void
  closeSync(fd: number): void
  renameSync(from: string, to: string): void
  unlinkSync(path: string): void
  /** The paths a glob matches under `cwd`, relative to it. */
  globSync(pattern: string, options: { cwd: string }): string[]
}

export const NODE_FILE_OPS: FileOps = {
  openSync: (path, flags, mode) => openSync(path, flags, mode),
  readSync: (fd, buffer, offset, length, position) =>
    readSync(fd, buffer, offset, length, position),
  writeSync: (fd, buffer, offset, length) => writeSync(fd, buffer, offset, length),
  fstatSync: (fd) => fstatSync(fd),
  lstatSync: (path) => lstatSync(path),
  realpathSync: (path) => realpathSync(path),
  fchmodSync: (fd, mode) => fchmodSync(fd, mode),
  closeSync: (fd) => closeSync(fd),
  renameSync: (from, to) => renameSync(from, to),
  unlinkSync: (path) => unlinkSync(path),
  globSync: (pattern, options) => globSync(pattern, options)
}

// Windows has neither flag: there, lstat before the open is what keeps links and pipes out.
/** Never through a link in the last component. */
export const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0
/** Opening a FIFO to read would wait for a writer; with this, it opens at once and is refused. */
export const O_NONBLOCK = constants.O_NONBLOCK ?? 0

/** Why a file is not read or written: the message is a sentence about the file, for the user. */
export class FileRefused extends Error {
  override name = 'FileRefused'
}

/** `a FIFO`, `a directory`: what a path is when it is not a regular file. */
function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory'
  if (stats.isSymbolicLink()) return 'a symbolic link'
  if (stats.isFIFO()) return 'a FIFO (named pipe)'
  if (stats.isCharacterDevice()) return 'a character device'
  if (stats.isBlockDevice()) return 'a block device'
  if (stats.isSocket()) return 'a socket'
  return 'something else'
}

/** `k8s is a directory, not a regular file.` */
export function notRegularFile(shown: string, stats: Stats): FileRefused {
  return new FileRefused(`${shown} is ${kindOf(stats)}, not a regular file.`)
}

/** The error code of a failed system call (`ENOENT`), if it has one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}
