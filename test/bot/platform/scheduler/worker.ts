/**
 * A second bot instance for the "two schedulers on one SQLite file" test: run as a child process (two
 * connections to one file in ONE process would block each other inside better-sqlite3's busy wait, which is not
 * how instances share a file). Usage: node --import tsx test/bot/platform/scheduler/worker.ts <sqlite path> <now ISO> <name>
 * Runs one sweep whose handler queues an outbox message per job, then prints {"ran": n}.
 */
import { Outbox } from '../../../../bot/services/cases';
import { Scheduler } from '../../../../bot/services/reminders';
import { openDatabase } from '../../../../bot/platform/storage';
import { silentLogger } from '../../../support/bot';

export async function sweepOnce(dbPath: string, now: Date, name: string): Promise<number> {
  const db = await openDatabase({ kind: 'sqlite', path: dbPath });
  try {
    const outbox = new Outbox(db, () => now);
    const scheduler = new Scheduler({ db, logger: silentLogger, now: () => now, batchSize: 3 });
    scheduler.handle('test.remind', async (job) => async (tx) => {
      await outbox.enqueue(tx, { tenantId: job.tenantId, kind: 'test', payload: { job: job.id, by: name } });
    });
    return await scheduler.runDue();
  } finally {
    await db.close();
  }
}

if (require.main === module) {
  const [dbPath, nowIso, name] = process.argv.slice(2) as [string, string, string];
  sweepOnce(dbPath, new Date(nowIso), name).then(
    (ran) => process.stdout.write(`${JSON.stringify({ ran })}\n`),
    (error: Error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    },
  );
}
