// `npm run test:unit`: only __tests__/unit, which imports src/ directly. No dist/, no awscli, no
// build first.
import { base } from './jest.config.js'

export default {
  ...base,
  testMatch: ['<rootDir>/__tests__/unit/**/*.test.ts']
}
