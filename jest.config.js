// ESM Jest as the official actions run it: ts-jest in ESM mode, `.js` suffixes of relative
// imports mapped back to the `.ts` sources. The unit tests alone: jest.unit.config.js.
export const base = {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.test.json' }]
  },
  testMatch: ['**/__tests__/**/*.test.ts'],
  // End-to-end tests spawn dist/index.js and servers; leave room on a 2-core machine.
  testTimeout: 30000,
  verbose: false
}

export default {
  ...base,
  // The end-to-end tests run dist/index.js: rebuild it first when src/ is newer.
  globalSetup: '<rootDir>/harness/global-setup.mjs'
}
