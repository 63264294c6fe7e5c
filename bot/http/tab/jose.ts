// Loads the ESM-only jose library through Node's own require, so jest can run the tab's token checks.
/**
 * jose 6 is published as ES modules only. Node ≥ 20.19 `require`s such packages natively, but jest's CommonJS
 * module runtime cannot, so the tab loads jose through Node's own `require` (taken from the real `module` builtin,
 * which jest does not sandbox). In production this is exactly what `import … from 'jose'` would compile to.
 */
const nodeModule = process.getBuiltinModule('node:module');

export const jose = nodeModule.createRequire(__filename)('jose') as typeof import('jose');
export type { JWTPayload } from 'jose';
