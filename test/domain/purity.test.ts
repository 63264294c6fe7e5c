// domain/ is the pure legal engine: no I/O, no clock, no randomness, no Bot Framework.
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

const domainDirectory = join(__dirname, '../../domain');
const sources = readdirSync(domainDirectory, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts'))
  .map((file) => [file, readFileSync(join(domainDirectory, file), 'utf8')] as const);

const forbidden: [string, RegExp][] = [
  [
    'a Node.js or Bot Framework module',
    /from '(fs|path|os|http|https|child_process|node:[^']+|botbuilder[^']*)'/,
  ],
  ['a require()', /\brequire\(/],
  ['the clock', /Date\.now\(|new Date\(\s*\)|performance\.now\(/],
  ['the environment', /\bprocess\./],
  ['randomness', /Math\.random\(/],
];

test('domain/ has sources', () => {
  expect(sources.length).toBeGreaterThan(0);
});

describe.each(sources)('%s', (_file, source) => {
  test.each(forbidden)('uses no %s', (_what, pattern) => {
    expect(source).not.toMatch(pattern);
  });
});
