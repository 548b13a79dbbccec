/** Jest projects mirror the test folders: unit (pure modules), local (the local Apps Script runtime),
 *  server (server modules in-process on the runtime), integration (the built dist/Code.js on the
 *  local runtime), playground (the playground server's JSON API and the demo data) and e2e (the playground
 *  in Chromium). */
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
    { ...common, displayName: 'playground', testMatch: ['<rootDir>/test/playground/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
  ],
};
