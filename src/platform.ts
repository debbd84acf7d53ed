// A platform as OCI image indexes name it. Parsing is shared by the `platform` input and the
// manifest analysis, so both agree on what `linux/arm64/v8` means.

export interface Platform {
  os: string
  architecture: string
  variant?: string
}

const PLATFORM_PATTERN = /^([a-z0-9_.-]+)\/([a-z0-9_.-]+)(?:\/([a-z0-9_.-]+))?$/

/** Parses `os/architecture[/variant]` (lower case, as Docker and containerd write it); null if malformed. */
export function parsePlatform(text: string): Platform | null {
  const match = PLATFORM_PATTERN.exec(text.trim().toLowerCase())
  if (!match) return null
  const [, os, architecture, variant] = match
  if (!os || !architecture) return null
  return variant ? { os, architecture, variant } : { os, architecture }
}

/** `linux/arm64/v8`, `linux/amd64`: the form the summary, the outputs and error messages use. */
export function formatPlatform(platform: Platform): string {
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/')
}
