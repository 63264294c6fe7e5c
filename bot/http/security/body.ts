// Request bodies read route by route after authentication, within per-route size and depth limits.
import type { IncomingMessage } from 'node:http';

/**
 * Reading a request body ourselves, route by route, AFTER the caller is authenticated (there is no global body
 * parser): the limit counts the bytes really received, so that a chunked body (no Content-Length) cannot pass
 * where the same body with a Content-Length would be refused.
 */

/** Per-route limits. A 2 MB Teams message must still reach the bot, which answers that it is too long. */
export const BODY_LIMITS = {
  messages: 4 * 1024 * 1024,
  absences: 1024 * 1024,
  tab: 64 * 1024,
  devToken: 4 * 1024,
} as const;

/** The deepest JSON nesting accepted: walking deeper structures could exhaust the stack. */
export const MAX_JSON_DEPTH = 64;

export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly code: 'invalid_json' | 'payload_too_large' | 'unsupported_media_type',
    message: string,
  ) {
    super(message);
  }
}

/** The raw body, at most `limit` bytes (413 beyond, whatever Content-Length says or does not say). */
export async function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    throw new BodyError(413, 'payload_too_large', `The body is limited to ${limit} bytes.`);
  }
  const chunks: Buffer[] = [];
  let received = 0;
  return new Promise<Buffer>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) {
        cleanup();
        req.resume(); // let the rest go: the response is written, the connection closes after it
        reject(new BodyError(413, 'payload_too_large', `The body is limited to ${limit} bytes.`));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, received));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new BodyError(400, 'invalid_json', `The body could not be read: ${error.message}`));
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    if (req.readableEnded) {
      resolve(Buffer.alloc(0));
      return;
    }
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/**
 * The JSON body: `application/json` (or no Content-Type), no Content-Encoding, valid UTF-8 JSON nested at most
 * MAX_JSON_DEPTH deep. An empty body is `undefined`.
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  if (type !== '' && !/^application\/([\w.+-]*\+)?json\b/.test(type)) {
    req.resume();
    throw new BodyError(415, 'unsupported_media_type', 'Expected application/json.');
  }
  const encoding = String(req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity' && encoding !== '') {
    req.resume();
    throw new BodyError(415, 'unsupported_media_type', 'Compressed bodies are not accepted.');
  }
  const raw = await readRawBody(req, limit);
  if (raw.length === 0) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new BodyError(400, 'invalid_json', 'The body is not valid UTF-8.');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BodyError(400, 'invalid_json', 'The body is not valid JSON.');
  }
  if (depthOf(parsed, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    throw new BodyError(400, 'invalid_json', `The body is nested more than ${MAX_JSON_DEPTH} levels deep.`);
  }
  return parsed;
}

/** The nesting depth of a parsed JSON value, counted iteratively, stopping once past `stopAfter`. */
export function depthOf(value: unknown, stopAfter: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (node === null || typeof node !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > stopAfter) return deepest;
    for (const child of Object.values(node as object)) stack.push([child, depth + 1]);
  }
  return deepest;
}
