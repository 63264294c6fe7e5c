// Every source file opens with a one-line `//` header saying what it is for (issue #13, docs/architecture.md).
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../bot/platform/paths';

/** The folders whose TypeScript files are source: the layers, the HR tab's page, the scripts and the bench. */
const SOURCE_FOLDERS = ['bot', 'dialogs', 'cards', 'domain', 'language', 'tab/src', 'scripts', 'bench'];
/** Generated or installed code under those folders, never written by hand. */
const NOT_SOURCE = new Set(['node_modules', 'dist', 'results']);

function sourceFiles(folder: string): string[] {
  const absolute = path.join(PROJECT_ROOT, folder);
  if (!fs.existsSync(absolute)) return [];
  return fs.readdirSync(absolute, { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(folder, entry.name);
    if (entry.isDirectory()) return NOT_SOURCE.has(entry.name) ? [] : sourceFiles(relative);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [relative] : [];
  });
}

/**
 * A header is a `//` comment with words on the file's first line — not a tool directive (`// eslint-…`,
 * `// @ts-…`, `#!`), and not only the start of a JSDoc block.
 */
export function hasHeader(text: string): boolean {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const words = /^\/\/ (.*\S.*)$/.exec(firstLine)?.[1];
  if (words === undefined) return false;
  return !/^(eslint|@ts-|prettier-ignore)/.test(words) && /[A-Za-z]{3}/.test(words);
}

describe('source file headers', () => {
  test('the check tells a header from what is not one', () => {
    expect(hasHeader('// The composition root: builds the app once.\nimport x from "y";')).toBe(true);
    expect(hasHeader('// bot/services/cases: the stored cases.\r\n/**\n * More.\n */')).toBe(true);
    expect(hasHeader('import x from "y";\n// A header too late.')).toBe(false);
    expect(hasHeader('/** A JSDoc block is not the one-line header. */\nexport {};')).toBe(false);
    expect(hasHeader('/**\n * Nor is a longer one.\n */')).toBe(false);
    expect(hasHeader('// eslint-disable-next-line no-console\nconsole.log(1);')).toBe(false);
    expect(hasHeader('// @ts-nocheck\nexport {};')).toBe(false);
    expect(hasHeader('//\nexport {};')).toBe(false);
    expect(hasHeader('')).toBe(false);
  });

  test('the source folders hold the files the layers are made of', () => {
    const files = SOURCE_FOLDERS.flatMap(sourceFiles);
    expect(files).toEqual(expect.arrayContaining(['bot/app.ts', 'domain/index.ts', 'dialogs/caseDialog.ts']));
    expect(files.some((file) => file.includes('node_modules') || file.startsWith('bench/results/'))).toBe(
      false,
    );
  });

  test('every source file opens with a one-line // header saying what it is for', () => {
    const missing = SOURCE_FOLDERS.flatMap(sourceFiles).filter(
      (file) => !hasHeader(fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8')),
    );
    expect(missing).toEqual([]);
  });
});
