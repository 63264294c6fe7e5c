// Local mode's trust in loopback, refused for forwarded requests and foreign Host headers.
import type { IncomingMessage } from 'node:http';

/**
 * Local mode (no MicrosoftAppId) trusts loopback: the Agents Playground on the developer's machine posts
 * unauthenticated activities, and the HR tab's development tokens are minted for loopback callers. A reverse proxy
 * on the same host would make every outside client look like loopback, and a web page could reach the port
 * through DNS rebinding. So in local mode a request is local only when:
 *  - it comes from a loopback address;
 *  - it carries none of the headers a proxy adds (Forwarded, X-Forwarded-*, X-Real-IP, …);
 *  - its Host is a loopback name (localhost, 127.x.x.x, [::1]) — what a browser tricked by DNS rebinding cannot send.
 */
export const FORWARDING_HEADERS = [
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-real-ip',
  'x-client-ip',
  'true-client-ip',
  'cf-connecting-ip',
  'x-original-forwarded-for',
  'via',
] as const;

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = /^\[([^\]]+)\](?::\d+)?$/.exec(host)?.[1] ?? host.replace(/:\d+$/, '');
  return name === 'localhost' || name === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

export type LocalRefusal = 'forwarded' | 'not_loopback' | 'host';

/** Why a request may not use local mode's trust in loopback; undefined when it may. */
export function localModeRefusal(req: IncomingMessage): LocalRefusal | undefined {
  if (FORWARDING_HEADERS.some((name) => req.headers[name] !== undefined)) return 'forwarded';
  if (!isLoopback(req.socket.remoteAddress)) return 'not_loopback';
  if (!isLoopbackHost(req.headers.host)) return 'host';
  return undefined;
}
