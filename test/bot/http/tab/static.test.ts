import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import restify from 'restify';
import { registerTabStatic } from '../../../../bot/http/tab/static';

/** The page's files, served from a folder of stand-ins so that the test does not depend on `npm run build:tab`. */
describe('the tab page at /tab/', () => {
  let root: string;
  let dir: string;
  let server: restify.Server;
  let base: string;
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-tab-'));
    dir = path.join(root, 'served');
    fs.mkdirSync(dir);
    // Beside the served folder: must never be reachable.
    fs.writeFileSync(path.join(root, 'secret.html'), 'secret');
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>tab</title>');
    fs.writeFileSync(path.join(dir, 'tab.js'), 'void 0;');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not served');
    server = restify.createServer();
    registerTabStatic(server, dir);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${server.address().port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('/tab redirects to /tab/, which serves index.html framable by Teams only', async () => {
    const redirect = await fetch(`${base}/tab`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/tab/');
    const page = await fetch(`${base}/tab/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toMatch(
      /frame-ancestors 'self' https:\/\/teams\.microsoft\.com /,
    );
    expect(await page.text()).toContain('<title>tab</title>');
    const script = await fetch(`${base}/tab/tab.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  test.each([
    '/tab/..%2Fsecret.html',
    '/tab/%2e%2e%2fsecret.html',
    '/tab/..%5csecret.html',
    '/tab/%E0%A4%A.js',
    '/tab/notes.txt',
    '/tab/missing.js',
  ])('nothing else: %s → 404', async (url) => {
    expect((await fetch(`${base}${url}`)).status).toBe(404);
  });
});
