// Jest transformer: strips TypeScript with esbuild (the same compiler the build uses), emitting CommonJS.
// Type checking is done separately by `npm run typecheck`, so tests stay fast.
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const result = transformSync(source, {
      loader: filename.endsWith('.ts') ? 'ts' : 'js',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: filename,
    });
    return { code: result.code };
  },
};
