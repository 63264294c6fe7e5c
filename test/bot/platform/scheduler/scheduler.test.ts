import { Outbox } from '../../../../bot/services/cases';
import { JobStore, Scheduler, type JobScope } from '../../../../bot/services/reminders';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../../bot/platform/paths';
import { openDatabase, type Database } from '../../../../bot/platform/storage';
import { silentLogger } from '../../../support/bot';
import { storageKinds, type TestDatabase } from '../../../support/databases';

const T0 = new Date('2026-11-05T09:00:00.000Z'); // 10:00 in Paris, 2026-11-05
const LEASE_MS = 60_000;
const later = (ms: number) => new Date(T0.getTime() + ms);
const scope = (subject: string): JobScope => ({ tenantId: 'tenant-a', companyId: 'company-1', subject });
const spec = (kind: string, dueOn: string, dueAt = T0, payload: unknown = { kind }) => ({
  kind,
  dueOn,
  dueAt,
  payload,
});

/** A second connection to the same data, as a second bot instance would open. */
async function secondInstance(handle: TestDatabase): Promise<Database> {
  return handle.url.startsWith('sqlite:')
    ? openDatabase({ kind: 'sqlite', path: handle.url.slice('sqlite:'.length) })
    : openDatabase({ kind: 'postgres', url: handle.url });
}

/** One sweep of test/bot/platform/scheduler/worker.ts in a child process: another instance sharing the SQLite file. */
function sweepInChildProcess(dbPath: string, now: Date, name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, 'worker.ts'), dbPath, now.toISOString(), name],
      { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) =>
      code === 0
        ? resolve((JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as { ran: number }).ran)
        : reject(new Error(`worker ${name} exited with ${code}: ${output}`)),
    );
  });
}

/** Runs the sweeps one after the other on SQLite (two connections in one process would block each other). */
async function together(kind: string, sweeps: Array<() => Promise<number>>): Promise<number[]> {
  if (kind === 'postgres') return Promise.all(sweeps.map((sweep) => sweep()));
  const ran: number[] = [];
  for (const sweep of sweeps) ran.push(await sweep());
  return ran;
}

describe.each(storageKinds())('scheduler on $kind', ({ kind, open }) => {
  let handle: TestDatabase;
  let db: Database;
  let jobs: JobStore;
  let clock: Date;

  beforeEach(async () => {
    handle = await open();
    db = handle.db;
    clock = T0;
    jobs = new JobStore(db, () => clock);
  });
  afterEach(() => handle.dispose());

  const statuses = async (subject: string) =>
    (await jobs.list('tenant-a', subject)).map((job) => `${job.kind}@${job.dueOn}:${job.status}`);

  describe('recomputation', () => {
    test('replacePending adds the wanted jobs once, however often it is called', async () => {
      const wanted = [spec('a', '2026-11-10'), spec('b', '2026-11-12')];
      await db.transaction((tx) => jobs.replacePending(tx, scope('case:1'), wanted));
      await db.transaction((tx) => jobs.replacePending(tx, scope('case:1'), wanted));
      expect(await statuses('case:1')).toEqual(['a@2026-11-10:pending', 'b@2026-11-12:pending']);
    });

    test('a job no longer wanted is cancelled, a new day added, and a cancelled one revived when wanted again', async () => {
      await db.transaction((tx) => jobs.replacePending(tx, scope('case:1'), [spec('a', '2026-11-10')]));
      await db.transaction((tx) => jobs.replacePending(tx, scope('case:1'), [spec('a', '2026-11-17')]));
      expect(await statuses('case:1')).toEqual(['a@2026-11-10:cancelled', 'a@2026-11-17:pending']);
      await db.transaction((tx) => jobs.replacePending(tx, scope('case:1'), [spec('a', '2026-11-10')]));
      expect(await statuses('case:1')).toEqual(['a@2026-11-10:pending', 'a@2026-11-17:cancelled']);
      await db.transaction((tx) => jobs.replacePending(tx, scope('case:1'), []));
      expect(await statuses('case:1')).toEqual(['a@2026-11-10:cancelled', 'a@2026-11-17:cancelled']);
    });

    test('a job already done is never redone by a recomputation', async () => {
      await db.transaction((tx) => jobs.replacePending(tx, scope('case:1'), [spec('a', '2026-11-05')]));
      const [claimed] = await jobs.claimDue(T0, 10, LEASE_MS);
      expect(await jobs.complete(claimed!, null)).toBe(true);
      await db.transaction((tx) => jobs.replacePending(tx, scope('case:1'), [spec('a', '2026-11-05')]));
      expect(await statuses('case:1')).toEqual(['a@2026-11-05:done']);
      expect(await jobs.claimDue(later(LEASE_MS * 10), 10, LEASE_MS)).toEqual([]);
    });

    test('jobs recomputed in a transaction that rolls back do not exist', async () => {
      await expect(
        db.transaction(async (tx) => {
          await jobs.replacePending(tx, scope('case:1'), [spec('a', '2026-11-05')]);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await statuses('case:1')).toEqual([]);
    });
  });

  describe('claims', () => {
    test('a job is due from its instant, not before', async () => {
      await db.transaction((tx) =>
        jobs.replacePending(tx, scope('case:1'), [spec('a', '2026-11-06', later(1000))]),
      );
      expect(await jobs.claimDue(later(999), 10, LEASE_MS)).toEqual([]);
      expect(await jobs.claimDue(later(1000), 10, LEASE_MS)).toHaveLength(1);
    });

    test('a claimer whose lease ran out cannot complete the job once another claimer took it over', async () => {
      await db.transaction((tx) => jobs.replacePending(tx, scope('case:1'), [spec('a', '2026-11-05')]));
      const outbox = new Outbox(db, () => clock);
      const enqueue = (tag: string) => (tx: Parameters<Outbox['enqueue']>[0]) =>
        outbox.enqueue(tx, { tenantId: 'tenant-a', kind: 'test', payload: { tag } }).then(() => undefined);
      const [first] = await jobs.claimDue(T0, 10, LEASE_MS);
      expect(await jobs.claimDue(later(LEASE_MS - 1), 10, LEASE_MS)).toEqual([]);
      const [second] = await jobs.claimDue(later(LEASE_MS), 10, LEASE_MS);
      expect(second).toMatchObject({ id: first!.id, attempts: 2 });
      expect(await jobs.complete(second!, enqueue('second'))).toBe(true);
      expect(await jobs.complete(first!, enqueue('first'))).toBe(false);
      const sent = await db.query<{ payload: string }>('SELECT payload FROM outbox');
      expect(sent.map((row) => JSON.parse(row.payload))).toEqual([{ tag: 'second' }]);
    });

    test('a job cancelled while it is claimed does not take effect', async () => {
      await db.transaction((tx) => jobs.replacePending(tx, scope('case:1'), [spec('a', '2026-11-05')]));
      const [claimed] = await jobs.claimDue(T0, 10, LEASE_MS);
      await db.transaction((tx) => jobs.replacePending(tx, scope('case:1'), []));
      const effect = jest.fn(async () => undefined);
      expect(await jobs.complete(claimed!, effect)).toBe(false);
      expect(effect).not.toHaveBeenCalled();
    });
  });

  describe('the scheduler', () => {
    const scheduler = (
      database: Database,
      options: Partial<ConstructorParameters<typeof Scheduler>[0]> = {},
    ) =>
      new Scheduler({
        db: database,
        logger: silentLogger,
        now: () => clock,
        leaseMs: LEASE_MS,
        batchSize: 7,
        ...options,
      });

    const seedDueJobs = (count: number) =>
      db.transaction(async (tx) => {
        for (let i = 0; i < count; i++) {
          await jobs.replacePending(tx, scope(`case:${i}`), [spec('test.remind', '2026-11-05')]);
        }
      });
    const outboxJobIds = async () =>
      (await db.query<{ payload: string }>('SELECT payload FROM outbox')).map(
        (row) => (JSON.parse(row.payload) as { job: string }).job,
      );

    if (kind === 'postgres') {
      test('two instances sharing the database, sweeping at once, run each due job exactly once', async () => {
        const other = await secondInstance(handle);
        try {
          const outbox = new Outbox(db, () => clock);
          const ran: string[] = [];
          const register = (instance: Scheduler, name: string) =>
            instance.handle('test.remind', async (job) => {
              ran.push(`${name}:${job.id}`);
              return async (tx) => {
                await outbox.enqueue(tx, { tenantId: job.tenantId, kind: 'test', payload: { job: job.id } });
              };
            });
          const a = register(scheduler(db), 'a');
          const b = register(scheduler(other), 'b');
          await seedDueJobs(30);
          const [ranA, ranB] = await Promise.all([a.runDue(), b.runDue()]);
          expect(ranA! + ranB!).toBe(30);
          expect(ran).toHaveLength(30);
          const jobIds = await outboxJobIds();
          expect(jobIds).toHaveLength(30);
          expect(new Set(jobIds).size).toBe(30);
          // Nothing is left to run, on either instance, even much later.
          clock = later(LEASE_MS * 100);
          expect(await Promise.all([a.runDue(), b.runDue()])).toEqual([0, 0]);
        } finally {
          await other.close();
        }
      });
    } else {
      test('two processes sharing the SQLite file, sweeping at once, run each due job exactly once', async () => {
        await seedDueJobs(30);
        const file = handle.url.slice('sqlite:'.length);
        const [ranA, ranB] = await Promise.all([
          sweepInChildProcess(file, T0, 'a'),
          sweepInChildProcess(file, T0, 'b'),
        ]);
        expect(ranA + ranB).toBe(30);
        const jobIds = await outboxJobIds();
        expect(jobIds).toHaveLength(30);
        expect(new Set(jobIds).size).toBe(30);
        expect(await statuses('case:0')).toEqual(['test.remind@2026-11-05:done']);
      }, 60_000);
    }

    test('a daily task runs once per Paris day across instances, from its hour', async () => {
      const other = await secondInstance(handle);
      try {
        const days: string[] = [];
        const task = async ({ day }: { day: string }) => void days.push(day);
        const a = scheduler(db).daily('retention', task, { hour: 4 });
        const b = scheduler(other).daily('retention', task, { hour: 4 });
        const both = () => together(kind, [() => a.runDue(), () => b.runDue()]);
        clock = new Date('2026-11-05T02:59:00.000Z'); // 03:59 in Paris
        await both();
        expect(days).toEqual([]);
        clock = new Date('2026-11-05T03:00:00.000Z'); // 04:00 in Paris
        await both();
        await both();
        expect(days).toEqual(['2026-11-05']);
        clock = new Date('2026-11-05T23:30:00.000Z'); // 00:30 on 2026-11-06 in Paris: not yet 04:00
        await b.runDue();
        expect(days).toEqual(['2026-11-05']);
        clock = new Date('2026-11-06T03:00:00.000Z');
        await both();
        expect(days).toEqual(['2026-11-05', '2026-11-06']);
      } finally {
        await other.close();
      }
    });

    test('a job that throws is retried with backoff, then given up', async () => {
      const instance = scheduler(db, { maxAttempts: 2 });
      const handler = jest.fn(async () => {
        throw new Error('storage hiccup');
      });
      instance.handle('test.fail', handler);
      await db.transaction((tx) =>
        jobs.replacePending(tx, scope('case:1'), [spec('test.fail', '2026-11-05')]),
      );
      await instance.runDue();
      expect(await statuses('case:1')).toEqual(['test.fail@2026-11-05:pending']);
      expect(await instance.runDue()).toBe(0); // not before the backoff
      clock = later(60_000);
      await instance.runDue();
      expect(handler).toHaveBeenCalledTimes(2);
      expect(await statuses('case:1')).toEqual(['test.fail@2026-11-05:failed']);
    });

    test('a handler that finds the job no longer relevant skips it', async () => {
      const instance = scheduler(db).handle('test.skip', async () => null);
      await db.transaction((tx) =>
        jobs.replacePending(tx, scope('case:1'), [spec('test.skip', '2026-11-05')]),
      );
      expect(await instance.runDue()).toBe(1);
      expect(await statuses('case:1')).toEqual(['test.skip@2026-11-05:skipped']);
    });

    test('start polls, stop waits for the sweep under way', async () => {
      const instance = scheduler(db, { pollIntervalMs: 1 });
      const ran = new Promise<void>((resolve) =>
        instance.handle('test.poll', async () => {
          resolve();
          return null;
        }),
      );
      await db.transaction((tx) =>
        jobs.replacePending(tx, scope('case:1'), [spec('test.poll', '2026-11-05')]),
      );
      instance.start();
      await ran;
      await instance.stop();
      expect(await statuses('case:1')).toEqual(['test.poll@2026-11-05:skipped']);
    });
  });
});
