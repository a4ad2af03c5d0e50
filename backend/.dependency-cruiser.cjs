/**
 * The import structure (issue 10): no cycles, and only downward arrows: domain modules may use
 * common/, database/ and config/, never the other way round. `npm run deps:check -w backend`.
 */
const DOMAIN = '^src/(?!common/|database/|config/|bench/|bot/)[^/]+/';
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'An import cycle.', from: {}, to: { circular: true } },
    {
      name: 'foundations-stay-below-domains',
      severity: 'error',
      comment: 'common/, database/ and config/ are below the domain modules: they must not import them.',
      from: { path: '^src/(common|database|config)/' },
      to: { path: DOMAIN },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['es6'],
  },
};
