const { availableParallelism } = require('node:os');

/** @type {import('jest').Config} */
module.exports = {
  // Most suites wait on PostgreSQL, PGlite, a spawned service or Chromium rather than compute,
  // so one worker per core (at least two) keeps the cores busy: measured on this 2-core machine,
  // the whole run took 558 s with two workers against 945 s with jest's default of one.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  testEnvironment: 'node',
  roots: ['<rootDir>/shared', '<rootDir>/bot', '<rootDir>/addin', '<rootDir>/tab', '<rootDir>/manifest', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // jose, and strip-bom inside @microsoft/app-manifest, ship ESM only; let swc turn them
  // into CommonJS for jest's module loader (plain Node 20.19+ requires them natively).
  transformIgnorePatterns: ['/node_modules/(?!(jose|strip-bom)/)(?!@microsoft/app-manifest/node_modules/strip-bom/)'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30000,
};
