import { describe, expect, it } from '@jest/globals'
import {
  checkRegion,
  checkRegistryId,
  parseRegistryHost,
  registryDomain,
  registryHost
} from '../../src/inputs/registry.js'

describe('checkRegistryId', () => {
  it.each(['012345678901', '123456789012'])('accepts %s', (id) => {
    expect(checkRegistryId(id, 'registry-id', 'registry-id')).toEqual({ ok: true, value: id })
  })

  it.each([
    [
      '12345678901',
      `registry-id: "12345678901" has 11 digits; a registry id is 12 digits. YAML reads an unquoted 012345678901 as a number and drops the leading zero: quote it, registry-id: '012345678901'.`
    ],
    [
      '1234567890',
      `registry-id: "1234567890" has 10 digits; a registry id is 12 digits. YAML reads an unquoted 001234567890 as a number and drops the leading zeros: quote it, registry-id: '001234567890'.`
    ],
    ['1234567890123', 'registry-id: "1234567890123" has 13 digits; a registry id is 12 digits.'],
    [
      '1.23456789012e+11',
      `registry-id: "1.23456789012e+11" is a number in YAML's float form; a registry id is 12 digits. YAML reads an unquoted 123456789012 as a number and rewrites it: quote it, registry-id: '123456789012'.`
    ],
    [
      '12345678901.0',
      `registry-id: "12345678901.0" is a number in YAML's float form; a registry id is 12 digits. YAML reads an unquoted 012345678901 as a number and rewrites it: quote it, registry-id: '012345678901'.`
    ],
    [
      'my-account',
      'registry-id: "my-account" is not a registry id; a registry id is the 12-digit AWS account id, like 012345678901.'
    ],
    [
      '1.5',
      'registry-id: "1.5" is not a registry id; a registry id is the 12-digit AWS account id, like 012345678901.'
    ]
  ])('%s', (value, problem) => {
    expect(checkRegistryId(value, 'registry-id', 'registry-id')).toEqual({
      ok: false,
      problems: [problem]
    })
  })

  it('leaves the YAML hint out where the value never went through YAML', () => {
    expect(checkRegistryId('12345678901', 'the host')).toEqual({
      ok: false,
      problems: ['the host: "12345678901" has 11 digits; a registry id is 12 digits.']
    })
  })
})

describe('checkRegion', () => {
  it.each([
    'us-east-1',
    'eu-west-1',
    'cn-north-1',
    'cn-northwest-1',
    'us-gov-west-1',
    'eu-isoe-west-1',
    'us-isob-east-1',
    'eusc-de-east-1',
    'ap-southeast-7'
  ])('accepts %s', (region) => {
    expect(checkRegion(region, 'region')).toEqual({ ok: true, value: region })
  })

  it.each([
    [
      'US-EAST-1',
      'region: "US-EAST-1" has upper-case letters; region names are lower case: us-east-1.'
    ],
    ['us-east-1a', 'region: "us-east-1a" is an availability zone; its region is us-east-1.'],
    [
      'useast1',
      'region: "useast1" is not an AWS region name, like us-east-1, cn-north-1 or us-gov-west-1.'
    ],
    [
      'us-east',
      'region: "us-east" is not an AWS region name, like us-east-1, cn-north-1 or us-gov-west-1.'
    ],
    [
      'Virginia',
      'region: "Virginia" is not an AWS region name, like us-east-1, cn-north-1 or us-gov-west-1.'
    ]
  ])('%s', (value, problem) => {
    expect(checkRegion(value, 'region')).toEqual({ ok: false, problems: [problem] })
  })
})

describe('registryDomain and registryHost', () => {
  it.each([
    ['us-east-1', 'amazonaws.com'],
    ['us-gov-west-1', 'amazonaws.com'],
    ['cn-north-1', 'amazonaws.com.cn'],
    ['eusc-de-east-1', 'amazonaws.eu'],
    ['us-iso-east-1', 'c2s.ic.gov'],
    ['us-isob-east-1', 'sc2s.sgov.gov'],
    ['eu-isoe-west-1', 'cloud.adc-e.uk'],
    ['us-isof-south-1', 'csp.hci.ic.gov'],
    ['xx-future-1', 'amazonaws.com']
  ])('%s is under %s', (region, domain) => {
    expect(registryDomain(region)).toBe(domain)
    expect(registryHost('012345678901', region)).toBe(`012345678901.dkr.ecr.${region}.${domain}`)
  })
})

describe('parseRegistryHost', () => {
  it.each([
    ['123456789012.dkr.ecr.eu-west-1.amazonaws.com', 'eu-west-1'],
    ['123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn', 'cn-north-1'],
    ['123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com', 'us-gov-west-1'],
    ['123456789012.dkr-ecr.us-east-1.on.aws', 'us-east-1'],
    ['123456789012.dkr-ecr.cn-north-1.on.amazonwebservices.com.cn', 'cn-north-1'],
    ['123456789012.dkr.ecr.us-iso-east-1.c2s.ic.gov', 'us-iso-east-1'],
    ['123456789012.dkr.ecr.eu-isoe-west-1.cloud.adc-e.uk', 'eu-isoe-west-1']
  ])('reads %s', (host, region) => {
    expect(parseRegistryHost(host, 'repository')).toEqual({
      ok: true,
      value: { registryId: '123456789012', region }
    })
  })

  it.each(['ghcr.io', 'docker.io', 'public.ecr.aws', 'localhost:5000', 'registry.example.com'])(
    'is null for the non-ECR host %s',
    (host) => {
      expect(parseRegistryHost(host, 'repository')).toBeNull()
    }
  )

  it.each([
    [
      '12345.dkr.ecr.us-east-1.amazonaws.com',
      'repository: the registry host "12345.dkr.ecr.us-east-1.amazonaws.com" has the account "12345"; an account id is 12 digits.'
    ],
    [
      '123456789012.dkr.ecr.virginia.amazonaws.com',
      'repository: the registry host "123456789012.dkr.ecr.virginia.amazonaws.com" has "virginia" where a region (like us-east-1) belongs.'
    ],
    [
      '123456789012.dkr.ecr.cn-north-1.amazonaws.com',
      'repository: the registry host "123456789012.dkr.ecr.cn-north-1.amazonaws.com" ends in amazonaws.com, but cn-north-1 registries are under amazonaws.com.cn.'
    ],
    [
      '123456789012.dkr.ecr.us-east-1.example.com',
      'repository: the registry host "123456789012.dkr.ecr.us-east-1.example.com" ends in example.com, but us-east-1 registries are under amazonaws.com.'
    ]
  ])('reports the ECR-shaped host %s', (host, problem) => {
    expect(parseRegistryHost(host, 'repository')).toEqual({ ok: false, problems: [problem] })
  })
})
