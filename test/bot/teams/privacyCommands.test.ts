import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { TestAdapter, type Activity } from 'botbuilder';
import { AccessControl } from '../../../bot/services/access';
import { CaseStore } from '../../../bot/services/cases';
import { readRetentionLog } from '../../../bot/services/privacy';
import { privacyFeature } from '../../../bot/privacyWiring';
import { recognizePrivacyCommand } from '../../../bot/teams/privacyCommands';
import { TabAuthenticator } from '../../../bot/http/tab/auth';
import type { Database } from '../../../bot/platform/storage';
import { storageKinds, type TestDatabase } from '../../support/databases';
import { cardTexts, silentLogger } from '../../support/bot';
import { seedCase, testCaseService } from '../services/cases/sampleCase';

const EMAIL = 'camille.martin@example.com';

describe('privacy commands', () => {
  it('recognises the French and English commands and their employee key', () => {
    expect(recognizePrivacyCommand(`export données ${EMAIL}`)).toEqual({
      verb: 'export',
      key: { kind: 'email', value: EMAIL },
    });
    expect(recognizePrivacyCommand(`Exporter les données de <a href="mailto:${EMAIL}">${EMAIL}</a>`)).toEqual(
      {
        verb: 'export',
        key: { kind: 'email', value: EMAIL },
      },
    );
    expect(recognizePrivacyCommand('export data of aad-camille')?.key).toEqual({
      kind: 'aad',
      value: 'aad-camille',
    });
    expect(recognizePrivacyCommand(`effacer les données de ${EMAIL}`)?.verb).toBe('erase');
    expect(recognizePrivacyCommand(`erase data ${EMAIL}`)?.verb).toBe('erase');
    expect(recognizePrivacyCommand('export data')).toEqual({ verb: 'export', key: undefined });
    expect(recognizePrivacyCommand('erase data Camille Martin')).toEqual({ verb: 'erase', key: undefined });
    expect(recognizePrivacyCommand('comment exporter mes congés ?')).toBeUndefined();
    expect(recognizePrivacyCommand('nouveau rendez-vous de liaison')).toBeUndefined();
  });
});

describe.each(storageKinds())('privacy commands and export link on $kind', ({ open }) => {
  let database: TestDatabase;
  let db: Database;
  let cases: CaseStore;
  let server: restify.Server;
  let baseUrl: string;
  let feature: ReturnType<typeof privacyFeature>;
  let auth: TabAuthenticator;

  beforeEach(async () => {
    database = await open();
    db = database.db;
    const access = new AccessControl({ db, hrAdmins: ['aad-hr'], localMode: false });
    const stores = testCaseService(db, { isHr: (t, c, id) => access.isHr(t, c, id) });
    cases = stores.cases;
    server = restify.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    auth = new TabAuthenticator({});
    feature = privacyFeature({
      db,
      cases,
      caseService: stores.service,
      access,
      auth,
      logger: silentLogger,
      config: { port: 0, publicBaseUrl: baseUrl },
    });
    feature.routes(server);
  });
  afterEach(async () => {
    server.close();
    await database.dispose();
  });

  const adapter = () => new TestAdapter(async (context) => void (await feature.commands.handle(context)));
  const from = (aadObjectId: string, tenantId = 'tenant-a'): Partial<Activity> => ({
    from: { id: `29:${aadObjectId}`, name: 'x', aadObjectId },
    channelData: { tenant: { id: tenantId } },
    conversation: { id: `conv-${aadObjectId}`, conversationType: 'personal', tenantId } as never,
    locale: 'fr-FR',
  });
  const say = async (text: string, who = 'aad-hr', tenantId = 'tenant-a') => {
    const replies: Partial<Activity>[] = [];
    const test = adapter();
    await test
      .send({ type: 'message', text, ...from(who, tenantId) })
      .assertReply((reply) => void replies.push(reply));
    return replies[0] as Partial<Activity>;
  };
  const submit = async (value: Record<string, unknown>, who = 'aad-hr', tenantId = 'tenant-a') => {
    const replies: Partial<Activity>[] = [];
    await adapter()
      .send({ type: 'message', value, ...from(who, tenantId) })
      .assertReply((reply) => void replies.push(reply));
    return replies[0] as Partial<Activity>;
  };
  const card = (activity: Partial<Activity>) => activity.attachments?.[0]?.content as Record<string, unknown>;
  const actions = (activity: Partial<Activity>) =>
    (card(activity).actions as Array<{ type: string; url?: string; data?: Record<string, unknown> }>) ?? [];

  /** An invitation under way for Camille, opened by her manager through CaseService. */
  async function seed() {
    return seedCase(db, {
      request: {
        tenantId: 'tenant-a',
        companyId: 'tenant-a', // a tenant is one company for now (bot/services/access companyOfActivity)
        employee: { aadObjectId: 'aad-camille', name: 'Camille Martin', email: 'Camille.Martin@example.com' },
      },
    });
  }

  it('refuses anyone but HR, and says how to use the command without a valid key', async () => {
    expect((await say(`export données ${EMAIL}`, 'aad-manager')).text).toMatch(/Seules les personnes RH/);
    expect((await say(`effacer données ${EMAIL}`, 'aad-intruder', 'tenant-b')).text).toMatch(
      /Seules les personnes RH/,
    );
    expect((await say('export données Camille')).text).toMatch(/export données/);
    expect(await db.query('SELECT id FROM privacy_requests')).toEqual([]);
  });

  it('gives HR a single-use download link whose JSON holds the employee’s cases, without the email in the URL', async () => {
    const created = await seed();
    const reply = await say(`export données ${EMAIL}`);
    expect(cardTexts(card(reply)).join(' ')).toMatch(/1 dossier/);
    const [link] = actions(reply);
    expect(link?.type).toBe('Action.OpenUrl');
    expect(link?.url).toMatch(new RegExp(`^${baseUrl}/api/privacy/export/`));
    expect(link?.url).not.toMatch(/camille|example/i);
    expect(Buffer.from(String(link?.url), 'utf8').toString()).not.toContain(EMAIL);

    // The link opens for the HR person who asked, signed in (their tab token), not for whoever holds it.
    expect((await fetch(String(link?.url))).status).toBe(401);
    const hrToken = await auth.issueDevToken({ tenantId: 'tenant-a', aadObjectId: 'aad-hr' });
    const bearer = { headers: { authorization: `Bearer ${hrToken}` } };
    const response = await fetch(String(link?.url), bearer);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="liaison-export-/);
    expect(response.headers.get('cache-control')).toMatch(/no-store/);
    const body = (await response.json()) as { cases: Array<{ case: { id: string } }> };
    expect(body.cases.map((entry) => entry.case.id)).toEqual([created.id]);
    // Once only.
    expect((await fetch(String(link?.url), bearer)).status).toBe(410);
    // An altered token opens nothing.
    const altered = String(link?.url).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect([403, 410]).toContain((await fetch(altered, bearer)).status);
    expect((await fetch(`${baseUrl}/api/privacy/export/nonsense`, bearer)).status).toBe(403);
    const log = await readRetentionLog(db, 'tenant-a');
    expect(log.map((row) => [row.action, row.actorId])).toEqual([['employee_exported', 'aad-hr']]);
  });

  it('erases only after the confirmation, by the person who asked, once', async () => {
    const created = await seed();
    const ask = await say(`erase data ${EMAIL}`);
    expect(cardTexts(card(ask)).join(' ')).toMatch(/1 dossier\(s\).*dont 1 en cours/);
    const [confirm] = actions(ask);
    expect((await cases.get('tenant-a', created.id))?.employee.name).toBe('Camille Martin');

    // Someone else, or the same card sent from another tenant, erases nothing.
    expect((await submit(confirm?.data ?? {}, 'aad-intruder')).text).toMatch(/Seules les personnes RH/);
    expect((await submit(confirm?.data ?? {}, 'aad-hr', 'tenant-b')).text).toMatch(/expiré ou a déjà servi/);
    expect((await cases.get('tenant-a', created.id))?.employee.name).toBe('Camille Martin');

    const done = await submit(confirm?.data ?? {});
    expect(done.text).toMatch(/Données effacées : 1 dossier/);
    expect((await cases.get('tenant-a', created.id))?.employee.name).toBe('');
    // #12: her open case was cancelled by the case engine, through CaseService, on behalf of the HR person.
    expect((await cases.get('tenant-a', created.id))?.state).toBe('cancelled');
    expect((await cases.auditTrail('tenant-a', created.id)).at(-1)).toMatchObject({
      event: 'cancel',
      fromState: 'invited',
      toState: 'cancelled',
      actorRole: 'hr',
      via: 'system',
    });
    expect((await submit(confirm?.data ?? {})).text).toMatch(/expiré ou a déjà servi/);
    expect((await readRetentionLog(db, 'tenant-a')).map((row) => row.action)).toEqual(['employee_erased']);
  });

  it('changes nothing when the erasure is cancelled', async () => {
    const created = await seed();
    const [, cancel] = actions(await say(`effacer données ${EMAIL}`));
    expect((await submit(cancel?.data ?? {})).text).toMatch(/annulé/);
    expect((await cases.get('tenant-a', created.id))?.employee.name).toBe('Camille Martin');
    expect(await readRetentionLog(db, 'tenant-a')).toEqual([]);
  });
});
