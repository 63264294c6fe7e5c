import type { AddressInfo } from 'node:net';
import { inflateSync } from 'node:zlib';
import restify from 'restify';
import { CompanySettingsStore } from '../../../bot/services/caseFlow';
import { CaseStore, type LiaisonCase } from '../../../bot/services/cases';
import { translatorFor } from '../../../language/i18n';
import { LetterLinks } from '../../../bot/services/letters';
import { letterRoutes } from '../../../bot/http/lettersRoutes';
import { seedCase } from '../services/cases/sampleCase';
import { silentLogger } from '../../support/bot';
import { storageKinds, type TestDatabase } from '../../support/databases';
import { pdfText } from '../services/letters/pdfText';
import { SETTINGS } from '../services/letters/fixtures';

const NOW = new Date('2026-11-23T09:00:00.000Z');
const DAY = 24 * 3600 * 1000;

/** GET /letters/:token over real HTTP, on a restify server registering the route as bot/http/server.ts does. */
describe.each(storageKinds())('GET /letters/:token on $kind', ({ open }) => {
  let database: TestDatabase;
  let server: restify.Server;
  let baseUrl: string;
  let links: LetterLinks;
  let stored: LiaisonCase;
  let clock: Date;

  beforeAll(async () => {
    database = await open();
    const cases = new CaseStore(database.db);
    const companySettings = new CompanySettingsStore(database.db);
    await companySettings.upsert('tenant-a', 'company-1', SETTINGS);
    stored = await seedCase(database.db, {
      request: {
        employee: { aadObjectId: 'aad-zoe', name: 'Zoé Lefèvre' },
        meeting: { date: '2026-12-07', time: '10:00', mode: 'on_site' },
      },
      settings: SETTINGS,
    });
    clock = NOW;
    server = restify.createServer();
    letterRoutes({
      db: database.db,
      cases,
      companySettings,
      logger: silentLogger,
      links: { now: () => clock },
    })(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    links = new LetterLinks(database.db, { publicBaseUrl: baseUrl, now: () => NOW });
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await database?.dispose();
  });
  afterEach(() => {
    clock = NOW;
  });

  test.each([
    ['invitation', 'fr', '07/12/2026'],
    ['invitation', 'en', '7 December 2026'],
    ['information', 'fr', '23/11/2026'],
  ] as const)('a valid %s link in %s gives the PDF', async (kind, lang, day) => {
    const response = await fetch(await links.letterLink('tenant-a', stored.id, kind, lang));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const filename =
      kind === 'invitation' ? 'liaison-invitation-2026-12-07.pdf' : 'liaison-information-2026-11-23.pdf';
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${filename}"`);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // What is served is compressed: inflate it to read the letter, rendered from the case as stored.
    const text = pdfText(inflateStreams(pdf));
    expect(text).toContain('Zoé Lefèvre');
    expect(text).toContain('Boulangerie Dupain & Fils');
    expect(text).toContain(day);
  });

  test('a tampered link is refused with 403 and a clear message in both languages', async () => {
    const url = await links.letterLink('tenant-a', stored.id, 'invitation', 'fr');
    const response = await fetch(`${url.slice(0, -3)}abc`);
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const body = await response.text();
    expect(body).toContain(translatorFor('fr', 'letters')('download.forged'));
    expect(body).toContain(translatorFor('en', 'letters')('download.forged'));
  });

  test('an expired link is refused with 403, in its language', async () => {
    const url = await links.letterLink('tenant-a', stored.id, 'invitation', 'en');
    clock = new Date(NOW.getTime() + 8 * DAY);
    const response = await fetch(url);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain(translatorFor('en', 'letters')('download.expired'));
  });

  test("a link naming another tenant's case finds nothing: 404", async () => {
    const response = await fetch(await links.letterLink('tenant-b', stored.id, 'invitation', 'fr'));
    expect(response.status).toBe(404);
    expect(await response.text()).toContain(translatorFor('fr', 'letters')('download.notFound'));
  });

  test('the invitation of a cancelled meeting is gone: 410', async () => {
    const cancelled = await seedCase(database.db, {
      state: 'cancelled',
      request: { employee: { aadObjectId: 'aad-other', name: 'Alex Durand' } },
      settings: SETTINGS,
    });
    const response = await fetch(await links.letterLink('tenant-a', cancelled.id, 'invitation', 'en'));
    expect(response.status).toBe(410);
    expect(await response.text()).toContain(translatorFor('en', 'letters')('download.cancelled'));
  });

  test('an unknown case: 404', async () => {
    const response = await fetch(await links.letterLink('tenant-a', 'no-such-case', 'information', 'en'));
    expect(response.status).toBe(404);
  });
});

/** Replaces each FlateDecode stream by its inflated bytes (enough for pdfText, not a valid PDF any more). */
function inflateStreams(pdf: Buffer): Buffer {
  const out: Buffer[] = [];
  let from = 0;
  const source = pdf.toString('latin1');
  for (const match of source.matchAll(/stream\n/g)) {
    const start = (match.index ?? 0) + match[0].length;
    const end = source.indexOf('\nendstream', start);
    if (end < 0) continue;
    out.push(pdf.subarray(from, start));
    try {
      out.push(inflateSync(pdf.subarray(start, end)));
    } catch {
      out.push(pdf.subarray(start, end));
    }
    from = end;
  }
  out.push(pdf.subarray(from));
  return Buffer.concat(out);
}
