// The bench starts Liaison with the Node flags of `npm start`, read from package.json's start script.
import fs from 'node:fs';
import path from 'node:path';
import { LIAISON_NODE_ARGS, startFlags } from '../../bench/processes';
import { PROJECT_ROOT } from '../../bot/platform/paths';

test('the flags of a start script are read, and any other shape of script is refused', () => {
  expect(startFlags('node dist/server.js')).toEqual([]);
  expect(startFlags('node --max-old-space-size=256 --enable-source-maps dist/server.js')).toEqual([
    '--max-old-space-size=256',
    '--enable-source-maps',
  ]);
  expect(() => startFlags('tsx bot/index.ts')).toThrow('the start script is not');
  expect(() => startFlags('node dist/server.js --port 3')).toThrow('the start script is not');
});

test("the bench runs Liaison with npm start's flags: its old-space cap", () => {
  const { scripts } = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  expect(scripts.start).toBe(`node ${LIAISON_NODE_ARGS.join(' ')} dist/server.js`);
  expect(LIAISON_NODE_ARGS).toContain('--max-old-space-size=256');
});
