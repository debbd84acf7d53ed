// src/files against real temporary directories: reads that stay inside the workspace and refuse
// links out, pipes, devices, directories and oversized files; globs; and rewrites all or nothing
// (links planted at temporary names, a file edited after it was read, a second write or a rename
// that fails, git's own files). Where no real file system fails on cue (the action may run as
// root, which no read-only directory stops), the failing call is injected through FileOps.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type FileOps, NODE_FILE_OPS } from '../../src/files/file-ops.js'
import { fingerprintOf, readRegularFile } from '../../src/files/read-file.js'
import { stageReplacements, type Replacement } from '../../src/files/replace-files.js'
import { openWorkspace } from '../../src/files/workspace.js'
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js'

let ws: TempWorkspace
/** A directory beside the workspace: what a link out of it points to. */
let outside: string

beforeEach(() => {
  ws = tempWorkspace({}, 'files-unit-')
  outside = realpathSync(mkdtempSync(join(tmpdir(), 'files-unit-outside-')))
})

afterEach(() => {
  ws.remove()
  rmSync(outside, { recursive: true, force: true })
})

/** The message of what `action` throws. */
function thrown(action: () => unknown): string {
  try {
    action()
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('expected a throw')
}

/** Every entry of the workspace, files with their text: what a failed rewrite must leave as it was. */
function snapshot(root = ws.root): Record<string, string> {
  const entries: Record<string, string> = {}
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name)
    entries[path.slice(root.length + 1)] = entry.isFile()
      ? readFileSync(path, 'utf8')
      : entry.isDirectory()
        ? '<dir>'
        : '<other>'
  }
  return entries
}

describe('readRegularFile', () => {
  const read = (path: string, maxBytes = 100, ops?: FileOps) =>
    readRegularFile(path, { shown: 'f', maxBytes, followLinks: false, ...(ops ? { ops } : {}) })

  it('reads a regular file up to the cap, and refuses one over it', () => {
    ws.put({ small: 'x'.repeat(100), big: 'x'.repeat(101) })
    expect(read(ws.path('small')).toString()).toBe('x'.repeat(100))
    expect(thrown(() => read(ws.path('big')))).toBe('f is 101 bytes, over the 100 bytes limit.')
    ws.put({ huge: Buffer.alloc(5 * 1024 * 1024) })
    expect(thrown(() => read(ws.path('huge'), 4 * 1024 * 1024))).toBe(
      'f is 5,242,880 bytes, over the 4 MiB limit.'
    )
  })

  it('refuses a device, a FIFO, a directory and a link, without waiting or reading on', () => {
    expect(thrown(() => read('/dev/zero'))).toBe('f is a character device, not a regular file.')
    execFileSync('mkfifo', [ws.path('fifo')])
    expect(thrown(() => read(ws.path('fifo')))).toBe(
      'f is a FIFO (named pipe), not a regular file.'
    )
    mkdirSync(ws.path('dir'))
    expect(thrown(() => read(ws.path('dir')))).toBe('f is a directory, not a regular file.')
    symlinkSync('/etc/hostname', ws.path('link'))
    expect(thrown(() => read(ws.path('link')))).toBe('f is a symbolic link; it is not followed.')
    expect(thrown(() => read(ws.path('none')))).toBe('f does not exist.')
  })

  it('stops at cap + 1 bytes when a file grows past what it said its size was', () => {
    ws.put({ growing: 'x' })
    let offered = 0
    const endless: FileOps = {
      ...NODE_FILE_OPS,
      readSync: (_fd, buffer, offset, length) => {
        buffer.fill(0x78, offset, offset + length)
        offered += length
        return length
      }
    }
    expect(thrown(() => read(ws.path('growing'), 1000, endless))).toBe(
      'f grew past the 1,000 bytes limit as it was read.'
    )
    expect(offered).toBe(1001)
  })

  it('fingerprints the bytes', () => {
    expect(fingerprintOf(Buffer.from('abc'))).toEqual({
      size: 3,
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
    })
  })
})

describe('workspace: read', () => {
  it('reads by a relative path, or an absolute one inside, as UTF-8 with its fingerprint', () => {
    ws.put({ 'lists/ids.txt': '\uFEFFv1\n' })
    const file = ws.workspace.read('lists/ids.txt', 100)
    expect(file).toEqual({
      path: 'lists/ids.txt',
      absolutePath: ws.path('lists/ids.txt'),
      text: '\uFEFFv1\n',
      read: fingerprintOf(Buffer.from('\uFEFFv1\n'))
    })
    expect(ws.workspace.read(ws.path('lists/../lists/ids.txt'), 100).path).toBe('lists/ids.txt')
  })

  it('refuses paths out of the workspace, by their text or through a link', () => {
    writeFileSync(join(outside, 'secret'), 'root:x:0:0\n')
    symlinkSync(join(outside, 'secret'), ws.path('to-secret'))
    symlinkSync('/proc/self/environ', ws.path('environ'))
    symlinkSync(outside, ws.path('out'))
    const read = (path: string) => thrown(() => ws.workspace.read(path, 1000))
    expect(read('/etc/passwd')).toBe('/etc/passwd is outside the workspace.')
    expect(read('../x')).toBe('../x is outside the workspace.')
    expect(read('a/../../x')).toBe('a/../../x is outside the workspace.')
    expect(read('to-secret')).toBe('to-secret leads outside the workspace through a symbolic link.')
    expect(read('environ')).toBe('environ leads outside the workspace through a symbolic link.')
    expect(read('out/secret')).toBe(
      'out/secret leads outside the workspace through a symbolic link.'
    )
  })

  it('follows a link that stays inside', () => {
    ws.put({ 'real.txt': 'v1\n' })
    symlinkSync('real.txt', ws.path('alias.txt'))
    expect(ws.workspace.read('alias.txt', 100).path).toBe('real.txt')
  })

  it('refuses git files, pipes, devices, directories, large files and bytes that are not UTF-8', () => {
    ws.put({
      '.git/config': '[core]\n',
      'sub/.GIT/config': 'x',
      big: 'x'.repeat(11),
      'latin1.txt': Buffer.from([0x63, 0x61, 0x66, 0xe9])
    })
    execFileSync('mkfifo', [ws.path('fifo')])
    symlinkSync('.git/config', ws.path('git-link'))
    const read = (path: string) => thrown(() => ws.workspace.read(path, 10))
    expect(read('.git/config')).toBe('.git/config is in a .git directory; it is not read.')
    expect(read('sub/.GIT/config')).toBe('sub/.GIT/config is in a .git directory; it is not read.')
    expect(read('git-link')).toBe('git-link is in a .git directory; it is not read.')
    expect(read('fifo')).toBe('fifo is a FIFO (named pipe), not a regular file.')
    expect(read('.')).toBe('. is a directory, not a regular file.')
    expect(read('big')).toBe('big is 11 bytes, over the 10 bytes limit.')
    expect(read('latin1.txt')).toBe('latin1.txt is not UTF-8 text.')
    expect(read('missing.txt')).toBe('missing.txt does not exist.')
  })

  it('says so when the workspace itself is missing', () => {
    expect(thrown(() => openWorkspace(join(outside, 'gone')).read('x', 10))).toMatch(
      /^the workspace .*gone \(GITHUB_WORKSPACE\) cannot be opened: ENOENT/
    )
  })
})

describe('workspace: list', () => {
  it('lists regular files none of whose path is a link, sorted, git files included for the caller', () => {
    ws.put({ 'k8s/b.yaml': '', 'k8s/a.yaml': '', 'k8s/deep/c.yaml': '', '.git/x.yaml': '' })
    writeFileSync(join(outside, 'secret.yaml'), '')
    symlinkSync(join(outside, 'secret.yaml'), ws.path('k8s/link.yaml'))
    symlinkSync(outside, ws.path('k8s/out'))
    symlinkSync(ws.path('k8s'), ws.path('k8s-alias'))
    mkdirSync(ws.path('k8s/dir.yaml'))
    expect(ws.workspace.list('**/*.yaml')).toEqual(['k8s/a.yaml', 'k8s/b.yaml', 'k8s/deep/c.yaml'])
    expect(ws.workspace.list('k8s/*')).toEqual(['k8s/a.yaml', 'k8s/b.yaml'])
    expect(ws.workspace.list('k8s-alias/*.yaml')).toEqual([])
    expect(ws.workspace.list('.git/*')).toEqual(['.git/x.yaml'])
  })
})

describe('stageReplacements', () => {
  /** The replacement of a file as it is now. */
  const replacing = (path: string, text: string): Replacement => ({
    path,
    read: fingerprintOf(readFileSync(ws.path(path))),
    text
  })
  const temporaries = (dir = ws.root) => readdirSync(dir).filter((name) => name.endsWith('.tmp'))

  it('writes every temporary first, renames only on commit, keeps each mode, leaves nothing', () => {
    ws.put({ 'a.yaml': 'a: 1\n', 'bin/run.sh': 'echo 1\n' })
    chmodSync(ws.path('a.yaml'), 0o640)
    chmodSync(ws.path('bin/run.sh'), 0o755)
    const staged = stageReplacements(ws.root, [
      replacing('a.yaml', 'a: 2\n'),
      replacing('bin/run.sh', 'echo 2\n')
    ])
    expect(staged.paths).toEqual(['a.yaml', 'bin/run.sh'])
    expect(readFileSync(ws.path('a.yaml'), 'utf8')).toBe('a: 1\n')
    expect(temporaries()).toHaveLength(1)
    expect(temporaries()[0]).toMatch(/^\.ecr-pin-[0-9a-f]{24}\.tmp$/)
    expect(temporaries(ws.path('bin'))).toHaveLength(1)
    staged.commit()
    expect(readFileSync(ws.path('a.yaml'), 'utf8')).toBe('a: 2\n')
    expect(readFileSync(ws.path('bin/run.sh'), 'utf8')).toBe('echo 2\n')
    expect(statSync(ws.path('a.yaml')).mode & 0o777).toBe(0o640)
    expect(statSync(ws.path('bin/run.sh')).mode & 0o777).toBe(0o755)
    staged.discard()
    expect([...temporaries(), ...temporaries(ws.path('bin'))]).toEqual([])
  })

  it('never writes through a link planted at a temporary name', () => {
    ws.put({ 'a.yaml': 'a: 1\n' })
    writeFileSync(join(outside, 'victim'), 'untouched\n')
    // The name the action once used, predictable from the pid: followed, it wrote outside.
    for (let pid = 1; pid < 50; pid++) {
      symlinkSync(join(outside, 'victim'), ws.path(`.a.yaml.${pid}.pin-tmp`))
    }
    symlinkSync(join(outside, 'victim'), ws.path(`.a.yaml.${process.pid}.pin-tmp`))
    stageReplacements(ws.root, [replacing('a.yaml', 'a: 2\n')]).commit()
    expect(readFileSync(ws.path('a.yaml'), 'utf8')).toBe('a: 2\n')
    expect(readFileSync(join(outside, 'victim'), 'utf8')).toBe('untouched\n')

    // Even a link at the very name drawn: created exclusively, so the stage fails instead.
    ws.put({ 'b.yaml': 'b: 1\n' })
    symlinkSync(join(outside, 'victim'), ws.path('.known.tmp'))
    const before = snapshot()
    const message = thrown(() =>
      stageReplacements(ws.root, [replacing('b.yaml', 'b: 2\n')], {
        temporaryName: () => '.known.tmp'
      })
    )
    expect(message).toMatch(
      /^Cannot write b\.yaml: EEXIST: file already exists.* No file was written\.$/
    )
    expect(readFileSync(join(outside, 'victim'), 'utf8')).toBe('untouched\n')
    expect(snapshot()).toEqual(before)
  })

  it('refuses a target that is a link, sits under a link out, or is git’s own', () => {
    ws.put({ '.git/config': 'x', 'sub/.git/config': 'x', 'real.yaml': 'x' })
    writeFileSync(join(outside, 'a.yaml'), 'x')
    symlinkSync(join(outside, 'a.yaml'), ws.path('link.yaml'))
    symlinkSync(outside, ws.path('out'))
    const stage = (path: string) =>
      thrown(() =>
        stageReplacements(ws.root, [{ path, read: fingerprintOf(Buffer.from('x')), text: 'y' }])
      )
    expect(stage('link.yaml')).toBe(
      'link.yaml is a symbolic link, not a regular file. No file was written.'
    )
    expect(stage('out/a.yaml')).toBe(
      'out/a.yaml is in a directory that leads outside the workspace. No file was written.'
    )
    expect(stage('.git/config')).toBe(
      '.git/config is in a .git directory; it is never written. No file was written.'
    )
    expect(stage('sub/.git/config')).toBe(
      'sub/.git/config is in a .git directory; it is never written. No file was written.'
    )
    expect(stage('../x')).toBe('../x is outside the workspace. No file was written.')
    expect(readFileSync(join(outside, 'a.yaml'), 'utf8')).toBe('x')
    expect(temporaries()).toEqual([])
  })

  it('does not replace a file edited after it was read, before or after staging', () => {
    ws.put({ 'a.yaml': 'a: 1\n', 'b.yaml': 'b: 1\n' })
    const replacements = [replacing('a.yaml', 'a: 2\n'), replacing('b.yaml', 'b: 2\n')]
    ws.put({ 'b.yaml': 'b: 1 # edited\n' })
    expect(thrown(() => stageReplacements(ws.root, replacements))).toBe(
      'b.yaml changed after it was read; run again to pin it as it is now. No file was written.'
    )
    expect(temporaries()).toEqual([])

    ws.put({ 'b.yaml': 'b: 1\n' })
    const staged = stageReplacements(ws.root, replacements)
    ws.put({ 'b.yaml': 'b: 9\n' }) // same size, other bytes
    expect(thrown(() => staged.commit())).toBe(
      'b.yaml changed after it was read; run again to pin it as it is now. No file was written.'
    )
    expect(snapshot()).toEqual({ 'a.yaml': 'a: 1\n', 'b.yaml': 'b: 9\n' })
  })

  it('removes the first temporary when the second write fails, and names the cause', () => {
    ws.put({ 'a.yaml': 'a: 1\n', 'b.yaml': 'b: 1\n' })
    let writes = 0
    const ops: FileOps = {
      ...NODE_FILE_OPS,
      writeSync: (fd, buffer, offset, length) => {
        if (++writes === 2)
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
            code: 'ENOSPC'
          })
        return NODE_FILE_OPS.writeSync(fd, buffer, offset, length)
      }
    }
    const message = thrown(() =>
      stageReplacements(ws.root, [replacing('a.yaml', 'a: 2\n'), replacing('b.yaml', 'b: 2\n')], {
        ops
      })
    )
    expect(message).toBe(
      'Cannot write b.yaml: ENOSPC: no space left on device, write. No file was written.'
    )
    expect(snapshot()).toEqual({ 'a.yaml': 'a: 1\n', 'b.yaml': 'b: 1\n' })
  })

  it('says what was and was not written when a rename fails midway', () => {
    ws.put({ 'a.yaml': 'a: 1\n', 'b.yaml': 'b: 1\n', 'c.yaml': 'c: 1\n' })
    let renames = 0
    const ops: FileOps = {
      ...NODE_FILE_OPS,
      renameSync: (from, to) => {
        if (++renames === 2) throw new Error('EROFS: read-only file system, rename')
        NODE_FILE_OPS.renameSync(from, to)
      }
    }
    const staged = stageReplacements(
      ws.root,
      ['a', 'b', 'c'].map((name) => replacing(`${name}.yaml`, `${name}: 2\n`)),
      { ops }
    )
    expect(thrown(() => staged.commit())).toBe(
      'Cannot write b.yaml: EROFS: read-only file system, rename. Already written: a.yaml; not written: b.yaml, c.yaml.'
    )
    expect(snapshot()).toEqual({ 'a.yaml': 'a: 2\n', 'b.yaml': 'b: 1\n', 'c.yaml': 'c: 1\n' })
  })

  it('names the first cause, not a temporary it could not remove', () => {
    ws.put({ 'a.yaml': 'a: 1\n', 'b.yaml': 'b: 1\n' })
    const ops: FileOps = {
      ...NODE_FILE_OPS,
      unlinkSync: () => {
        throw new Error('EBUSY: resource busy')
      }
    }
    const staged = stageReplacements(
      ws.root,
      [replacing('a.yaml', 'a: 2\n'), replacing('b.yaml', 'b: 2\n')],
      { ops }
    )
    ws.put({ 'a.yaml': 'a: 0\n' })
    expect(thrown(() => staged.commit())).toBe(
      'a.yaml changed after it was read; run again to pin it as it is now. No file was written. ' +
        '(A temporary file was not removed: EBUSY: resource busy.)'
    )
  })

  it('discards: every temporary removed, twice is fine, commit after it refused', () => {
    ws.put({ 'a.yaml': 'a: 1\n' })
    const staged = stageReplacements(ws.root, [replacing('a.yaml', 'a: 2\n')])
    staged.discard()
    staged.discard()
    expect(snapshot()).toEqual({ 'a.yaml': 'a: 1\n' })
    expect(thrown(() => staged.commit())).toBe(
      'a.yaml: its temporary file was removed. No file was written.'
    )
  })

  it('refuses a temporary put back by someone else', () => {
    ws.put({ 'a.yaml': 'a: 1\n' })
    const staged = stageReplacements(ws.root, [replacing('a.yaml', 'a: 2\n')], {
      temporaryName: () => '.known.tmp'
    })
    rmSync(ws.path('.known.tmp'))
    symlinkSync(join(outside, 'x'), ws.path('.known.tmp'))
    expect(thrown(() => staged.commit())).toBe(
      'a.yaml: its temporary file was replaced; it is not written. No file was written.'
    )
    expect(readFileSync(ws.path('a.yaml'), 'utf8')).toBe('a: 1\n')
  })
})
