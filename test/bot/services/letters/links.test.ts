import { AppSecrets, letterDownloadActions, LetterLinks } from '../../../../bot/services/letters';
import { storedCase } from './fixtures';
import { storageKinds, type TestDatabase } from '../../../support/databases';

const NOW = new Date('2026-11-23T09:00:00.000Z');
const tokenOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);

describe.each(storageKinds())('letter links on $kind', ({ open }) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await open();
  });
  afterEach(async () => {
    await database?.dispose();
  });

  test('the secret is created once, even by instances racing for it, and read back by the others', async () => {
    const instances = Array.from({ length: 4 }, () => new AppSecrets(database.db));
    const secrets = await Promise.all(instances.map((secrets) => secrets.get('letter-links')));
    expect(new Set(secrets.map((secret) => secret.toString('hex'))).size).toBe(1);
    expect(secrets[0]).toHaveLength(32);
    const rows = await database.db.query('SELECT name FROM app_secrets');
    expect(rows).toEqual([{ name: 'letter-links' }]);
  });

  test('a link made by one instance is valid for another (shared secret, survives a restart)', async () => {
    const made = new LetterLinks(database.db, {
      publicBaseUrl: 'https://liaison.example.com/',
      now: () => NOW,
    });
    const url = await made.letterLink('tenant-a', 'case-1', 'invitation', 'fr');
    expect(url).toMatch(/^https:\/\/liaison\.example\.com\/letters\/[\w-]+\.[\w-]+$/);
    const other = new LetterLinks(database.db, { now: () => NOW });
    await expect(other.verify(tokenOf(url))).resolves.toEqual({
      status: 'valid',
      ref: { tenantId: 'tenant-a', caseId: 'case-1', kind: 'invitation', lang: 'fr' },
    });
  });

  test('a link lasts seven days, then it is expired (and says so in its language)', async () => {
    const url = await new LetterLinks(database.db, { now: () => NOW }).letterLink(
      't',
      'c',
      'information',
      'en',
    );
    const at = (ms: number) => new LetterLinks(database.db, { now: () => new Date(NOW.getTime() + ms) });
    const day = 24 * 3600 * 1000;
    await expect(at(7 * day - 1000).verify(tokenOf(url))).resolves.toMatchObject({ status: 'valid' });
    await expect(at(7 * day).verify(tokenOf(url))).resolves.toEqual({ status: 'expired', lang: 'en' });
  });

  test('an altered link is forged', async () => {
    const links = new LetterLinks(database.db, { now: () => NOW });
    const token = tokenOf(await links.letterLink('tenant-a', 'case-1', 'invitation', 'fr'));
    const [body = '', signature = ''] = token.split('.');
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    const otherCase = Buffer.from(JSON.stringify({ ...payload, c: 'case-2' })).toString('base64url');
    const later = Buffer.from(JSON.stringify({ ...payload, exp: payload.exp + 3600 })).toString('base64url');
    for (const tampered of [
      `${otherCase}.${signature}`,
      `${later}.${signature}`,
      `${body}.${signature.slice(0, -2)}`,
      `${body}.`,
      body,
      `${token}.x`,
      'not-a-token',
    ]) {
      await expect(links.verify(tampered)).resolves.toEqual({ status: 'forged' });
    }
  });

  test('a link signed with another key is forged', async () => {
    const url = await new LetterLinks(database.db, { now: () => NOW }).letterLink(
      't',
      'c',
      'invitation',
      'fr',
    );
    await database.db.execute("UPDATE app_secrets SET value = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'");
    await expect(new LetterLinks(database.db, { now: () => NOW }).verify(tokenOf(url))).resolves.toEqual({
      status: 'forged',
    });
  });
});

test('without a public base URL the link points at localhost on the bot port', async () => {
  const [sqlite] = storageKinds();
  const database = await sqlite!.open();
  try {
    const url = await new LetterLinks(database.db, { port: 4000 }).letterLink('t', 'c', 'invitation', 'fr');
    expect(url.startsWith('http://localhost:4000/letters/')).toBe(true);
  } finally {
    await database.dispose();
  }
});

test('download buttons for a case: both letters, titled in the language, the invitation gone once cancelled', async () => {
  const [sqlite] = storageKinds();
  const database = await sqlite!.open();
  try {
    const links = new LetterLinks(database.db, {
      publicBaseUrl: 'https://liaison.example.com',
      now: () => NOW,
    });
    const actions = await letterDownloadActions(links, storedCase(), 'en-GB');
    expect(actions.map(({ type, title }) => ({ type, title }))).toEqual([
      { type: 'Action.OpenUrl', title: 'Information letter' },
      { type: 'Action.OpenUrl', title: 'Invitation letter' },
    ]);
    const verdicts = await Promise.all(actions.map((action) => links.verify(tokenOf(action.url))));
    expect(verdicts).toEqual([
      { status: 'valid', ref: { tenantId: 'tenant-a', caseId: 'case-1', kind: 'information', lang: 'en' } },
      { status: 'valid', ref: { tenantId: 'tenant-a', caseId: 'case-1', kind: 'invitation', lang: 'en' } },
    ]);
    const cancelled = await letterDownloadActions(links, storedCase({ state: 'cancelled' }), 'fr-FR');
    expect(cancelled.map((action) => action.title)).toEqual(['Courrier d’information']);
  } finally {
    await database.dispose();
  }
});
