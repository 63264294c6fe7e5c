import { Outbox, type OutboxMessage } from '../../../../bot/services/cases';
import type { Database } from '../../../../bot/platform/storage';
import { storageKinds, type TestDatabase } from '../../../support/databases';

const LEASE_MS = 60_000;
const T0 = new Date('2026-11-03T08:00:00.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);
const message = (kind: string, dueAt?: Date): OutboxMessage => ({
  tenantId: 'tenant-a',
  kind,
  payload: { kind },
  dueAt,
});

describe.each(storageKinds())('outbox on $kind', ({ open }) => {
  let handle: TestDatabase;
  let db: Database;
  let outbox: Outbox;

  beforeEach(async () => {
    handle = await open();
    db = handle.db;
    outbox = new Outbox(db, () => T0, LEASE_MS);
  });
  afterEach(() => handle.dispose());

  const enqueue = (m: OutboxMessage) => db.transaction((tx) => outbox.enqueue(tx, m));

  test('due messages are claimed oldest first, up to the limit, with their payload; future ones wait', async () => {
    const second = await enqueue(message('second', later(1000)));
    const first = await enqueue(message('first'));
    await enqueue(message('future', later(3_600_000)));
    const claimed = await outbox.claimDue(later(2000), 10);
    expect(claimed.map((m) => m.id)).toEqual([first, second]);
    expect(claimed[0]).toMatchObject({
      tenantId: 'tenant-a',
      caseId: null,
      kind: 'first',
      payload: { kind: 'first' },
    });
    await enqueue(message('third'));
    expect(await outbox.claimDue(later(2000), 1)).toHaveLength(1);
  });

  test('a message enqueued in a transaction that rolls back does not exist', async () => {
    await expect(
      db.transaction(async (tx) => {
        await outbox.enqueue(tx, message('lost'));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await outbox.claimDue(T0, 10)).toEqual([]);
  });

  test('a claimed message is not claimed again during its lease, and is again once the lease has run out', async () => {
    const id = await enqueue(message('card'));
    expect(await outbox.claimDue(T0, 10)).toHaveLength(1);
    expect(await outbox.claimDue(later(LEASE_MS - 1), 10)).toEqual([]);
    expect(await outbox.claimDue(later(LEASE_MS), 10)).toEqual([
      expect.objectContaining({ id, attempts: 2 }),
    ]);
  });

  test('a sent message is never claimed again', async () => {
    const id = await enqueue(message('card'));
    await outbox.claimDue(T0, 10);
    await outbox.markSent(id);
    expect(await outbox.claimDue(later(10 * LEASE_MS), 10)).toEqual([]);
  });

  test('a failed message is retried from its retry time, or never when given up', async () => {
    const retried = await enqueue(message('throttled'));
    const abandoned = await enqueue(message('forbidden'));
    await outbox.claimDue(T0, 10);
    await outbox.markFailed(retried, '429 Too Many Requests', later(5000));
    await outbox.markFailed(abandoned, '403 Forbidden', null);
    expect(await outbox.claimDue(later(4999), 10)).toEqual([]);
    expect(await outbox.claimDue(later(5000), 10)).toEqual([
      expect.objectContaining({ id: retried, attempts: 2 }),
    ]);
    const [row] = await db.query<{ status: string; last_error: string }>(
      'SELECT status, last_error FROM outbox WHERE id = $1',
      [abandoned],
    );
    expect(row).toEqual({ status: 'failed', last_error: '403 Forbidden' });
  });

  test('concurrent claimers receive each message exactly once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push(await enqueue(message(`m${i}`)));
    const received: string[] = [];
    for (;;) {
      const round = await Promise.all(Array.from({ length: 8 }, () => outbox.claimDue(T0, 3)));
      const claimed = round.flat().map((m) => m.id);
      if (claimed.length === 0) break;
      received.push(...claimed);
    }
    expect(new Set(received).size).toBe(received.length);
    expect([...received].sort()).toEqual([...ids].sort());
  });
});
