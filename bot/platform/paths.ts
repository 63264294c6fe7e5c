// Where the project's files are (root, locales, card templates), from sources or from dist/.
import fs from 'node:fs';
import path from 'node:path';

/** The folder that holds package.json, whether the code runs from its sources or from dist/. */
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`package.json not found above ${from}`);
  }
}

export const PROJECT_ROOT = findProjectRoot(__dirname);
export const LOCALES_DIR = path.join(PROJECT_ROOT, 'locales');
export const CARDS_DIR = path.join(PROJECT_ROOT, 'cards');
