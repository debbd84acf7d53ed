// The committed real-world manifests (fixtures/real-world), read as the registry returns them.
import { readFileSync } from 'node:fs'
import { analyzeManifest } from '../../src/insight/manifest.js'
import type { ManifestInfo } from '../../src/insight/manifest-types.js'

/** The manifest text of `fixtures/real-world/<name>`. */
export const realWorldManifest = (name: string): string =>
  readFileSync(new URL(`../../fixtures/real-world/${name}`, import.meta.url), 'utf8')

/** The analysis of `fixtures/real-world/<name>`, media type taken from the manifest itself. */
export const analyzeRealWorld = (name: string): ManifestInfo =>
  analyzeManifest(realWorldManifest(name))
