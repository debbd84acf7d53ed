// The fixtures compare-to is tested with are what their names say: team/shop's pr-123 shares
// prod's base layers and rebuilds the app layer, pr-100 is prod, and team/shop-multi's indexes
// point at committed children by digest and size.
import { describe, expect, it } from '@jest/globals'
import { FIXTURES, SEEDED_RELEASES } from '../../server/fixtures.js'

const layersOf = (manifest: string): string[] =>
  (JSON.parse(manifest) as { layers: { digest: string }[] }).layers.map((layer) => layer.digest)

const childrenOf = (manifest: string) =>
  (JSON.parse(manifest) as { manifests: { digest: string; size: number; platform: object }[] })
    .manifests

describe('release fixtures', () => {
  it('team/shop: pr-123 keeps the base layers of prod and rebuilds the last one', () => {
    const [prod, pr] = [layersOf(FIXTURES.shopProd.manifest), layersOf(FIXTURES.shopPr.manifest)]
    expect(pr.slice(0, 2)).toEqual(prod.slice(0, 2))
    expect(pr[2]).not.toBe(prod[2])
    expect(SEEDED_RELEASES.shop.images[0].tags).toEqual(['prod', 'pr-100'])
  })

  it('team/shop-multi: each index points at committed children, arm64 shared', () => {
    const children = new Map(
      SEEDED_RELEASES.shopMulti.children.map((child) => [child.digest, child.size])
    )
    const prod = childrenOf(FIXTURES.shopMultiProd.manifest)
    const pr = childrenOf(FIXTURES.shopMultiPr.manifest)
    for (const entry of [...prod, ...pr]) expect(children.get(entry.digest)).toBe(entry.size)
    expect(prod[1]?.digest).toBe(FIXTURES.shopMultiArm64.digest)
    expect(pr[1]?.digest).toBe(FIXTURES.shopMultiArm64.digest)
    expect(prod.map((entry) => entry.platform)).toEqual([
      { architecture: 'amd64', os: 'linux' },
      { architecture: 'arm64', os: 'linux' },
      { architecture: '386', os: 'linux' }
    ])
    expect(pr.map((entry) => entry.platform)).toEqual([
      { architecture: 'amd64', os: 'linux' },
      { architecture: 'arm64', os: 'linux', variant: 'v8' },
      { architecture: 'arm', os: 'linux', variant: 'v7' }
    ])
  })
})
