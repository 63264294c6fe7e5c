// Serves the built HR tab page (dist/tab/) with its content security policy.
import fs from 'node:fs';
import path from 'node:path';
import type restify from 'restify';
import { PROJECT_ROOT } from '../../platform/paths';

/** Where `npm run build:tab` writes the page (git-ignored, like the rest of dist/). */
export const TAB_DIST_DIR = path.join(PROJECT_ROOT, 'dist', 'tab');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * The page may only be framed by Teams (and the Microsoft 365 hosts that run Teams apps) and may only load what
 * this server serves.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.teams.cloud.microsoft https://*.cloud.microsoft https://*.office.com https://*.microsoft365.com",
].join('; ');

/** The headers of every page this server serves to a browser (the tab, the privacy and terms pages). */
export function pageHeaders(contentType: string, contentSecurityPolicy = CONTENT_SECURITY_POLICY) {
  return {
    'Content-Type': contentType,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy': contentSecurityPolicy,
  };
}

/** Serves the built tab: GET /tab → /tab/, GET /tab/ → index.html, GET /tab/<file> → that file, nothing else. */
export function registerTabStatic(server: restify.Server, dir = TAB_DIST_DIR): void {
  server.get('/tab', async (_req, res) => {
    res.header('Location', '/tab/');
    res.send(301);
  });
  server.get('/tab/*', async (req, res) => {
    let name: string;
    try {
      name = decodeURIComponent(req.path().slice('/tab/'.length)) || 'index.html';
    } catch {
      name = ''; // not valid percent-encoding: refused below
    }
    const type = CONTENT_TYPES[path.extname(name)];
    // A plain file name of a known type: no folder, no "..", so nothing outside `dir` can be reached.
    if (!/^[\w-]+(\.[\w-]+)*$/.test(name) || !type) {
      res.send(404, { error: 'not_found' });
      return;
    }
    let body: Buffer;
    try {
      body = await fs.promises.readFile(path.join(dir, name));
    } catch {
      res.send(404, {
        error: 'not_found',
        message: name === 'index.html' ? 'The tab is not built: run `npm run build:tab`.' : undefined,
      });
      return;
    }
    res.sendRaw(200, body, pageHeaders(type));
  });
}
