// One jest run covers unit specs (src, connectors), connector suites against local
// platform servers, end-to-end suites and browser tests (test/).
module.exports = {
  rootDir: '.',
  roots: ['<rootDir>/src', '<rootDir>/connectors', '<rootDir>/test'],
  testRegex: '\\.(e2e-)?spec\\.ts$',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testEnvironment: 'node',
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  maxWorkers: 2,
};
