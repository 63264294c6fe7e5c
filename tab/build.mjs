// Builds the HR tab into dist/tab/ (git-ignored): the TypeScript entry bundled by esbuild with @microsoft/teams-js
// and the French and English strings, plus the static page and its stylesheet. Run by `npm run build:tab`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, '..', 'dist', 'tab');

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
await build({
  entryPoints: [path.join(here, 'src', 'main.ts')],
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'iife',
  target: ['es2020', 'chrome100', 'edge100', 'safari15'],
  outfile: path.join(out, 'tab.js'),
  logLevel: 'warning',
});
for (const file of ['index.html', 'styles.css']) fs.copyFileSync(path.join(here, file), path.join(out, file));
