import {
  ETagConflictError,
  DatabaseStateStorage,
  MIGRATIONS,
  migrate,
  type Database,
} from '../../../../bot/platform/storage';
import { storageKinds, type TestDatabase } from '../../../support/databases';

describe.each(storageKinds())('storage on $kind', ({ open }) => {
  let handle: TestDatabase;
  let db: Database;
  beforeEach(async () => {
    handle = await open();
    db = handle.db;
  });
  afterEach(() => handle.dispose());

  test('migrations are recorded and applying them again does nothing', async () => {
    const versions = await db.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(versions.map((row) => row.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await migrate(db)).toEqual([]);
  });

  test('concurrent migrations apply each version once', async () => {
    const extra = [
      ...MIGRATIONS,
      { version: 9999, name: 'probe', statements: ['CREATE TABLE probe (id INTEGER)'] },
    ];
    const results = await Promise.all([migrate(db, extra), migrate(db, extra), migrate(db, extra)]);
    expect(results.flat()).toEqual([9999]);
  });

  test('a failed transaction leaves nothing behind', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(`INSERT INTO bot_state VALUES ('k', '{}', 'e', 'now')`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.query('SELECT * FROM bot_state')).toEqual([]);
  });

  describe('state storage', () => {
    let storage: DatabaseStateStorage;
    beforeEach(() => {
      storage = new DatabaseStateStorage(db);
    });

    test('reads back what it wrote, with an eTag, and nothing for unknown keys', async () => {
      await storage.write({ a: { count: 1, nested: { name: 'é' } } });
      const items = await storage.read(['a', 'missing']);
      expect(Object.keys(items)).toEqual(['a']);
      expect(items.a).toMatchObject({ count: 1, nested: { name: 'é' } });
      expect(typeof items.a.eTag).toBe('string');
    });

    test('a write with the current eTag succeeds; with a stale one it is refused and changes nothing', async () => {
      await storage.write({ a: { count: 1 } });
      const first = (await storage.read(['a'])).a;
      await storage.write({ a: { ...first, count: 2 } });
      await expect(storage.write({ a: { ...first, count: 3 } })).rejects.toBeInstanceOf(ETagConflictError);
      expect((await storage.read(['a'])).a).toMatchObject({ count: 2 });
    });

    test('two writers racing on the same eTag: exactly one wins', async () => {
      await storage.write({ a: { count: 0 } });
      const seen = (await storage.read(['a'])).a;
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => storage.write({ a: { ...seen, count: i + 1 } })),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    });

    test("'*' overwrites whatever is stored; delete removes", async () => {
      await storage.write({ a: { count: 1 } });
      await storage.write({ a: { count: 5, eTag: '*' } });
      expect((await storage.read(['a'])).a).toMatchObject({ count: 5 });
      await storage.delete(['a']);
      expect(await storage.read(['a'])).toEqual({});
    });
  });
});
