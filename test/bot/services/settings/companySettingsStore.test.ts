// CompanySettingsStore's short cache: this instance's writes seen at once, another instance's within SETTINGS_KEPT_MS.
import { openDatabase, type Database, type Queryable } from '../../../../bot/platform/storage';
import {
  CompanySettingsStore,
  SETTINGS_KEPT_MAX,
  SETTINGS_KEPT_MS,
} from '../../../../bot/services/settings/companySettingsStore';
import { storageKinds, type TestDatabase } from '../../../support/databases';

const TENANT = 'tenant-a';
const COMPANY = 'company-a';
const SELECT = /^SELECT document FROM company_settings/;

/** A clock the test moves by hand. */
function clock(start = Date.parse('2026-12-03T10:00:00Z')) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

/**
 * The same database, seen through a wrapper that counts the settings reads made outside a transaction and can
 * hold the answer of the next one until the test lets it go.
 */
function counted(db: Database) {
  let reads = 0;
  let holding: { release: Promise<void> } | undefined;
  const wrapper: Database = {
    dialect: db.dialect,
    async query<Row>(sql: string, params?: Parameters<Queryable['query']>[1]) {
      const rows = await db.query<Row>(sql, params);
      if (SELECT.test(sql)) {
        reads += 1;
        const held = holding;
        holding = undefined;
        if (held) await held.release;
      }
      return rows;
    },
    execute: (sql, params) => db.execute(sql, params),
    transaction: (work) => db.transaction(work),
    ping: () => db.ping(),
    close: () => db.close(),
  };
  return {
    db: wrapper,
    reads: () => reads,
    /** The next settings read answers (what the database said then) only once `release` is called. */
    holdNextRead() {
      let release!: () => void;
      holding = { release: new Promise<void>((resolve) => (release = resolve)) };
      return release;
    },
  };
}

/** A second connection to the same data: another instance of Liaison on the shared database. */
const anotherInstance = (database: TestDatabase) =>
  openDatabase(
    database.url.startsWith('sqlite:')
      ? { kind: 'sqlite', path: database.url.slice('sqlite:'.length) }
      : { kind: 'postgres', url: database.url },
  );

describe.each(storageKinds())('CompanySettingsStore, kept for a few seconds ($kind)', ({ open }) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await open();
  });
  afterEach(() => database.dispose());

  test('a second read within the time to live does not go to the database; after it, it does', async () => {
    const time = clock();
    const seen = counted(database.db);
    const store = new CompanySettingsStore(seen.db, time.now);
    await store.upsert(TENANT, COMPANY, { headcount: 40 });
    expect(await store.get(TENANT, COMPANY)).toEqual({ headcount: 40 });
    expect(await store.get(TENANT, COMPANY)).toEqual({ headcount: 40 });
    expect(seen.reads()).toBe(1);
    time.advance(SETTINGS_KEPT_MS);
    expect(await store.get(TENANT, COMPANY)).toEqual({ headcount: 40 });
    expect(seen.reads()).toBe(2);
  });

  test("this instance's write is seen at once, through the same store and through another over the same database", async () => {
    const time = clock();
    const store = new CompanySettingsStore(database.db, time.now);
    const other = new CompanySettingsStore(database.db, time.now);
    expect(await store.get(TENANT, COMPANY)).toEqual({});
    expect(await other.get(TENANT, COMPANY)).toEqual({});
    await store.upsert(TENANT, COMPANY, { hrChannelId: 'channel-a' });
    expect(await store.get(TENANT, COMPANY)).toEqual({ hrChannelId: 'channel-a' });
    await other.upsert(TENANT, COMPANY, { headcount: 40 });
    expect(await store.get(TENANT, COMPANY)).toEqual({ hrChannelId: 'channel-a', headcount: 40 });
    expect(await other.get(TENANT, COMPANY)).toEqual({ hrChannelId: 'channel-a', headcount: 40 });
  });

  test("another instance's write is seen here once the time to live has passed, not before", async () => {
    const time = clock();
    const instanceB = await anotherInstance(database);
    try {
      const here = new CompanySettingsStore(database.db, time.now);
      const there = new CompanySettingsStore(instanceB, time.now);
      await here.upsert(TENANT, COMPANY, { spstContact: { name: 'Dr Durand' } });
      expect(await here.get(TENANT, COMPANY)).toEqual({ spstContact: { name: 'Dr Durand' } });
      await there.upsert(TENANT, COMPANY, { spstContact: { name: 'Dr Martin' } });
      expect(await there.get(TENANT, COMPANY)).toEqual({ spstContact: { name: 'Dr Martin' } });
      time.advance(SETTINGS_KEPT_MS - 1);
      expect(await here.get(TENANT, COMPANY)).toEqual({ spstContact: { name: 'Dr Durand' } });
      time.advance(1);
      expect(await here.get(TENANT, COMPANY)).toEqual({ spstContact: { name: 'Dr Martin' } });
    } finally {
      await instanceB.close();
    }
  });

  test('a read inside a transaction reads the transaction, never what was kept', async () => {
    const time = clock();
    const instanceB = await anotherInstance(database);
    try {
      const here = new CompanySettingsStore(database.db, time.now);
      expect(await here.get(TENANT, COMPANY)).toEqual({});
      await new CompanySettingsStore(instanceB, time.now).upsert(TENANT, COMPANY, { headcount: 300 });
      expect(await here.get(TENANT, COMPANY)).toEqual({});
      const inTransaction = await database.db.transaction((tx) => here.get(TENANT, COMPANY, tx));
      expect(inTransaction).toEqual({ headcount: 300 });
    } finally {
      await instanceB.close();
    }
  });

  test('a read that began before a write of this instance and ended after it is not kept', async () => {
    const time = clock();
    const seen = counted(database.db);
    const store = new CompanySettingsStore(seen.db, time.now);
    await store.upsert(TENANT, COMPANY, { headcount: 40 });
    const release = seen.holdNextRead();
    const slowRead = store.get(TENANT, COMPANY);
    // Let the read reach the database (the answer is held), then write.
    while (seen.reads() === 0) await new Promise((resolve) => setImmediate(resolve));
    await store.upsert(TENANT, COMPANY, { headcount: 41 });
    release();
    expect(await slowRead).toEqual({ headcount: 40 });
    expect(await store.get(TENANT, COMPANY)).toEqual({ headcount: 41 });
  });

  test('each read is its own copy: changing one changes nothing kept', async () => {
    const store = new CompanySettingsStore(database.db);
    await store.upsert(TENANT, COMPANY, { spstContact: { name: 'Dr Durand' } });
    const first = await store.get(TENANT, COMPANY);
    first.spstContact!.name = 'changed by a caller';
    expect(await store.get(TENANT, COMPANY)).toEqual({ spstContact: { name: 'Dr Durand' } });
  });

  test('each tenant and company is kept apart', async () => {
    const store = new CompanySettingsStore(database.db);
    await store.upsert(TENANT, COMPANY, { headcount: 40 });
    expect(await store.get(TENANT, COMPANY)).toEqual({ headcount: 40 });
    expect(await store.get('tenant-b', COMPANY)).toEqual({});
    expect(await store.get(TENANT, 'company-b')).toEqual({});
  });

  test(`at most ${SETTINGS_KEPT_MAX} companies are kept, the one read longest ago leaving first`, async () => {
    const seen = counted(database.db);
    const store = new CompanySettingsStore(seen.db, clock().now);
    for (let i = 0; i <= SETTINGS_KEPT_MAX; i++) await store.get(TENANT, `company-${i}`);
    expect(seen.reads()).toBe(SETTINGS_KEPT_MAX + 1);
    await store.get(TENANT, `company-${SETTINGS_KEPT_MAX}`);
    expect(seen.reads()).toBe(SETTINGS_KEPT_MAX + 1);
    await store.get(TENANT, 'company-0');
    expect(seen.reads()).toBe(SETTINGS_KEPT_MAX + 2);
  });
});
