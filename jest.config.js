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
  // Each test file loads the application anew, so a worker's heap grows to about 600 MB over
  // the run; a worker that large took over the half-second Jest allows to exit at the end,
  // and was killed with a warning. Workers past this size after a file start afresh instead.
  workerIdleMemoryLimit: '400MB',
};
