// The project's root is found by walking up to package.json, at any depth (sources, dist/, dist/bench/).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CARDS_DIR, findProjectRoot, LOCALES_DIR, PROJECT_ROOT } from '../../../bot/platform/paths';

describe('project paths', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-paths-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('the root is the nearest folder above with a package.json, however deep the code is', () => {
    fs.writeFileSync(path.join(dir, 'package.json'), '{}');
    for (const depth of ['bot/platform', 'dist', 'dist/bench']) {
      const from = path.join(dir, depth);
      fs.mkdirSync(from, { recursive: true });
      expect(findProjectRoot(from)).toBe(dir);
    }
    expect(findProjectRoot(dir)).toBe(dir);
  });

  test('a folder with no package.json above it is an error, not the file system root', () => {
    const from = path.join(dir, 'dist');
    fs.mkdirSync(from);
    // os.tmpdir() has no package.json above it on the machines the tests run on.
    expect(() => findProjectRoot(from)).toThrow(`package.json not found above ${from}`);
  });

  test("the project's root holds the package, the locales and the card templates", () => {
    expect(JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')).name).toBe('liaison');
    expect(fs.existsSync(path.join(LOCALES_DIR, 'fr', 'common.json'))).toBe(true);
    expect(fs.readdirSync(CARDS_DIR).some((file) => file.endsWith('.json'))).toBe(true);
  });
});
