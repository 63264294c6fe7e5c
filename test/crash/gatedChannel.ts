import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';

/**
 * A stand-in for the Teams connector that can HOLD the bot's requests: while held, a request is received (so the
 * test knows the bot is sending) but never answered — then the test kills the bot mid-send. A held request is
 * not a delivery (Teams would not have posted it without answering); only answered requests count.
 */
export class GatedChannel {
  /** Activities answered with 201: what Teams would have posted. */
  readonly delivered: Array<{ conversationId: string; activity: Partial<Activity> }> = [];
  /** Requests received while held (never answered). */
  readonly held: Array<{ conversationId: string }> = [];
  /** The conversations whose requests are held. */
  private holding = new Set<string>();
  private readonly waiters = new Set<() => void>();
  private nextId = 1;

  private constructor(
    private readonly server: http.Server,
    readonly serviceUrl: string,
  ) {}

  static async start(): Promise<GatedChannel> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const channel = new GatedChannel(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    server.on('request', (req, res) => void channel.handle(req, res));
    return channel;
  }

  /** Holds the requests for these conversations from now on (none: answer everything). */
  hold(conversationIds: string[]): void {
    this.holding = new Set(conversationIds);
  }

  /** Resolves once `predicate` holds, checking after every request (rejects after `timeoutMs`). */
  until(predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!predicate()) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`condition not met within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = new URL(req.url ?? '/', this.serviceUrl).pathname;
    const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(path);
    const conversationId = decodeURIComponent(match?.[1] ?? '');
    if (this.holding.has(conversationId)) {
      this.held.push({ conversationId });
    } else {
      const text = Buffer.concat(chunks).toString('utf8');
      this.delivered.push({ conversationId, activity: (text ? JSON.parse(text) : {}) as Partial<Activity> });
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `sent-${this.nextId++}` }));
    }
    for (const waiter of [...this.waiters]) waiter();
  }
}
