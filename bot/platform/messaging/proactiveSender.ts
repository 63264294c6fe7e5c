// Sends a bot-initiated message through a stored conversation reference, within Teams' limits.
import type { Activity, CloudAdapter } from 'botbuilder';
import type { Logger } from '../logger';
import type { ConversationReferenceStore, ProactiveTarget } from './conversationReferences';

export type SendResult =
  | { status: 'sent'; activityId: string | undefined }
  | { status: 'no_reference' }
  /** The person has not installed the app (or removed it): Teams refuses a proactive message. */
  | { status: 'forbidden' }
  | { status: 'not_found' }
  | { status: 'failed'; error: string };

export interface ProactiveSenderOptions {
  adapter: CloudAdapter;
  /** '' in local mode. */
  botAppId: string;
  references: ConversationReferenceStore;
  logger: Logger;
  /** How many times a send still throttled (429) after the connector's own retries is tried again. */
  maxThrottleRetries?: number;
  /** A longer Retry-After is not waited for: the send fails and the outbox retries it later. */
  maxRetryAfterMs?: number;
  /** Teams accepts about 7 messages per second per conversation. */
  minIntervalPerConversationMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Teams refuses messages of 100 KB or more. */
export const MAX_ACTIVITY_BYTES = 100 * 1024;

/**
 * Sends a message the bot initiates (nobody wrote to it in this turn) to a person or a channel, through the
 * conversation reference stored when they last wrote. Expected refusals come back as results, never as throws.
 */
export class ProactiveSender {
  private readonly pacer: ConversationPacer;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxThrottleRetries: number;
  private readonly maxRetryAfterMs: number;

  constructor(private readonly options: ProactiveSenderOptions) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.maxThrottleRetries = options.maxThrottleRetries ?? 3;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
    this.pacer = new ConversationPacer(options.minIntervalPerConversationMs ?? 150, this.sleep);
  }

  async send(tenantId: string, target: ProactiveTarget, activity: Partial<Activity>): Promise<SendResult> {
    const bytes = Buffer.byteLength(JSON.stringify(activity), 'utf8');
    if (bytes >= MAX_ACTIVITY_BYTES)
      return { status: 'failed', error: `activity too large (${bytes} bytes)` };
    const reference = await this.options.references.find(tenantId, target);
    if (!reference?.conversation) return { status: 'no_reference' };
    const conversationId = reference.conversation.id;

    for (let attempt = 0; ; attempt += 1) {
      await this.pacer.wait(conversationId);
      try {
        let activityId: string | undefined;
        await this.options.adapter.continueConversationAsync(
          this.options.botAppId,
          reference,
          async (context) => {
            // A message Liaison starts is a new post, not a reply to the continuation's made-up activity id
            // (in a channel, a reply to an unknown id is not a new conversation thread).
            context.onSendActivities(async (_context, activities, next) => {
              for (const outgoing of activities) delete outgoing.replyToId;
              return next();
            });
            activityId = (await context.sendActivity(activity))?.id;
          },
        );
        return { status: 'sent', activityId };
      } catch (error) {
        const status = httpStatusOf(error);
        if (status === 403) return { status: 'forbidden' };
        if (status === 404) return { status: 'not_found' };
        const retryAfterMs = status === 429 ? retryAfterMsOf(error) : undefined;
        if (
          retryAfterMs !== undefined &&
          retryAfterMs <= this.maxRetryAfterMs &&
          attempt < this.maxThrottleRetries
        ) {
          this.options.logger.warn({ tenantId, retryAfterMs, attempt }, 'proactive send throttled, waiting');
          await this.sleep(retryAfterMs);
          continue;
        }
        return { status: 'failed', error: status ? `HTTP ${status}` : (error as Error).message };
      }
    }
  }
}

/** Spaces the sends to one conversation by at least `minIntervalMs`, however many are started at once. */
class ConversationPacer {
  private readonly nextSlot = new Map<string, number>();

  constructor(
    private readonly minIntervalMs: number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  async wait(conversationId: string): Promise<void> {
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot.get(conversationId) ?? 0);
    this.nextSlot.set(conversationId, slot + this.minIntervalMs);
    this.forgetPast(now);
    if (slot > now) await this.sleep(slot - now);
  }

  /** Keeps the map to the conversations written to in the last interval. */
  private forgetPast(now: number): void {
    for (const [conversationId, slot] of this.nextSlot) if (slot < now) this.nextSlot.delete(conversationId);
  }
}

function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Retry-After in seconds (Teams' form) as milliseconds; a missing or odd header counts as one second. */
function retryAfterMsOf(error: unknown): number {
  const headers = (error as { response?: { headers?: { get(name: string): string | undefined } } }).response
    ?.headers;
  const seconds = Number(headers?.get('retry-after'));
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000;
}
