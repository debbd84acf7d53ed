// The layout's rules, checked by `npm run lint` (depcruise): the pipeline runs one way,
// inputs → ecr → insight → reports, and nothing imports back up it. Type-only imports count.
const STAGES = ['inputs', 'ecr', 'insight', 'reports']
const later = (stage) => STAGES.slice(STAGES.indexOf(stage) + 1)

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles, type-only imports included.',
      from: {},
      to: { circular: true }
    },
    {
      name: 'main-only-from-index',
      severity: 'error',
      comment: 'main.ts is the pipeline: only the entry point runs it.',
      from: { path: '^src/', pathNot: '^src/index\\.ts$' },
      to: { path: '^src/main\\.ts$' }
    },
    ...STAGES.slice(0, -1).map((stage) => ({
      name: `${stage}-not-later-stages`,
      severity: 'error',
      comment: `src/${stage}/ runs before ${later(stage).join(', ')}: it never imports them.`,
      from: { path: `^src/${stage}/` },
      to: { path: `^src/(${later(stage).join('|')})/` }
    })),
    {
      name: 'stages-not-runtime',
      severity: 'error',
      comment: 'Only reports (which write through ActionCore) and main see the runtime.',
      from: { path: '^src/(inputs|ecr|insight|net|files)/' },
      to: { path: '^src/(runtime|main)\\.ts$' }
    },
    {
      name: 'net-is-plumbing',
      severity: 'error',
      comment: 'src/net/ (proxies, the GitHub client) knows no stage.',
      from: { path: '^src/net/' },
      to: { path: '^src/(inputs|ecr|insight|reports)/' }
    },
    {
      name: 'files-is-plumbing',
      severity: 'error',
      comment:
        'src/files/ (reading and rewriting workspace files) knows no stage, nor the network.',
      from: { path: '^src/files/' },
      to: { path: '^src/(inputs|ecr|insight|reports|net)/' }
    },
    {
      name: 'shared-is-shared',
      severity: 'error',
      comment: 'The top-level shared modules (types, clock, json, errors, …) know no stage.',
      from: { path: '^src/[^/]+\\.ts$', pathNot: '^src/(index|main|runtime)\\.ts$' },
      to: { path: '^src/(inputs|ecr|insight|reports|net|files)/' }
    }
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' }
  }
}
