/** Jest projects mirror the test folders: unit (pure modules), local (the local Apps Script runtime),
 *  server (server modules in-process on the runtime), integration (the built dist/Code.js on the
 *  local runtime) and e2e (the playground in Chromium). */
const common = {
  transform: { '^.+\\.(ts|js)$': '<rootDir>/test/esbuild-jest-transform.cjs' },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testEnvironment: 'node',
};
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...common, displayName: 'local', testMatch: ['<rootDir>/test/local/**/*.test.ts'] },
    { ...common, displayName: 'server', testMatch: ['<rootDir>/test/server/**/*.test.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
  ],
};
