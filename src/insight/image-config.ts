// What an image's config blob says about what will run: its platform, when it was built, its
// labels and user. The blob is registry data: checked against its digest first, then read
// field by field; anything of the wrong type is left out, never guessed. Environment values can
// hold secrets: only their names are kept.

import { formatPlatform } from '../platform.js'
import { sha256Digest } from './integrity.js'

export interface ImageConfig {
  os?: string
  architecture?: string
  variant?: string
  /** `os/architecture[/variant]`, when the config names both os and architecture. */
  platform?: string
  /** RFC 3339 as written, only when it parses as a date. */
  created?: string
  labels: Record<string, string>
  user?: string
  exposedPorts?: string[]
  /** Names of the environment variables; their values are never kept. */
  envNames?: string[]
}

/** The config as the `manifests` output and the `labels` output show it. */
export interface ConfigOutput {
  os?: string
  architecture?: string
  variant?: string
  created?: string
  labels: Record<string, string>
  /** In an output: how many labels were left out of `labels` (reports/outputs.ts clips them). */
  labelsOmitted?: number
  user?: string
}

export type ConfigReading = { config: ImageConfig } | { code: string; reason: string }

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

/** What a platform part may be (as `platform` parses it): anything else is not a platform. */
const PLATFORM_PART = /^[A-Za-z0-9_.-]{1,64}$/

function platformPart(value: unknown): string | undefined {
  return typeof value === 'string' && PLATFORM_PART.test(value) ? value : undefined
}

/** Every label: require-labels judges them all (the blob is capped at 4 MiB); outputs clip. */
function stringMap(value: unknown): Record<string, string> {
  const entries = Object.entries(record(value) ?? {}).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string'
  )
  return Object.fromEntries(entries)
}

function envNames(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined
  const names = value
    .filter((entry): entry is string => typeof entry === 'string')
    .map((entry) => entry.split('=', 1)[0] ?? '')
    .filter((name) => name !== '')
  return names.length > 0 ? names : undefined
}

/** Parses an OCI or Docker image config (both use the same field names). */
export function parseImageConfig(json: string): ConfigReading {
  let parsed: Record<string, unknown> | undefined
  try {
    parsed = record(JSON.parse(json))
  } catch {
    parsed = undefined
  }
  if (!parsed) return { code: 'ConfigUnreadable', reason: 'the image config is not a JSON object' }
  const inner = record(parsed.config) ?? {}
  const os = platformPart(parsed.os)
  const architecture = platformPart(parsed.architecture)
  const variant = platformPart(parsed.variant)
  const created = text(parsed.created)
  const ports = Object.keys(record(inner.ExposedPorts) ?? {})
  const env = envNames(inner.Env)
  const user = text(inner.User)
  const config: ImageConfig = {
    ...(os ? { os } : {}),
    ...(architecture ? { architecture } : {}),
    ...(variant ? { variant } : {}),
    ...(os && architecture
      ? { platform: formatPlatform({ os, architecture, ...(variant ? { variant } : {}) }) }
      : {}),
    ...(created && RFC3339.test(created) && !Number.isNaN(Date.parse(created)) ? { created } : {}),
    labels: stringMap(inner.Labels),
    ...(user ? { user } : {}),
    ...(ports.length > 0 ? { exposedPorts: ports } : {}),
    ...(env ? { envNames: env } : {})
  }
  return { config }
}

/** Checks the blob against the digest it was asked by, then parses it. */
export function readConfigBlob(blob: Buffer, digest: string): ConfigReading {
  const computed = sha256Digest(blob)
  if (computed !== digest) {
    return {
      code: 'IntegrityError',
      reason:
        `integrity check failed: the image config downloaded for ${digest} hashes to ${computed}; ` +
        'the registry or something between returned a different blob than the one asked for'
    }
  }
  return parseImageConfig(blob.toString('utf8'))
}

export function configOutput(config: ImageConfig): ConfigOutput {
  const { os, architecture, variant, created, labels, user } = config
  return {
    ...(os ? { os } : {}),
    ...(architecture ? { architecture } : {}),
    ...(variant ? { variant } : {}),
    ...(created ? { created } : {}),
    labels,
    ...(user ? { user } : {})
  }
}
