import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity, Attachment } from 'botbuilder';

/** One activity the bot sent to the channel. */
export interface ReceivedActivity {
  conversationId: string;
  /** The id the channel gave it (or the one it updated). */
  activityId: string;
  operation: 'send' | 'reply' | 'update';
  type?: string;
  text?: string;
  attachments?: Attachment[];
  activity: Partial<Activity>;
}

/** How the channel answers requests for one conversation (or, when creating a conversation, one user). */
export type Failure = { status: 403 | 404 } | { status: 429; times: number };

export interface TeamsUser {
  aadObjectId: string;
  tenantId: string;
  locale?: string;
  /** The display name Teams sends in `from.name`; 'Teams user' when absent. */
  name?: string;
  /** The 1:1 conversation's id; derived from the user when absent. */
  conversationId?: string;
}

/**
 * A loopback stand-in for the Bot Framework connector as Teams serves it: the bot's replies and proactive
 * messages land here and are recorded, and the channel can be told to refuse (403, 404) or throttle (429) them.
 * It also posts activities to the bot the way Teams does.
 */
export class LocalChannel {
  readonly received: ReceivedActivity[] = [];
  /** Every connector request with the status answered, failures included. */
  readonly requests: Array<{ method: string; path: string; status: number }> = [];
  private readonly failures = new Map<string, Failure>();
  private readonly waiters = new Set<() => void>();
  private nextId = 1;

  private constructor(
    private readonly server: http.Server,
    readonly serviceUrl: string,
  ) {}

  static async start(): Promise<LocalChannel> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const channel = new LocalChannel(server, `http://127.0.0.1:${port}/`);
    server.on('request', (req, res) => void channel.handle(req, res));
    return channel;
  }

  /** Answers every request for `conversationOrUserId` with the failure (a 429 only `times` times). */
  fail(conversationOrUserId: string, failure: Failure): void {
    this.failures.set(conversationOrUserId, failure);
  }

  /** Resolves with the first received activity that matches, waiting for it up to `timeoutMs`. */
  waitFor(predicate: (activity: ReceivedActivity) => boolean, timeoutMs = 10_000): Promise<ReceivedActivity> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.received.find(predicate);
        if (!found) return false;
        this.waiters.delete(waiter);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const waiter = () => void check();
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`no matching activity within ${timeoutMs} ms; received: ${this.describe()}`));
      }, timeoutMs);
      if (!check()) this.waiters.add(waiter);
    });
  }

  /** A 1:1 message from `user` as Teams posts it to the bot, with this channel as serviceUrl. */
  messageFrom(user: TeamsUser, text: string): Activity {
    return {
      type: 'message',
      id: `incoming-${this.nextId++}`,
      timestamp: new Date(),
      text,
      locale: user.locale ?? 'en-US',
      channelId: 'msteams',
      serviceUrl: this.serviceUrl,
      from: { id: `29:${user.aadObjectId}`, name: user.name ?? 'Teams user', aadObjectId: user.aadObjectId },
      recipient: { id: '28:liaison', name: 'Liaison' },
      conversation: {
        id: user.conversationId ?? personalConversationId(user.aadObjectId),
        conversationType: 'personal',
        tenantId: user.tenantId,
        isGroup: false,
        name: '',
      },
      channelData: { tenant: { id: user.tenantId } },
    } as Activity;
  }

  /**
   * A message from `user` in a team channel, the bot @mentioned as Teams requires there: the conversation is the
   * channel's thread (`<channelId>;messageid=…`) and channelData names the channel.
   */
  channelMessageFrom(user: TeamsUser, channelId: string, text: string): Activity {
    const message = this.messageFrom(user, `<at>Liaison</at> ${text}`);
    return {
      ...message,
      conversation: {
        ...message.conversation,
        id: `${channelId};messageid=${message.id ?? ''}`,
        conversationType: 'channel',
        isGroup: true,
      },
      entities: [
        { type: 'mention', text: '<at>Liaison</at>', mentioned: { id: '28:liaison', name: 'Liaison' } },
      ],
      channelData: { tenant: { id: user.tenantId }, channel: { id: channelId } },
    } as Activity;
  }

  /** An invoke from `user` in their 1:1 chat, e.g. `adaptiveCard/action` when they click an Action.Execute. */
  invokeFrom(user: TeamsUser, name: string, value: unknown): Activity {
    const { text: _text, ...message } = this.messageFrom(user, '');
    return { ...message, type: 'invoke', name, value } as Activity;
  }

  /** Posts a message to the bot's /api/messages as Teams does (no expectReplies: replies come here). */
  postMessage(botBaseUrl: string, user: TeamsUser, text: string): Promise<Response> {
    return this.post(botBaseUrl, this.messageFrom(user, text));
  }

  /** Posts any activity to the bot's /api/messages; an invoke's answer is the HTTP response's body. */
  post(botBaseUrl: string, activity: Partial<Activity>): Promise<Response> {
    return fetch(`${botBaseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readJson(req);
    const path = new URL(req.url ?? '/', this.serviceUrl).pathname;
    const answer = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      this.requests.push({ method: req.method ?? '', path, status });
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(json));
    };

    if (req.method === 'POST' && path === '/v3/conversations') {
      const userId = (body as { members?: Array<{ id: string }> }).members?.[0]?.id ?? '';
      if (this.failed(userId, answer)) return;
      answer(201, { id: personalConversationId(userId), activityId: undefined });
      return;
    }
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    if (!match || (req.method !== 'POST' && req.method !== 'PUT') || (req.method === 'PUT' && !match[2])) {
      answer(404, { error: { code: 'NotFound', message: `${req.method} ${path}` } });
      return;
    }
    const conversationId = decodeURIComponent(match[1] ?? '');
    if (this.failed(conversationId, answer)) return;
    const activity = body as Partial<Activity>;
    const operation = req.method === 'PUT' ? 'update' : match[2] ? 'reply' : 'send';
    const activityId = operation === 'update' ? decodeURIComponent(match[2] ?? '') : `sent-${this.nextId++}`;
    this.received.push({
      conversationId,
      activityId,
      operation,
      type: activity.type,
      text: activity.text,
      attachments: activity.attachments,
      activity,
    });
    answer(operation === 'update' ? 200 : 201, { id: activityId });
    for (const waiter of [...this.waiters]) waiter();
  }

  /** Answers with the failure configured for `key`, if any; true when it did. */
  private failed(
    key: string,
    answer: (status: number, json: unknown, headers?: Record<string, string>) => void,
  ) {
    const failure = this.failures.get(key);
    if (!failure) return false;
    if (failure.status === 429) {
      if (failure.times <= 1) this.failures.delete(key);
      else this.failures.set(key, { status: 429, times: failure.times - 1 });
      answer(429, { error: { code: 'Throttled', message: 'Too many requests' } }, { 'retry-after': '1' });
      return true;
    }
    const code = failure.status === 403 ? 'BotNotInConversationRoster' : 'ConversationNotFound';
    answer(failure.status, { error: { code, message: code } });
    return true;
  }

  private describe(): string {
    return JSON.stringify(
      this.received.map(({ conversationId, type, text }) => ({ conversationId, type, text })),
    );
  }
}

export function personalConversationId(userId: string): string {
  return `a:personal-${userId}`;
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : (JSON.parse(text) as unknown);
}
