/** @type {import('jest').Config} */
module.exports = {
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
