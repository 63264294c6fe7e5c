// The layers of Liaison and the one direction of their imports (docs/architecture.md), checked in `npm run lint`.
// A layer may import itself and the layers listed before it; never one after it, and never in a cycle.
const LAYERS = [
  ['domain', '^domain/'],
  ['platform', '^bot/platform/'],
  ['language', '^language/'],
  ['cards', '^cards/'],
  ['services', '^bot/services/'],
  ['dialogs', '^dialogs/'],
  ['teams', '^bot/teams/'],
  ['http', '^bot/http/'],
  ['app', '^bot/[^/]+\\.ts$'],
];

const upward = LAYERS.slice(0, -1).map(([name, path], index) => ({
  name: `no-upward-import-from-${name}`,
  comment: `${name} may only import ${LAYERS.slice(0, index + 1)
    .map(([layer]) => layer)
    .join(', ')}`,
  severity: 'error',
  from: { path },
  to: { path: LAYERS.slice(index + 1).map(([, layerPath]) => layerPath) },
}));

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    ...upward,
    {
      name: 'source-outside-layers',
      comment: 'every source file belongs to a layer',
      severity: 'error',
      from: { path: '^(bot|dialogs|cards|domain|language)/', pathNot: LAYERS.map(([, path]) => path) },
      to: {},
    },
    {
      name: 'no-test-code-in-source',
      severity: 'error',
      from: { path: '^(bot|dialogs|cards|domain|language)/' },
      to: { path: '^(test|bench|scripts)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
  },
};
