/**
 * `npm run test:e2e`: the browser tests of test/browser/ (Agents Playground, HR tab) with Debian's chromium.
 * Not part of `npm test`: they start real processes and a browser, and take minutes. Their files end in
 * .e2e.ts (or are test/browser/*.test.ts), one at a time (runInBand), with long timeouts.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/browser'],
  testMatch: ['**/*.e2e.ts', '**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] },
  moduleNameMapper: { '^adaptivecards$': 'adaptivecards/dist/adaptivecards.js' },
  testTimeout: 180_000,
  maxWorkers: 1,
};
