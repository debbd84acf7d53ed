// Rewriting files all or nothing. Every new text goes first to a temporary file beside its target,
// created exclusively (O_CREAT|O_EXCL, no link followed) under a random name, so nothing planted
// at a name can redirect the write; only once every temporary is written, and the caller has done
// what must come before (the step outputs), are they renamed over their targets, in order. A
// target is checked where it is written: its directory's real path inside the workspace, itself
// a regular file (not a link), under no .git directory, and still holding the bytes it was read
// with. On any failure every temporary is removed and the error names the first cause.
//
// What a rename cannot promise: a process racing the action on the runner can still swap a
// directory between the last check and the rename; a rename that fails midway (a full disk does
// not fail a rename, a read-only remount can) leaves the files renamed before it, and says which.

import { randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { errorMessage } from '../errors.js'
import {
  errorCode,
  FileRefused,
  type FileOps,
  NODE_FILE_OPS,
  notRegularFile,
  O_NOFOLLOW
} from './file-ops.js'
import { type Fingerprint, fingerprintOf, readRegularFile, refusal } from './read-file.js'
import { isGitPath, within } from './paths.js'

export interface Replacement {
  /** Relative to the workspace, with `/` separators. */
  path: string
  /** The file as it was read: it is replaced only while it still holds exactly these bytes. */
  read: Fingerprint
  text: string
}

export interface StagedFiles {
  /** Relative to the workspace, in the order they are renamed. */
  readonly paths: readonly string[]
  /**
   * Checks each file again (where it is, what it holds), then renames every temporary over its
   * target. Throws, with every temporary removed, when a check or a rename fails.
   */
  commit(): void
  /** Removes every temporary not renamed; safe to call again, and after commit. */
  discard(): void
}

export interface StageOptions {
  ops?: FileOps
  /** The temporary file's name; random unless a test needs to know it. */
  temporaryName?: () => string
}

/** Where a target is, as checked. */
interface Target {
  path: string
  /** The real path of its directory: inside the workspace. */
  directory: string
  file: string
  mode: number
}

interface Temporary extends Target {
  temporary: string
  read: Fingerprint
  /** The temporary's identity: a file put in its place is not renamed over the target. */
  dev: number
  ino: number
  /** Renamed over its target, or removed: either way, no longer a temporary to clean up. */
  done?: true
}

const WRITE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW

/** 96 random bits: a name nobody can plant a link at in advance. */
const randomName = () => `.ecr-pin-${randomBytes(12).toString('hex')}.tmp`

/**
 * Writes every replacement to a temporary file beside its target; nothing is renamed until
 * commit(). Throws (with every temporary removed) when a target is refused or cannot be written.
 */
export function stageReplacements(
  workspace: string,
  replacements: readonly Replacement[],
  options: StageOptions = {}
): StagedFiles {
  const ops = options.ops ?? NODE_FILE_OPS
  const name = options.temporaryName ?? randomName
  const temporaries: Temporary[] = []
  const discard = (): string | undefined => {
    let failure: string | undefined
    for (const entry of temporaries) {
      if (entry.done) continue
      entry.done = true
      try {
        ops.unlinkSync(entry.temporary)
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') failure ??= errorMessage(error)
      }
    }
    return failure
  }
  /** The error for `cause`, after every temporary is removed (a clean-up failure comes second). */
  const failed = (cause: string): Error => {
    const leftover = discard()
    return new Error(leftover ? `${cause} (A temporary file was not removed: ${leftover}.)` : cause)
  }

  let root: string
  try {
    root = ops.realpathSync(workspace)
  } catch (error) {
    throw new Error(`Cannot open the workspace ${workspace}: ${errorMessage(error)}`)
  }
  for (const replacement of replacements) {
    try {
      const target = targetOf(root, replacement.path, ops)
      checkUnchanged(target, replacement.read, ops)
      const temporary = join(target.directory, name())
      const fd = ops.openSync(temporary, WRITE_FLAGS, 0o600)
      // Recorded at once: from here on, any failure removes it.
      const entry: Temporary = { ...target, temporary, read: replacement.read, dev: 0, ino: 0 }
      temporaries.push(entry)
      writeAndClose(fd, entry, replacement.text, ops)
    } catch (error) {
      throw failed(`${causeOf(replacement.path, error)} No file was written.`)
    }
  }

  return {
    paths: temporaries.map((entry) => entry.path),
    commit() {
      for (const entry of temporaries) {
        try {
          if (entry.done) throw new FileRefused(`${entry.path}: its temporary file was removed.`)
          recheck(root, entry, ops)
        } catch (error) {
          throw failed(`${causeOf(entry.path, error)} No file was written.`)
        }
      }
      const renamed: string[] = []
      for (const entry of temporaries) {
        try {
          ops.renameSync(entry.temporary, entry.file)
        } catch (error) {
          const left = temporaries.filter((other) => !other.done).map((other) => other.path)
          const done = renamed.length > 0 ? `Already written: ${renamed.join(', ')}; not` : 'Not'
          throw failed(`${causeOf(entry.path, error)} ${done} written: ${left.join(', ')}.`)
        }
        entry.done = true
        renamed.push(entry.path)
      }
    },
    discard() {
      discard()
    }
  }
}

function causeOf(path: string, error: unknown): string {
  return error instanceof FileRefused
    ? error.message
    : `Cannot write ${path}: ${errorMessage(error).replace(/\.?$/, '.')}`
}

/** The target as it is now, or a FileRefused saying why it is not written. */
function targetOf(root: string, path: string, ops: FileOps): Target {
  if (isGitPath(path)) throw new FileRefused(`${path} is in a .git directory; it is never written.`)
  const lexical = join(root, path)
  if (!within(root, lexical)) throw new FileRefused(`${path} is outside the workspace.`)
  let directory: string
  try {
    directory = ops.realpathSync(dirname(lexical))
  } catch (error) {
    throw refusal(dirname(path), error)
  }
  if (!within(root, directory)) {
    throw new FileRefused(`${path} is in a directory that leads outside the workspace.`)
  }
  if (isGitPath(directory.slice(root.length))) {
    throw new FileRefused(`${path} is in a .git directory; it is never written.`)
  }
  const file = join(directory, basename(lexical))
  let stats
  try {
    stats = ops.lstatSync(file)
  } catch (error) {
    throw refusal(path, error)
  }
  if (!stats.isFile()) throw notRegularFile(path, stats)
  return { path, directory, file, mode: stats.mode & 0o7777 }
}

function checkUnchanged(target: Target, read: Fingerprint, ops: FileOps): void {
  const changed = () =>
    new FileRefused(`${target.path} changed after it was read; run again to pin it as it is now.`)
  if (ops.lstatSync(target.file).size !== read.size) throw changed()
  const now = readRegularFile(target.file, {
    shown: target.path,
    maxBytes: read.size,
    followLinks: false,
    ops
  })
  if (fingerprintOf(now).sha256 !== read.sha256) throw changed()
}

/** The text into the open temporary, in the target's mode. */
function writeAndClose(fd: number, entry: Temporary, text: string, ops: FileOps): void {
  try {
    ops.fchmodSync(fd, entry.mode)
    const bytes = Buffer.from(text, 'utf8')
    for (let offset = 0; offset < bytes.length;) {
      offset += ops.writeSync(fd, bytes, offset, bytes.length - offset)
    }
    const stats = ops.fstatSync(fd)
    entry.dev = stats.dev
    entry.ino = stats.ino
  } catch (error) {
    try {
      ops.closeSync(fd)
    } catch {
      // The write's failure is the one to report.
    }
    throw error
  }
  ops.closeSync(fd)
}

/** Just before the renames: the target where it was and as it was read, the temporary ours. */
function recheck(root: string, entry: Temporary, ops: FileOps): void {
  const target = targetOf(root, entry.path, ops)
  if (target.directory !== entry.directory) {
    throw new FileRefused(`${entry.path} moved after it was read; it is not written.`)
  }
  checkUnchanged(target, entry.read, ops)
  const temporary = ops.lstatSync(entry.temporary)
  if (!temporary.isFile() || temporary.dev !== entry.dev || temporary.ino !== entry.ino) {
    throw new FileRefused(`${entry.path}: its temporary file was replaced; it is not written.`)
  }
}
