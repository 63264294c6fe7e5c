// Where the project's files are (root, locales, card templates), from sources or from dist/.
import fs from 'node:fs';
import path from 'node:path';

/**
 * The nearest folder at or above `from` that holds a package.json: the project's root whether the code runs from
 * its sources (bot/platform/), from the bundle `npm run build` writes (dist/liaison.js) or from the bench's
 * (dist/bench/liaison.js) — whatever the depth.
 */
export function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`package.json not found above ${from}`);
  }
}

export const PROJECT_ROOT = findProjectRoot(__dirname);
export const LOCALES_DIR = path.join(PROJECT_ROOT, 'locales');
export const CARDS_DIR = path.join(PROJECT_ROOT, 'cards');
