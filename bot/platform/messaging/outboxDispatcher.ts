// Drains the outbox: renders each message and hands it to the proactive sender (or another channel).
import type { Activity } from 'botbuilder';
import type { ClaimedMessage, Outbox } from './outbox';
import type { Logger } from '../logger';
import { PollingLoop } from '../pollingLoop';
import type { ProactiveTarget } from './conversationReferences';
import type { ProactiveSender, SendResult } from './proactiveSender';

/** What one outbox message becomes on the wire. */
export interface RenderedMessage {
  tenantId: string;
  target: ProactiveTarget;
  activity: Partial<Activity>;
}

/** A message its renderer delivered itself, outside Teams (e.g. by email): the dispatcher only records the result. */
export interface DeliveredElsewhere {
  deliveredElsewhere: SendResult;
}

/** Reads what a message needs at send time (e.g. the stored case); throws when it cannot be rendered. */
export type Renderer = (message: ClaimedMessage) => Promise<RenderedMessage | DeliveredElsewhere>;

/** The kind of an outbox message that already holds its target and activity (`{ target, activity }`). */
export const PLAIN_MESSAGE_KIND = 'message';

/** The payload of a PLAIN_MESSAGE_KIND message. */
export interface PlainMessagePayload {
  target: ProactiveTarget;
  activity: Partial<Activity>;
}

export const renderPlainMessage: Renderer = (message) => {
  const { target, activity } = message.payload as PlainMessagePayload;
  // The tenant is the message's, never the payload's: a message cannot leave its tenant.
  return Promise.resolve({ tenantId: message.tenantId, target, activity });
};

/** A message that will never be delivered, because the recipient cannot be reached or it kept failing. */
export type UndeliverableResult = Exclude<SendResult, { status: 'sent' }>;

export interface OutboxDispatcherOptions {
  outbox: Outbox;
  sender: Pick<ProactiveSender, 'send'>;
  renderers: ReadonlyMap<string, Renderer>;
  logger: Logger;
  /** Told about each message given up on, so that the manager and HR can use the fallback (email, letter). */
  onUndeliverable: (message: ClaimedMessage, result: UndeliverableResult) => Promise<void> | void;
  pollIntervalMs?: number;
  batchSize?: number;
  /** After this many failed attempts a message is given up on. */
  maxAttempts?: number;
  now?: () => Date;
}

const RETRY_BASE_MS = 30_000;
const RETRY_MAX_MS = 60 * 60_000;

/** Delivers due outbox messages through the ProactiveSender, polling; one batch at a time. */
export class OutboxDispatcher {
  private readonly loop: PollingLoop;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly maxAttempts: number;
  private readonly now: () => Date;

  constructor(private readonly options: OutboxDispatcherOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.batchSize = options.batchSize ?? 20;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.now = options.now ?? (() => new Date());
    this.loop = new PollingLoop(
      () => this.dispatchDue(),
      this.pollIntervalMs,
      (error) => options.logger.error({ err: { message: error.message } }, 'outbox dispatch failed'),
    );
  }

  start(): void {
    this.loop.start();
  }

  /** Stops polling and waits for the batch under way, so that storage can be closed after it. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Claims and delivers one batch of due messages; resolves with how many were claimed. */
  async dispatchDue(): Promise<number> {
    const messages = await this.options.outbox.claimDue(this.now(), this.batchSize);
    for (const message of messages) {
      // An unexpected error (storage) leaves the message claimed: it is claimed again when its lease runs out.
      await this.deliver(message).catch((error: Error) =>
        this.options.logger.error(
          { outboxId: message.id, err: { message: error.message } },
          'outbox delivery failed',
        ),
      );
    }
    return messages.length;
  }

  private async deliver(message: ClaimedMessage): Promise<void> {
    const { outbox, logger } = this.options;
    let rendered: RenderedMessage | DeliveredElsewhere;
    try {
      rendered = await this.render(message);
    } catch (error) {
      return this.giveUp(message, { status: 'failed', error: `cannot render: ${(error as Error).message}` });
    }
    const result =
      'deliveredElsewhere' in rendered
        ? rendered.deliveredElsewhere
        : await this.options.sender.send(rendered.tenantId, rendered.target, rendered.activity);
    if (result.status === 'sent') {
      await outbox.markSent(message.id);
      logger.info(logFields(message, result), 'outbox message sent');
    } else if (result.status === 'failed' && message.attempts < this.maxAttempts) {
      await outbox.markFailed(message.id, result.error, this.retryTime(message.attempts));
      logger.warn(logFields(message, result), 'outbox message failed, will retry');
    } else {
      await this.giveUp(message, result);
    }
  }

  private async render(message: ClaimedMessage): Promise<RenderedMessage | DeliveredElsewhere> {
    const renderer = this.options.renderers.get(message.kind);
    if (!renderer) throw new Error(`no renderer for kind ${message.kind}`);
    return renderer(message);
  }

  private async giveUp(message: ClaimedMessage, result: UndeliverableResult): Promise<void> {
    await this.options.outbox.markFailed(
      message.id,
      result.status === 'failed' ? result.error : result.status,
      null,
    );
    this.options.logger.error(logFields(message, result), 'outbox message undeliverable');
    await this.options.onUndeliverable(message, result);
  }

  /** Exponential backoff from the number of attempts so far. */
  private retryTime(attempts: number): Date {
    const delayMs = Math.min(RETRY_BASE_MS * 2 ** (attempts - 1), RETRY_MAX_MS);
    return new Date(this.now().getTime() + delayMs);
  }
}

/** Ids and outcome only: the activity may hold what a person wrote. */
function logFields(message: ClaimedMessage, result: SendResult) {
  return { outboxId: message.id, kind: message.kind, tenantId: message.tenantId, status: result.status };
}
