// ESM Jest as the official actions run it: ts-jest in ESM mode, `.js` suffixes of relative
// imports mapped back to the `.ts` sources. The unit tests alone: jest.unit.config.js.
// __tests__/: unit/ (a module each), integration/ (run() in process against the local servers),
// e2e/ (dist/index.js as a process: only what needs one), server/, tooling/, helpers/.
export const base = {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.test.json' }]
  },
  testMatch: ['**/__tests__/**/*.test.ts'],
  // Two workers on the 2-core machine the project is measured on: `npm test` took 56 s with one,
  // 38 s with two and 56 s with three (load average 2 to 5); jest's default is one fewer than the
  // cores. The end-to-end files wait on child processes, the others on their own work.
  maxWorkers: 2,
  // A test that hangs (a server that never answers) fails after this instead of holding the run.
  testTimeout: 30000,
  verbose: false
}

export default {
  ...base,
  // The end-to-end tests run dist/index.js: rebuild it first when it may be older than src/.
  globalSetup: '<rootDir>/harness/global-setup.mjs'
}
