// Test folders mirror the source tree: test/bot/<path> tests bot/<path>; other suites are named cross-cutting ones.
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../bot/platform/paths';

/** Suites that test the whole bot rather than one folder, and the helpers and data they share (issue #13). */
const CROSS_CUTTING = ['e2e', 'security', 'crash', 'browser', 'deployment', 'support', 'fixtures', 'bench'];
/** The top-level source folders a test folder may mirror, and this suite's own folder. */
const MIRRORED = ['bot', 'dialogs', 'cards', 'domain', 'language', 'tab', 'scripts', 'architecture'];
/** Inside a mirrored folder, a folder of shared data or helpers need not mirror anything. */
const DATA_FOLDERS = new Set(['fixtures', 'support']);

/** Folders under `folder` (relative to the project) that hold at least one file; empty leftovers do not count. */
function foldersWithFiles(folder: string): string[] {
  const absolute = path.join(PROJECT_ROOT, folder);
  if (!fs.existsSync(absolute)) return [];
  const found: string[] = [];
  let hasFile = false;
  for (const entry of fs.readdirSync(absolute, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    if (entry.isDirectory()) {
      const below = foldersWithFiles(path.posix.join(folder, entry.name));
      if (below.length > 0) hasFile = true;
      found.push(...below);
    } else hasFile = true;
  }
  return hasFile ? [folder, ...found] : found;
}

/** The test folders that have no source folder of the same path (`test/x/y` mirrors `x/y`). */
export function unmirrored(testFolders: string[], sourceFolders: Set<string>): string[] {
  return testFolders.filter((folder) => {
    const parts = folder.split('/').slice(1);
    const [top] = parts;
    if (top === undefined) return false;
    if (parts.length === 1) return !CROSS_CUTTING.includes(top) && !MIRRORED.includes(top);
    if (CROSS_CUTTING.includes(top) || top === 'architecture') return false;
    if (parts.some((part) => DATA_FOLDERS.has(part))) return false;
    return !sourceFolders.has(parts.join('/'));
  });
}

describe('test folders mirror the source tree', () => {
  const testFolders = foldersWithFiles('test');
  const sourceFolders = new Set(MIRRORED.flatMap((top) => foldersWithFiles(top)));

  test('the check finds a test folder without its source folder', () => {
    const source = new Set(['bot', 'bot/services', 'bot/services/cases', 'dialogs']);
    expect(unmirrored(['test', 'test/bot', 'test/bot/services/cases', 'test/dialogs'], source)).toEqual([]);
    expect(unmirrored(['test/bot/cases', 'test/bot/services/caseFlow'], source)).toEqual([
      'test/bot/cases',
      'test/bot/services/caseFlow',
    ]);
    expect(unmirrored(['test/storage', 'test/e2e', 'test/crash/helpers'], source)).toEqual(['test/storage']);
    expect(unmirrored(['test/language/fixtures', 'test/dialogs/fixtures'], source)).toEqual([]);
  });

  test('test/bot has folders to check, each found in bot/', () => {
    expect(testFolders).toEqual(expect.arrayContaining(['test/bot/services', 'test/bot/platform']));
  });

  test('every folder under test/bot mirrors a folder of bot/, and every other test folder is a known suite', () => {
    expect(unmirrored(testFolders, sourceFolders)).toEqual([]);
  });
});
