import { LinkSigner } from '../../../../bot/platform/signedLinks';
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
});
