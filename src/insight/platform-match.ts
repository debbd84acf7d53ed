// Picks the child of a multi-arch index that a machine of the wanted platform would run, with the
// normalisation containerd applies (`platforms.Normalize`) and the variant fallbacks of
// `platforms.Only`: an arm/v7 machine runs arm/v6 and arm/v5 images, an amd64/v3 one runs v2 and v1.
//
// Deliberately narrower than `platforms.Only`: it does not fall back across architectures
// (amd64 → 386, arm64 → arm). A deploy pinning the `linux/amd64` digest must not silently get a
// 32-bit image, and many arm64 servers (Graviton 3 and later among them) cannot run 32-bit arm.

import { formatPlatform, type Platform } from '../platform.js'

/** A platform reduced to what matching compares: aliases resolved, an absent variant as ''. */
interface NormalPlatform {
  os: string
  architecture: string
  variant: string
}

/** containerd's `normalizeArch`: aliases to Go names, default variants made explicit or dropped. */
function normalizeArchitecture(architecture: string, variant: string): [string, string] {
  switch (architecture) {
    case 'i386':
      return ['386', '']
    case 'x86_64':
    case 'x86-64':
    case 'amd64':
      return ['amd64', variant === 'v1' ? '' : variant]
    case 'aarch64':
    case 'arm64':
      // v8 is the arm64 baseline, so `arm64` and `arm64/v8` are the same platform.
      if (['8', 'v8', 'v8.0'].includes(variant)) return ['arm64', '']
      if (['9', '9.0', 'v9.0'].includes(variant)) return ['arm64', 'v9']
      return ['arm64', variant]
    case 'armhf':
      return ['arm', 'v7']
    case 'armel':
      return ['arm', 'v6']
    case 'arm':
      if (variant === '' || variant === '7') return ['arm', 'v7']
      if (['5', '6', '8'].includes(variant)) return ['arm', `v${variant}`]
      return ['arm', variant]
    default:
      return [architecture, variant]
  }
}

export function normalizePlatform(platform: Platform): NormalPlatform {
  const os = platform.os.toLowerCase()
  const [architecture, variant] = normalizeArchitecture(
    platform.architecture.toLowerCase(),
    (platform.variant ?? '').toLowerCase()
  )
  return { os: os === 'macos' ? 'darwin' : os, architecture, variant }
}

/** The version a variant stands for (`v7` → 7, `v8.2` → 8.2, arm64's empty baseline → 8). */
function variantVersion(platform: NormalPlatform): number | null {
  if (platform.variant === '') {
    if (platform.architecture === 'arm64') return 8
    if (platform.architecture === 'amd64') return 1
    return null
  }
  const match = /^v(\d+(?:\.\d+)?)$/.exec(platform.variant)
  return match ? Number(match[1]) : null
}

/** Architectures whose lower variants run on a higher one (containerd's `platformVector`). */
const BACKWARD_COMPATIBLE = new Set(['amd64', 'arm', 'arm64'])

/**
 * How well `candidate` serves `wanted`: 0 for the same platform, a positive number growing with
 * the distance for an older compatible variant, null when it cannot run there.
 */
function matchDistance(wanted: NormalPlatform, candidate: NormalPlatform): number | null {
  if (wanted.os !== candidate.os || wanted.architecture !== candidate.architecture) return null
  if (wanted.variant === candidate.variant) return 0
  if (!BACKWARD_COMPATIBLE.has(wanted.architecture)) return null
  const want = variantVersion(wanted)
  const have = variantVersion(candidate)
  if (want === null || have === null || have > want) return null
  if (wanted.architecture === 'arm' && have < 5) return null
  return want - have
}

/** Buildx attestations sit in indexes as `unknown/unknown`; no machine runs them. */
const isAttestationPlatform = (platform: Platform): boolean =>
  platform.os === 'unknown' && platform.architecture === 'unknown'

export interface PlatformMatch<T extends Platform> {
  /** The child to run, or null when none fits. */
  match: T | null
  /** True when the match is the wanted platform itself, false for an older compatible variant. */
  exact: boolean
  /** Every runnable platform the index has, in index order, for the "it has …" message. */
  available: string[]
}

/**
 * Picks the child of an index for `wanted`. The exact platform (after normalisation) wins, then
 * the nearest older variant; among equals, the first in index order (so of two Windows images that
 * differ only in `os.version`, the first listed, as `os.version` is not compared).
 */
export function matchPlatform<T extends Platform>(
  children: readonly T[],
  wanted: Platform
): PlatformMatch<T> {
  const target = normalizePlatform(wanted)
  const runnable = children.filter((child) => !isAttestationPlatform(child))
  let best: { child: T; distance: number } | null = null
  if (!isAttestationPlatform(wanted)) {
    for (const child of runnable) {
      const distance = matchDistance(target, normalizePlatform(child))
      if (distance !== null && (best === null || distance < best.distance))
        best = { child, distance }
    }
  }
  const available = [...new Set(runnable.map((child) => formatPlatform(child)))]
  return { match: best?.child ?? null, exact: best?.distance === 0, available }
}

/** "no linux/s390x in team/api:v1; it has linux/amd64, linux/arm64/v8": the failure the job reports. */
export function describeNoMatch(
  wanted: Platform,
  image: string,
  available: readonly string[]
): string {
  const has = available.length > 0 ? `it has ${available.join(', ')}` : 'it lists no platforms'
  return `no ${formatPlatform(wanted)} in ${image}; ${has}`
}
