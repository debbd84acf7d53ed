import { describe, expect, it } from '@jest/globals'
import type { PlatformManifest } from '../../src/insight/manifest-types.js'
import {
  describeNoMatch,
  matchPlatform,
  normalizePlatform
} from '../../src/insight/platform-match.js'
import { parsePlatform, type Platform } from '../../src/platform.js'
import { analyzeRealWorld } from '../helpers/real-world-fixtures.js'

const platformsOf = (name: string): PlatformManifest[] => analyzeRealWorld(name).platforms ?? []

/** golang-like list: amd64, arm/v5, arm/v7, arm64/v8, 386, mips64le, ppc64le, s390x, 2× windows. */
const GOLANG = platformsOf('docker-manifest-list.json')
/** buildx index: amd64, arm64 (no variant), arm/v7; attestations listed apart. */
const BUILDX = platformsOf('oci-index-buildx-attestations.json')

/** Children written as `os/arch[/variant]`, each labelled with its position. */
const children = (...names: string[]): (Platform & { label: string })[] =>
  names.map((name, position) => {
    const [os = '', architecture = '', variant] = name.split('/')
    return { os, architecture, ...(variant ? { variant } : {}), label: `${position}:${name}` }
  })

const wanted = (text: string): Platform => {
  const platform = parsePlatform(text)
  if (!platform) throw new Error(`test platform ${text} does not parse`)
  return platform
}

describe('matchPlatform on real-world indexes', () => {
  it.each([
    ['linux/amd64', 'linux/amd64', true],
    ['linux/arm64', 'linux/arm64/v8', true],
    ['linux/arm64/v8', 'linux/arm64/v8', true],
    ['linux/aarch64', 'linux/arm64/v8', true],
    ['linux/x86_64', 'linux/amd64', true],
    ['linux/arm', 'linux/arm/v7', true],
    ['linux/arm/v7', 'linux/arm/v7', true],
    ['linux/arm/v6', 'linux/arm/v5', false],
    ['linux/arm/v8', 'linux/arm/v7', false],
    ['linux/amd64/v3', 'linux/amd64', false],
    ['linux/s390x', 'linux/s390x', true],
    ['linux/i386', 'linux/386', true]
  ])('golang list: %s → %s', (want, expected, exact) => {
    const result = matchPlatform(GOLANG, wanted(want))
    expect(result.match?.platform).toBe(expected)
    expect(result.exact).toBe(exact)
  })

  it('ignores os.version of Windows images and takes the first listed', () => {
    const result = matchPlatform(GOLANG, wanted('windows/amd64'))
    expect(result.match?.osVersion).toBe('10.0.20348.2849')
    expect(result.exact).toBe(true)
  })

  it.each([
    ['linux/arm64/v8', 'linux/arm64'],
    ['linux/arm64', 'linux/arm64'],
    ['linux/armhf', 'linux/arm/v7']
  ])('buildx index: %s → %s', (want, expected) => {
    expect(matchPlatform(BUILDX, wanted(want)).match?.platform).toBe(expected)
  })

  it('says which platforms exist when none matches, each once', () => {
    const result = matchPlatform(GOLANG, wanted('linux/riscv64'))
    expect(result.match).toBeNull()
    expect(result.exact).toBe(false)
    // Each platform once: the two Windows images differ only in os.version.
    expect(result.available).toHaveLength(9)
    expect(result.available).toEqual([...new Set(GOLANG.map((child) => child.platform))])
  })

  it('does not run an older arm image on a machine that needs a newer variant', () => {
    const result = matchPlatform(BUILDX, wanted('linux/arm/v6'))
    expect(result.match).toBeNull()
    expect(result.available).toEqual(['linux/amd64', 'linux/arm64', 'linux/arm/v7'])
  })
})

describe('matchPlatform rules', () => {
  it.each([
    [
      'the exact variant over a compatible one',
      ['linux/arm/v6', 'linux/arm/v7'],
      'linux/arm/v7',
      '1:linux/arm/v7'
    ],
    [
      'the nearest older variant',
      ['linux/arm/v5', 'linux/arm/v6'],
      'linux/arm/v7',
      '1:linux/arm/v6'
    ],
    [
      'amd64 v2 for a v3 machine',
      ['linux/amd64', 'linux/amd64/v2'],
      'linux/amd64/v3',
      '1:linux/amd64/v2'
    ],
    ['amd64 as amd64/v1', ['linux/amd64/v1'], 'linux/amd64', '0:linux/amd64/v1'],
    ['arm64 v8 for a v9 machine', ['linux/arm64/v8'], 'linux/arm64/v9', '0:linux/arm64/v8'],
    [
      'arm64/v9 as v9.0',
      ['linux/arm64', 'linux/arm64/v9.0'],
      'linux/arm64/v9',
      '1:linux/arm64/v9.0'
    ],
    ['aarch64 children as arm64', ['linux/aarch64'], 'linux/arm64/v8', '0:linux/aarch64'],
    ['x86_64 children as amd64', ['linux/x86_64'], 'linux/amd64', '0:linux/x86_64'],
    ['macos as darwin', ['darwin/arm64'], 'macos/arm64', '0:darwin/arm64'],
    ['upper-case children', ['Linux/ARM64/V8'], 'linux/arm64', '0:Linux/ARM64/V8'],
    ['the first of equals', ['linux/ppc64le', 'linux/ppc64le'], 'linux/ppc64le', '0:linux/ppc64le']
  ])('picks %s', (_rule, names, want, expected) => {
    expect(matchPlatform(children(...names), wanted(want)).match?.label).toBe(expected)
  })

  it.each([
    ['a newer amd64 variant', ['linux/amd64/v3'], 'linux/amd64'],
    ['386 for amd64 (no cross-architecture fallback)', ['linux/386'], 'linux/amd64'],
    ['arm for arm64 (no cross-architecture fallback)', ['linux/arm/v7'], 'linux/arm64'],
    ['another OS', ['windows/amd64'], 'linux/amd64'],
    ['an unknown variant scheme', ['linux/riscv64/rva20'], 'linux/riscv64/rva22'],
    ['attestations, even when asked for', ['unknown/unknown'], 'unknown/unknown']
  ])('never matches %s', (_rule, names, want) => {
    expect(matchPlatform(children(...names), wanted(want)).match).toBeNull()
  })

  it('leaves attestations out of the available list', () => {
    const result = matchPlatform(children('unknown/unknown', 'linux/amd64'), wanted('linux/s390x'))
    expect(result.available).toEqual(['linux/amd64'])
  })

  it('normalises like containerd', () => {
    expect(normalizePlatform({ os: 'linux', architecture: 'arm64', variant: 'v8' })).toEqual({
      os: 'linux',
      architecture: 'arm64',
      variant: ''
    })
    expect(normalizePlatform({ os: 'linux', architecture: 'armel' })).toEqual({
      os: 'linux',
      architecture: 'arm',
      variant: 'v6'
    })
    expect(normalizePlatform({ os: 'linux', architecture: 'arm', variant: '7' }).variant).toBe('v7')
  })
})

describe('describeNoMatch', () => {
  it('names the platform, the image and what it has', () => {
    expect(
      describeNoMatch(wanted('linux/s390x'), 'team/api:v1', ['linux/amd64', 'linux/arm64/v8'])
    ).toBe('no linux/s390x in team/api:v1; it has linux/amd64, linux/arm64/v8')
  })

  it('says so when the index lists no platform', () => {
    expect(describeNoMatch(wanted('linux/amd64'), 'team/api:v1', [])).toBe(
      'no linux/amd64 in team/api:v1; it lists no platforms'
    )
  })
})
