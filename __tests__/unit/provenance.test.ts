// Provenance, piece by piece: the inputs (every problem named with its line), the judgement per
// image, the bundle_url rules and its two encodings, and each way one attestation says no, on
// the committed fixtures (signed by @sigstore/sign against @sigstore/mock).
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { compressSync } from 'snappy'
import { PROVENANCE_CATALOG, PROVENANCE_FIXTURES_DIR } from '../../server/provenance-fixtures.js'
import { SIGNATURE_CATALOG } from '../../server/signature-fixtures.js'
import { openWorkspace } from '../../src/files/workspace.js'
import {
  parseProvenanceInputs,
  parseRequireProvenance,
  type ProvenanceConditions
} from '../../src/inputs/provenance.js'
import { checkAttestation } from '../../src/insight/provenance/attestation.js'
import {
  checkBundleUrl,
  fetchBundle,
  MAX_BUNDLE_BYTES
} from '../../src/insight/provenance/github-attestations.js'
import {
  judgeProvenance,
  type ProvenanceCheck,
  type ProvenanceFacts
} from '../../src/insight/provenance/types.js'
import { loadTrustedRoot } from '../../src/insight/signatures/sigstore.js'

const { conditions: CONDITIONS } = PROVENANCE_CATALOG
const problemsOf = (text: string): string[] => {
  const checked = parseRequireProvenance(text)
  return checked.ok ? [] : checked.problems
}

describe('require-provenance', () => {
  it('reads one key=value a line, blank lines and # comments aside', () => {
    expect(
      parseRequireProvenance(
        [
          '# the release build',
          'repository=acme/shop',
          '',
          'workflow = .github/workflows/release.yml@refs/heads/main',
          'ref=refs/heads/main',
          `commit=${'3f1c2b9'.padEnd(40, '0')}`
        ].join('\n')
      )
    ).toEqual({
      ok: true,
      value: {
        repository: 'acme/shop',
        workflow: { path: '.github/workflows/release.yml', ref: 'refs/heads/main' },
        ref: 'refs/heads/main',
        commit: '3f1c2b9'.padEnd(40, '0')
      }
    })
    expect(
      parseRequireProvenance('repository=acme/shop\nworkflow=.github/workflows/r.yaml')
    ).toEqual({
      ok: true,
      value: { repository: 'acme/shop', workflow: { path: '.github/workflows/r.yaml' } }
    })
    expect(parseRequireProvenance('  \n# nothing\n')).toEqual({ ok: true, value: undefined })
  })

  it.each([
    ['workflow=.github/workflows/release.yml', /no repository=owner\/name line/],
    ['repository=acme', /"repository=acme": the repository is owner\/name/],
    ['repository=-acme/shop', /the repository is owner\/name/],
    ['repository=acme/..', /the repository is owner\/name/],
    ['repository=acme/shop\nrepository=acme/other', /repository is given twice/],
    ['repository=acme/shop\nbranch=main', /"branch=main" is not a condition/],
    ['repository=acme/shop\nworkflow=release.yml', /the workflow is the file's path/],
    ['repository=acme/shop\nworkflow=.github/workflows/a/b.yml', /the workflow is the file's path/],
    ['repository=acme/shop\nworkflow=.github/workflows/r.yml@main', /neither a full git ref/],
    ['repository=acme/shop\nref=main', /the ref is a full git ref/],
    ['repository=acme/shop\nref=refs/heads/a..b', /the ref is a full git ref/],
    ['repository=acme/shop\ncommit=3F1C2B9' + '0'.repeat(33), /40 lowercase hexadecimal/],
    ['repository=acme/shop\ncommit=', /40 lowercase hexadecimal/]
  ])('%j: %s', (text, message) => {
    expect(problemsOf(text).join('\n')).toMatch(message)
  })

  it('reports every problem at once, and refuses more than 50 lines', () => {
    expect(problemsOf('ref=main\ncommit=x\nowner=acme')).toHaveLength(4)
    expect(problemsOf(Array(51).fill('repository=acme/shop').join('\n'))).toEqual([
      'require-provenance: 51 lines; at most 50.'
    ])
  })
})

describe('provenance-source', () => {
  const inputs = (source: string, required = 'repository=acme/shop') => ({
    'require-provenance': required,
    'provenance-source': source
  })

  it('defaults to registry; github and any need a token', () => {
    expect(parseProvenanceInputs(inputs(''), '')).toMatchObject({
      ok: true,
      value: { source: 'registry' }
    })
    expect(parseProvenanceInputs(inputs('GitHub'), 'ghs_x')).toMatchObject({
      ok: true,
      value: { source: 'github' }
    })
    expect(parseProvenanceInputs(inputs('any'), '')).toEqual({
      ok: false,
      problems: [expect.stringMatching(/^github-token: empty, but provenance-source is any/)]
    })
  })

  it('names a bad source, and a source without require-provenance', () => {
    expect(parseProvenanceInputs(inputs('ecr'), 'x')).toEqual({
      ok: false,
      problems: ['provenance-source: "ecr" is not one of registry, github, any.']
    })
    expect(parseProvenanceInputs(inputs('github', ''), 'x')).toEqual({
      ok: false,
      problems: [expect.stringMatching(/^provenance-source: set, but require-provenance is not/)]
    })
    expect(parseProvenanceInputs(inputs('', ''), '')).toEqual({ ok: true, value: undefined })
  })
})

describe('readInputs with require-provenance', () => {
  const files = openWorkspace(PROVENANCE_FIXTURES_DIR)
  const read = async (raw: Record<string, string>) => {
    const { readInputs } = await import('../../src/inputs/read-inputs.js')
    try {
      readInputs({
        getInput: (name) =>
          ({ repository: 'team/api', 'image-ids': 'v1', region: 'us-east-1', ...raw })[name] ?? '',
        env: { GITHUB_WORKSPACE: PROVENANCE_FIXTURES_DIR },
        workspace: files
      })
      return []
    } catch (error) {
      return (error as { problems: string[] }).problems
    }
  }

  it('fails closed until verification is part of a run, after checking the values', async () => {
    expect(await read({ 'require-provenance': 'repository=acme/shop' })).toEqual([
      expect.stringMatching(
        /^require-provenance: provenance verification is not part of this version's runs yet/
      )
    ])
    expect(await read({ 'require-provenance': 'repository=acme' })).toEqual([
      expect.stringMatching(/the repository is owner\/name/)
    ])
  })

  it('sigstore-trusted-root serves provenance alone: read once, no signature asked for', async () => {
    expect(
      await read({
        'require-provenance': 'repository=acme/shop',
        'sigstore-trusted-root': '@trusted_root.json'
      })
    ).toEqual([expect.stringMatching(/^require-provenance: provenance verification is not part/)])
    // Its problems are named once, though two verifications use it.
    expect(
      await read({
        'require-provenance': 'repository=acme/shop',
        'sigstore-trusted-root': '@catalog.json'
      })
    ).toEqual([
      expect.stringMatching(/^sigstore-trusted-root: catalog.json is not a Sigstore trusted root/),
      expect.stringMatching(/^require-provenance: provenance verification is not part/)
    ])
  })
})

const check = (overrides: Partial<ProvenanceCheck> & { verified: boolean }): ProvenanceCheck =>
  ({ origin: 'registry', source: 'sha256:aa', ...overrides }) as ProvenanceCheck
const facts = (partial: Partial<ProvenanceFacts>): ProvenanceFacts => ({
  checks: [],
  unsigned: [],
  unchecked: [],
  ...partial
})

describe('judgeProvenance', () => {
  const verified = check({
    verified: true,
    build: { repository: 'a/b', workflow: 'w', workflowRef: 'r', ref: 'r', commit: 'c' },
    subject: { digest: 'sha256:aa', of: 'image' }
  })
  const bad = check({ verified: false, reason: 'bad-signature', detail: 'altered' } as never)
  const commit = check({ verified: false, reason: 'other-commit', detail: 'built from x' } as never)

  it('the first verified attestation wins, whatever else could not be checked', () => {
    expect(judgeProvenance(facts({ checks: [bad, verified], unchecked: ['x'] }))).toEqual({
      verified: true,
      check: verified
    })
  })

  it('anything unchecked makes it undecided: could not check', () => {
    expect(judgeProvenance(facts({ checks: [commit], unchecked: ['a call failed'] }))).toEqual({
      verified: false,
      reason: 'could-not-check',
      detail: 'a call failed; sha256:aa: built from x'
    })
  })

  it('a signed mismatch says more than a bad signature; every detail is kept', () => {
    expect(judgeProvenance(facts({ checks: [bad, commit] }))).toEqual({
      verified: false,
      reason: 'other-commit',
      detail: 'sha256:aa: altered; sha256:aa: built from x'
    })
  })

  it('unsigned provenance alone is unsigned; nothing at all is none found', () => {
    expect(
      judgeProvenance(
        facts({
          unsigned: [{ source: 'sha256:bb', predicateType: 'https://slsa.dev/provenance/v0.2' }]
        })
      )
    ).toEqual({
      verified: false,
      reason: 'unsigned',
      detail: 'only unsigned provenance: sha256:bb (https://slsa.dev/provenance/v0.2)'
    })
    expect(judgeProvenance(facts({}))).toMatchObject({ verified: false, reason: 'none-found' })
  })
})

describe('bundle_url', () => {
  const API = 'https://api.github.com'

  it('is fetched from GitHub storage over https, or from the API origin', () => {
    expect(
      checkBundleUrl('https://tmaproduction.blob.core.windows.net/b/1.json.sn?sig=s', API)
    ).toBeInstanceOf(URL)
    expect(checkBundleUrl('http://127.0.0.1:8080/b/1', 'http://127.0.0.1:8080')).toBeInstanceOf(URL)
  })

  it.each([
    ['http://tmaproduction.blob.core.windows.net/b', /not https/],
    ['https://attacker.example/b', /neither GitHub's attestation storage/],
    ['https://169.254.169.254/latest/meta-data/', /neither GitHub's attestation storage/],
    ['https://x.blob.core.windows.net:8443/b', /neither GitHub's attestation storage/],
    ['https://user:pw@x.blob.core.windows.net/b', /carries credentials/],
    ['file:///etc/passwd', /not https/],
    ['not a url', /not a URL/],
    [42, /not a URL/]
  ])('refuses %j before any request', (raw, message) => {
    const result = checkBundleUrl(raw, API)
    expect(typeof result === 'string' ? result : 'accepted').toMatch(message)
    expect(String(result)).not.toContain('sig=')
  })

  const bundleText = PROVENANCE_CATALOG.images['provenance-good']!.github[0]!.bundle
  const url = new URL('https://x.blob.core.windows.net/b/1.json.sn?sig=secret')

  it('reads a bundle plain or snappy-compressed', async () => {
    for (const bytes of [Buffer.from(bundleText), compressSync(Buffer.from(bundleText))])
      expect(await fetchBundle(url, () => Promise.resolve(bytes))).toEqual({
        json: JSON.parse(bundleText)
      })
  })

  it('refuses what is neither, what would decompress past the cap, and names only the host', async () => {
    const garbage = await fetchBundle(url, () => Promise.resolve(Buffer.from([0xff, 0xff, 0x00])))
    expect(garbage).toEqual({
      problem: expect.stringMatching(/neither JSON nor snappy|is not JSON/)
    })
    // A snappy header claiming 2 MiB: refused before anything is allocated for it.
    const bomb = Buffer.from([0x80, 0x80, 0x80, 0x01, 0x00])
    expect(await fetchBundle(url, () => Promise.resolve(bomb))).toEqual({
      problem: expect.stringMatching(/too big/)
    })
    const failed = await fetchBundle(url, () => Promise.reject(new Error('HTTP 403')))
    expect(failed).toEqual({
      problem: 'its bundle could not be fetched from x.blob.core.windows.net (HTTP 403)'
    })
    expect(
      await fetchBundle(url, () => Promise.resolve(Buffer.alloc(MAX_BUNDLE_BYTES + 1, 0x20)))
    ).toEqual({ problem: expect.stringMatching(/larger than/) })
  })
})

describe('checkAttestation on the fixtures', () => {
  const root = loadTrustedRoot(
    JSON.parse(readFileSync(join(PROVENANCE_FIXTURES_DIR, 'trusted_root.json'), 'utf8'))
  )
  const base = { origin: 'github' as const, source: 'GitHub attestation 1' }
  const conditions = (text: string): ProvenanceConditions => {
    const parsed = parseRequireProvenance(text)
    if (!parsed.ok || !parsed.value) throw new Error(text)
    return parsed.value
  }
  const ALL = conditions(
    `repository=${CONDITIONS.repository}\nworkflow=${CONDITIONS.workflow}\nref=${CONDITIONS.ref}\ncommit=${CONDITIONS.commit}`
  )
  const attested = (name: string, wanted = ALL) => {
    const fixture = PROVENANCE_CATALOG.images[name]!
    const artifact = fixture.referrers[0]
    const bundle = artifact
      ? Buffer.from(artifact.blobs[0]!, 'base64')
      : Buffer.from(fixture.github[0]!.bundle)
    const digest =
      JSON.parse(artifact?.manifest ?? '{}').subject?.digest ?? fixture.github[0]!.digest
    return checkAttestation(base, bundle, [{ digest, of: 'image' }], root, wanted)
  }

  it.each(Object.keys(PROVENANCE_CATALOG.images).filter((name) => !name.includes('unsigned')))(
    '%s',
    (name) => {
      const result = attested(name)
      const expected = PROVENANCE_CATALOG.images[name]!.expect
      // provenance-platform's attestation is about its platform digest: verified as given here.
      const outcome = name === 'provenance-platform' ? expected.platformOutcome : expected.outcome
      expect(
        result === 'not-provenance' ? result : result.verified ? 'verified' : result.reason
      ).toBe(outcome)
    }
  )

  it('compares the repository without regard to case, the workflow file and its ref exactly', () => {
    expect(attested('provenance-good', conditions('repository=Octo-Org/Octo-Repo'))).toMatchObject({
      verified: true
    })
    expect(
      attested(
        'provenance-good',
        conditions('repository=octo-org/octo-repo\nworkflow=.github/workflows/Release.yml')
      )
    ).toMatchObject({ verified: false, reason: 'other-workflow' })
    expect(
      attested(
        'provenance-good',
        conditions(
          'repository=octo-org/octo-repo\nworkflow=.github/workflows/release.yml@refs/tags/v1'
        )
      )
    ).toMatchObject({
      verified: false,
      reason: 'other-workflow',
      detail: 'it was signed by .github/workflows/release.yml@refs/heads/main, not @refs/tags/v1'
    })
  })

  it("a reusable workflow of another repository is not this repository's workflow", () => {
    expect(
      attested('provenance-reusable', conditions('repository=octo-org/octo-repo'))
    ).toMatchObject({
      verified: false,
      reason: 'other-workflow',
      detail: expect.stringContaining('a workflow of octo-org/shared')
    })
  })

  it('a cosign signature bundle is not provenance: neither counted nor failed', () => {
    const signature = SIGNATURE_CATALOG.images['signed-keyless']!.referrers[0]!
    const digest = JSON.parse(signature.manifest).subject.digest as string
    const judged = (claimedProvenance: boolean) =>
      checkAttestation(
        base,
        Buffer.from(signature.blobs[0]!, 'base64'),
        [{ digest, of: 'image' }],
        root,
        ALL,
        { claimedProvenance }
      )
    expect(judged(false)).toBe('not-provenance')
    // Unless the registry said it was provenance: then it is judged, and its signer is not trusted.
    expect(judged(true)).toMatchObject({ verified: false, reason: 'untrusted-certificate' })
  })

  it('what is not a bundle is a bad signature', () => {
    expect(checkAttestation(base, Buffer.from('{"x":1}'), [], root, ALL)).toMatchObject({
      verified: false,
      reason: 'bad-signature',
      detail: expect.stringMatching(/not a Sigstore bundle/)
    })
  })
})
