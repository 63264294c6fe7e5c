/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The browser tests (real processes, chromium) run with `npm run test:e2e` (jest.e2e.config.js).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/browser/'],
  reporters: ['default', '<rootDir>/test/support/summaryReporter.js'],
  globalSetup: '<rootDir>/test/support/globalSetup.ts',
  // Type-checking is `npm run typecheck`'s job: tests only transpile, which keeps them fast.
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] },
  // The package's main entry touches the DOM at load time; its UMD build works in Node.
  moduleNameMapper: { '^adaptivecards$': 'adaptivecards/dist/adaptivecards.js' },
};
