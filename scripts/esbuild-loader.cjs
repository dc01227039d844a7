/**
 * webpack's loader for the pane's TypeScript: esbuild strips the types, file by file (the sources
 * are isolatedModules, so nothing needs the whole program; `npm run typecheck` does the checking).
 * It replaced ts-loader's transpileOnly, which took a quarter of the production build's time.
 */
const { transform } = require('esbuild');

module.exports = function esbuildLoader(source) {
  const done = this.async();
  transform(source, {
    loader: this.resourcePath.endsWith('.tsx') ? 'tsx' : 'ts',
    // What tsconfig.web.json says: ES2022, the automatic JSX runtime, ES modules for webpack to bundle.
    target: 'es2022',
    jsx: 'automatic',
    format: 'esm',
    sourcemap: this.sourceMap ? 'external' : false,
    sourcefile: this.resourcePath,
  }).then(
    (out) => done(null, out.code, out.map || undefined),
    (error) => done(error),
  );
};
