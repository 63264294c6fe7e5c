// The scheduler: polls due jobs, runs each once across instances, and runs daily tasks.
import { parisToday, type IsoDate } from '../../../domain';
import type { Logger } from '../logger';
import { PollingLoop } from '../pollingLoop';
import type { Database, Queryable } from '../storage';
import { JobStore, type ClaimedJob } from './jobStore';
import { parisInstant } from './parisTime';

/**
 * What a job does, decided when it is claimed: null to skip it (no longer relevant), or an effect run in the
 * transaction that marks the job done — e.g. queueing reminders in the outbox. Reads before the effect go
 * through the database as usual; writes belong in the effect (on SQLite, `tx` is the only usable connection
 * while it runs). Throwing makes the job fail and be retried with backoff.
 */
export type JobEffect = (tx: Queryable) => Promise<void>;
export type JobHandler = (job: ClaimedJob) => Promise<JobEffect | null>;

/** A task run once per Paris calendar day across all instances (see Scheduler.daily). */
export type DailyTask = (context: { day: IsoDate; now: Date }) => Promise<void>;

export interface SchedulerOptions {
  db: Database;
  logger: Logger;
  now?: () => Date;
  pollIntervalMs?: number;
  batchSize?: number;
  /** How long a claim protects a job from other instances; a claimer that dies releases it when this runs out. */
  leaseMs?: number;
  /** After this many failed runs a job is given up ('failed'). */
  maxAttempts?: number;
}

const RETRY_BASE_MS = 60_000;
const RETRY_MAX_MS = 6 * 60 * 60_000;
/** Daily tasks belong to no tenant: their rows use this tenant and company id. */
export const DAILY_SCOPE = { tenantId: '*', companyId: '*', subject: 'daily' } as const;
export const DAILY_KIND_PREFIX = 'daily:';

/**
 * Runs due jobs, polling like the OutboxDispatcher: with one instance or ten sharing the database, each job
 * takes effect once. Handlers are registered by kind (`handle`); daily tasks by name (`daily`).
 */
export class Scheduler {
  readonly jobs: JobStore;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly dailyTasks = new Map<string, { hour: number }>();
  private readonly loop: PollingLoop;
  private readonly now: () => Date;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;

  constructor(private readonly options: SchedulerOptions) {
    this.now = options.now ?? (() => new Date());
    this.jobs = new JobStore(options.db, this.now);
    this.pollIntervalMs = options.pollIntervalMs ?? 30_000;
    this.batchSize = options.batchSize ?? 50;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.loop = new PollingLoop(
      () => this.runDue(),
      this.pollIntervalMs,
      (error) => options.logger.error({ err: { message: error.message } }, 'scheduler sweep failed'),
    );
  }

  /** Registers what jobs of `kind` do; one handler per kind. */
  handle(kind: string, handler: JobHandler): this {
    if (this.handlers.has(kind)) throw new Error(`a handler for ${kind} is already registered`);
    this.handlers.set(kind, handler);
    return this;
  }

  /**
   * Runs `task` once per Paris calendar day, from `hour`:00 Paris time (default 4), on whichever instance claims
   * it first. Each sweep makes sure today's row exists (scheduled_jobs, subject 'daily', kind 'daily:<name>');
   * a day on which no instance ran is not caught up. A task that throws is retried with backoff, so it should be
   * idempotent (it may also run again after a crash before it was marked done).
   */
  daily(name: string, task: DailyTask, options: { hour?: number } = {}): this {
    const hour = options.hour ?? 4;
    this.dailyTasks.set(name, { hour });
    return this.handle(`${DAILY_KIND_PREFIX}${name}`, async (job) => {
      await task({ day: job.dueOn, now: this.now() });
      return null;
    });
  }

  start(): void {
    this.loop.start();
  }

  /** Stops polling and waits for the sweep under way, so that storage can be closed after it. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** One sweep: today's daily rows, then the due jobs in batches; resolves with how many jobs were run. */
  async runDue(): Promise<number> {
    const now = this.now();
    const today = parisToday(now);
    for (const [name, { hour }] of this.dailyTasks) {
      await this.jobs.ensure(this.options.db, DAILY_SCOPE, {
        kind: `${DAILY_KIND_PREFIX}${name}`,
        dueOn: today,
        dueAt: parisInstant(today, hour),
        payload: null,
      });
    }
    let ran = 0;
    for (;;) {
      const jobs = await this.jobs.claimDue(now, this.batchSize, this.leaseMs);
      for (const job of jobs) await this.run(job);
      ran += jobs.length;
      if (jobs.length < this.batchSize) return ran;
    }
  }

  private async run(job: ClaimedJob): Promise<void> {
    const { logger } = this.options;
    const fields = { jobId: job.id, kind: job.kind, tenantId: job.tenantId, caseId: job.caseId ?? undefined };
    try {
      const handler = this.handlers.get(job.kind);
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      const effect = await handler(job);
      const completed = await this.jobs.complete(job, effect, effect ? 'done' : 'skipped');
      logger.info(
        { ...fields, outcome: completed ? (effect ? 'done' : 'skipped') : 'lost_claim' },
        'job run',
      );
    } catch (error) {
      const message = (error as Error).message;
      const retryAt = job.attempts < this.maxAttempts ? this.retryTime(job.attempts) : null;
      await this.jobs
        .fail(job, message, retryAt)
        .catch((failError: Error) =>
          logger.error({ ...fields, err: { message: failError.message } }, 'could not record a job failure'),
        );
      logger[retryAt ? 'warn' : 'error']({ ...fields, err: { message } }, 'job failed');
    }
  }

  private retryTime(attempts: number): Date {
    return new Date(this.now().getTime() + Math.min(RETRY_BASE_MS * 2 ** (attempts - 1), RETRY_MAX_MS));
  }
}
