// Registries: the 12-digit account id, the region, and the host name ECR gives a registry in each
// AWS partition. Repository URIs and image references both start with such a host.

import { type Checked, fail, failWith, ok, quote } from './checked.js'

/** Where a registry is: what an ECR host name says. */
export interface RegistryLocation {
  registryId: string
  region: string
}

// Partition DNS suffixes as the AWS SDK's partitions.json lists them (first match wins; the `aws`
// partition is the SDK's fallback for regions it does not know yet).
const PARTITIONS: { regions: RegExp; domain: string }[] = [
  { regions: /^cn-/, domain: 'amazonaws.com.cn' },
  { regions: /^eusc-/, domain: 'amazonaws.eu' },
  { regions: /^us-iso-/, domain: 'c2s.ic.gov' },
  { regions: /^us-isob-/, domain: 'sc2s.sgov.gov' },
  { regions: /^eu-isoe-/, domain: 'cloud.adc-e.uk' },
  { regions: /^us-isof-/, domain: 'csp.hci.ic.gov' },
  { regions: /./, domain: 'amazonaws.com' }
]

// `<acct>.dkr.ecr[-fips].<region>.<partition domain>`, or dual-stack `<acct>.dkr-ecr.<region>.on.aws`
// (`on.amazonwebservices.com.cn` in China), as the Amazon ECR credential helper matches them.
const STANDARD_HOST = /^([^.]+)\.dkr\.ecr(?:-fips)?\.([^.]+)\.(.+)$/
const DUAL_STACK_HOST =
  /^([^.]+)\.dkr-ecr(?:-fips)?\.([^.]+)\.(on\.aws|on\.amazonwebservices\.com\.cn)$/
const REGION_PATTERN = /^[a-z]{2,4}(?:-[a-z]+)+-\d{1,2}$/
export const ECR_HOST_EXAMPLE = '123456789012.dkr.ecr.us-east-1.amazonaws.com'

/** The DNS domain of the region's partition: `amazonaws.com`, `amazonaws.com.cn` for `cn-*`, …. */
export function registryDomain(region: string): string {
  return PARTITIONS.find((partition) => partition.regions.test(region))?.domain ?? 'amazonaws.com'
}

/** `123456789012.dkr.ecr.eu-west-1.amazonaws.com`: the registry's (non-FIPS, IPv4) host. */
export function registryHost(registryId: string, region: string): string {
  return `${registryId}.dkr.ecr.${region}.${registryDomain(region)}`
}

/**
 * Reads an ECR host. null when the host is not shaped like one at all (`ghcr.io`), so callers can
 * say "not ECR"; problems when it is ECR-shaped but its account, region or domain is off.
 */
export function parseRegistryHost(host: string, label: string): Checked<RegistryLocation> | null {
  const dualStack = DUAL_STACK_HOST.exec(host)
  const match = dualStack ?? STANDARD_HOST.exec(host)
  if (!match) return null
  const [, account = '', region = '', domain = ''] = match
  const said = `${label}: the registry host ${quote(host)}`
  const problems: string[] = []
  if (!/^\d{12}$/.test(account))
    problems.push(`${said} has the account ${quote(account)}; an account id is 12 digits.`)
  if (!REGION_PATTERN.test(region))
    problems.push(`${said} has ${quote(region)} where a region (like us-east-1) belongs.`)
  else if (!dualStack && domain !== registryDomain(region)) {
    problems.push(
      `${said} ends in ${domain}, but ${region} registries are under ${registryDomain(region)}.`
    )
  }
  return problems.length > 0 ? failWith(problems) : ok({ registryId: account, region })
}

/**
 * A registry id (12-digit account id). `yamlKey`, for values that went through YAML, adds the
 * hint for the commonest mistake: an unquoted id read as a number, leading zeros and all lost.
 */
export function checkRegistryId(value: string, label: string, yamlKey?: string): Checked<string> {
  if (/^\d{12}$/.test(value)) return ok(value)
  const said = `${label}: ${quote(value)}`
  const restored = restoreNumericId(value)
  const hint = (lost: string) =>
    yamlKey && restored
      ? ` YAML reads an unquoted ${restored} as a number and ${lost}: quote it, ${yamlKey}: '${restored}'.`
      : ''
  if (/^\d+$/.test(value)) {
    const zeros = value.length === 11 ? 'drops the leading zero' : 'drops the leading zeros'
    const why = value.length < 12 ? hint(zeros) : ''
    return fail(`${said} has ${value.length} digits; a registry id is 12 digits.${why}`)
  }
  if (restored) {
    return fail(
      `${said} is a number in YAML's float form; a registry id is 12 digits.${hint('rewrites it')}`
    )
  }
  return fail(
    `${said} is not a registry id; a registry id is the 12-digit AWS account id, like 012345678901.`
  )
}

/** `12345678901` → `012345678901`, `1.23456789012e+11` → `123456789012`; undefined when no 12 digits fit. */
function restoreNumericId(value: string): string | undefined {
  if (!/^[\d.]+(?:e\+?\d+)?$/i.test(value)) return undefined
  const number = Number(value)
  if (!Number.isSafeInteger(number) || number < 0 || number >= 1e12) return undefined
  return String(number).padStart(12, '0')
}

/** A region name's shape (`us-east-1`, `cn-north-1`, `us-gov-west-1`, `eu-isoe-west-1`). */
export function checkRegion(value: string, label: string): Checked<string> {
  if (REGION_PATTERN.test(value)) return ok(value)
  const said = `${label}: ${quote(value)}`
  if (REGION_PATTERN.test(value.toLowerCase())) {
    return fail(
      `${said} has upper-case letters; region names are lower case: ${value.toLowerCase()}.`
    )
  }
  const zone = /^(.*-\d{1,2})[a-z]$/.exec(value)?.[1]
  if (zone && REGION_PATTERN.test(zone)) {
    return fail(`${said} is an availability zone; its region is ${zone}.`)
  }
  return fail(`${said} is not an AWS region name, like us-east-1, cn-north-1 or us-gov-west-1.`)
}
