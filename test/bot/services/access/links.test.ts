import { createHmac, randomBytes } from 'node:crypto';
import { LinkSigner } from '../../../../bot/platform/signedLinks';
import { migrate } from '../../../../bot/platform/storage';
import { storageKinds, type TestDatabase } from '../../../support/databases';

const CLAIMS = {
  purpose: 'privacy.export',
  tenantId: 'tenant-a',
  companyId: 'company-1',
  subject: { id: 'r1' },
};

describe.each(storageKinds())('signed links on $kind', ({ open }) => {
  let database: TestDatabase;
  let clock: Date;
  beforeEach(async () => {
    database = await open();
    clock = new Date('2026-11-23T10:00:00Z');
  });
  afterEach(() => database.dispose());

  it('opens a token made by another instance, until it expires, for its purpose only', async () => {
    const one = new LinkSigner(database.db, () => clock);
    const other = new LinkSigner(database.db, () => clock);
    const token = await one.sign(CLAIMS, 60_000);
    expect(await other.verify(token, 'privacy.export')).toMatchObject({ ok: true, claims: CLAIMS });
    expect(await other.verify(token, 'privacy.erase')).toEqual({ ok: false, reason: 'wrong_purpose' });
    clock = new Date(clock.getTime() + 60_000);
    expect(await other.verify(token, 'privacy.export')).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses an altered token, and a consumed one the second time', async () => {
    const signer = new LinkSigner(database.db, () => clock);
    const token = await signer.sign(CLAIMS, 60_000);
    const [payload, signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...CLAIMS, tenantId: 'tenant-b', exp: Date.now() * 2 }),
    ).toString('base64url');
    expect(await signer.verify(`${forged}.${signature}`, 'privacy.export')).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(await signer.verify(`${payload}`, 'privacy.export')).toEqual({ ok: false, reason: 'malformed' });
    expect((await signer.verify(token, 'privacy.export', { consume: true })).ok).toBe(true);
    expect(await signer.verify(token, 'privacy.export', { consume: true })).toEqual({
      ok: false,
      reason: 'used',
    });
  });

  it('keeps opening the links signed with the key of the old shared_secrets table once migration 41 moved it', async () => {
    const { db } = database;
    // The database as it was before migration 41: the key in shared_secrets (base64), none in app_secrets.
    const key = randomBytes(32);
    await db.execute(
      'CREATE TABLE shared_secrets (name TEXT PRIMARY KEY, secret TEXT NOT NULL, created_at TEXT NOT NULL)',
    );
    await db.execute('INSERT INTO shared_secrets (name, secret, created_at) VALUES ($1, $2, $3)', [
      'link-signing-key',
      key.toString('base64'),
      clock.toISOString(),
    ]);
    await db.execute('DELETE FROM app_secrets');
    await db.execute('DELETE FROM schema_migrations WHERE version = 41');
    const payload = Buffer.from(
      JSON.stringify({ ...CLAIMS, id: 'old-link', exp: clock.getTime() + 60_000 }),
    ).toString('base64url');
    const signature = createHmac('sha256', key).update(payload).digest('base64url');

    expect(await migrate(db)).toEqual([41]);
    const signer = new LinkSigner(db, () => clock);
    expect(await signer.verify(`${payload}.${signature}`, 'privacy.export')).toMatchObject({
      ok: true,
      claims: CLAIMS,
    });
    const tables = await db.query<{ n: number | string }>(
      db.dialect === 'postgres'
        ? "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'shared_secrets'"
        : "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'shared_secrets'",
    );
    expect(Number(tables[0]?.n)).toBe(0);
  });
});
