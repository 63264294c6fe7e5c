// Bundles the server with esbuild into dist/: a small entry (server.js) and the whole bot in one file (liaison.js).
/**
 * `npm run build` runs this (after tsc has type-checked the tree): `npm start` then loads two files instead of
 * hundreds of modules — dist/server.js (bot/index.ts: turns Node's compile cache on) and dist/liaison.js (bot/main.ts
 * with every package it imports, but the EXTERNAL ones below and the Recognizers-Text packages, DEFERRED to their
 * first use), each with its source map.
 *
 *   node scripts/build-server.mjs                                   → dist/server.js, dist/liaison.js
 *   node scripts/build-server.mjs --outdir dist/bench bench/echoServer.ts
 *                                   the same into dist/bench/, plus each further entry bundled alike (<name>.js)
 *
 * The entry requires './main' only after the compile cache is on: that require is left to run time and points
 * to liaison.js, so that the bundle itself is compiled with the cache on (a file is compiled before any of its
 * code runs).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Left out of the bundle, required from node_modules at run time: native modules (better-sqlite3, and the optional
 * dtrace-provider and pg-native that restify and pg try), modules that read their own files at run time (pdfkit's
 * fonts) or that only some turns load, lazily (pdfkit and qrcode for letters, nodemailer for email), `open` (ES
 * modules reading `import.meta.url`, which @azure/identity imports for an interactive sign-in only) and node-fetch
 * (its URL parser requires Node's deprecated `punycode`, which warns at every start unless the require comes from
 * node_modules). jose is required through Node's own require (bot/http/tab/jose.ts), which esbuild leaves alone.
 */
const EXTERNAL = [
  'better-sqlite3',
  'dtrace-provider',
  'pg-native',
  'pdfkit',
  'qrcode',
  'nodemailer',
  'open',
  'node-fetch',
];

/**
 * The options every server file is built with: Node 22, CommonJS, identifiers untouched, a source map beside it. The
 * whitespace is left out (12 MB to read and compile at each start instead of 17: about 0.1 s less CPU measured);
 * `node --enable-source-maps dist/server.js` (or NODE_OPTIONS) gives stack traces in the sources' files and lines,
 * at about 0.3 s more per start, which is why `npm start` does not.
 */
const serverOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: true,
  // The map points into the sources and node_modules, which ship with the build: no copy of them inside it.
  sourcesContent: false,
  minifyWhitespace: true,
  external: EXTERNAL,
  logLevel: 'warning',
};

/** bot/index.ts's `require('./main')`, resolved at run time to the bundle beside the entry. */
const mainIsTheBundle = {
  name: 'main-is-the-bundle',
  setup(builder) {
    builder.onResolve({ filter: /^\.\/main$/ }, (args) =>
      args.importer === path.join(root, 'bot', 'index.ts')
        ? { path: './liaison.js', external: true }
        : undefined,
    );
  },
};

/**
 * The Recognizers-Text packages: botbuilder-dialogs requires all of them when it loads (its prompts' culture table
 * requires the whole suite, date and time and units included), which was a third of the bundle (3.7 MB), about
 * 170 ms of start-up CPU and 20 MB of memory. Liaison's prompts use two of them (numbers and yes/no, in its choice
 * and confirm prompts), and only when such a prompt reads an answer. Each is replaced by a stand-in that requires the
 * real package from node_modules on first use (the first choice read pays about 0.1 s once). The only value read
 * when botbuilder-dialogs loads — the suite's culture codes ("fr-fr", "en-us"…) — is served by the small base
 * package, whose codes are the same (test/scripts/buildServer.test.ts checks both).
 */
const DEFERRED = /^@microsoft\/recognizers-text-(suite|date-time|number-with-unit|sequence|number|choice)$/;

function standIn(pkg) {
  const known = pkg.endsWith('-suite')
    ? "{ __esModule: true, Culture: require('@microsoft/recognizers-text').Culture }"
    : '{ __esModule: true }';
  return `const known = ${known};
let real;
const load = () => (real ??= require(${JSON.stringify(pkg)}));
module.exports = new Proxy({}, {
  get: (_, key) => (key in known ? known[key] : load()[key]),
  has: (_, key) => key in known || key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => {
    const descriptor = Object.getOwnPropertyDescriptor(load(), key);
    return descriptor && { ...descriptor, configurable: true };
  },
});`;
}

const deferRecognizers = {
  name: 'defer-recognizers',
  setup(builder) {
    // The stand-in's own require of the package is left to run time (node_modules).
    builder.onResolve({ filter: DEFERRED }, (args) =>
      args.namespace === 'deferred'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'deferred' },
    );
    builder.onLoad({ filter: /.*/, namespace: 'deferred' }, (args) => ({
      contents: standIn(args.path),
      loader: 'js',
      resolveDir: root,
    }));
  },
};

const { values, positionals } = parseArgs({
  options: { outdir: { type: 'string', default: 'dist' } },
  allowPositionals: true,
});
const outdir = path.resolve(root, values.outdir);
fs.mkdirSync(outdir, { recursive: true });

/**
 * Every character outside ASCII, written as its \uXXXX escape (valid in strings, regular expressions, identifiers
 * and comments alike). esbuild escapes them in strings but not in regular-expression literals (a few packages have
 * full-width digits or CJK punctuation there), and one such character makes V8 keep the whole 11 MB source as a
 * two-byte string: 11 MB more memory for as long as the bot runs. The escapes lengthen those few lines, so the
 * source map's columns on them are off by a few characters.
 */
function asciiOnly(file) {
  const text = fs.readFileSync(file, 'utf8');
  const ascii = text.replace(
    /[\u0080-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  if (ascii !== text) fs.writeFileSync(file, ascii);
}

const outputs = [
  path.join(outdir, 'server.js'),
  path.join(outdir, 'liaison.js'),
  ...positionals.map((entry) => path.join(outdir, `${path.basename(entry, path.extname(entry))}.js`)),
];
await Promise.all([
  build({
    ...serverOptions,
    entryPoints: [path.join(root, 'bot', 'index.ts')],
    outfile: outputs[0],
    plugins: [mainIsTheBundle],
  }),
  build({
    ...serverOptions,
    entryPoints: [path.join(root, 'bot', 'main.ts')],
    outfile: outputs[1],
    plugins: [deferRecognizers],
  }),
  ...positionals.map((entry, index) =>
    build({
      ...serverOptions,
      entryPoints: [path.resolve(root, entry)],
      outfile: outputs[2 + index],
    }),
  ),
]);
outputs.forEach(asciiOnly);
