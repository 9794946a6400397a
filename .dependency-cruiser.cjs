/* global module */
/**
 * Import rules of the monorepo (dependency-cruiser; `npm run lint:deps`, part of `npm run lint`).
 * Data flows one way: contracts ← libs ← services; kernels stand apart.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A module must not import, directly or through others, a module that imports it back.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'services-not-to-services',
      severity: 'error',
      comment: 'Services talk through topics and the database, never through imports.',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/([^/]+)/', pathNot: '^services/$1/' },
    },
    {
      name: 'libs-not-to-services',
      severity: 'error',
      comment: 'Libraries sit below services.',
      from: { path: '^libs/' },
      to: { path: '^services/' },
    },
    {
      name: 'kernels-not-to-libs',
      severity: 'error',
      comment: 'Native kernels import nothing from libs (contracts included).',
      from: { path: '^kernels/' },
      to: { path: '^libs/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules|reports|coverage|\\.turbo)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['@vigil/source', 'import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json'],
    },
    // Workspace packages (node_modules/@vigil/* → libs/*, services/*) resolve to their real paths.
    preserveSymlinks: false,
  },
};
