// The bench's seeded invitations await their answer with nothing left to deliver.
import { seedInvitations } from '../../bench/seed';
import { migrate } from '../../bot/platform/storage';
import { SqliteDatabase } from '../../bot/platform/storage/sqlite';

test("seeded invitations are cases awaiting the employee's answer, their opening messages delivered", async () => {
  const db = new SqliteDatabase(':memory:');
  await migrate(db);
  const cases = await seedInvitations(db, 3, new Date('2026-12-03T10:00:00Z'));
  expect(cases.map((liaisonCase) => liaisonCase.state)).toEqual(['invited', 'invited', 'invited']);
  const outbox = await db.query<{ status: string; count: number }>(
    'SELECT status, COUNT(*) AS count FROM outbox GROUP BY status',
  );
  expect(outbox.length).toBe(1);
  expect(outbox[0]?.status).toBe('sent');
  expect(outbox[0]?.count).toBeGreaterThanOrEqual(3);
});
