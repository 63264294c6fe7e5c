import { AccessControl } from '../../../../bot/services/access';
import { CompanySettingsStore } from '../../../../bot/services/caseFlow';
import { ConversationReferenceStore } from '../../../../bot/platform/messaging';
import { CaseStore, type LiaisonCase } from '../../../../bot/services/cases';
import type { CaseChange } from '../../../../bot/services/caseFlow';
import { jose } from '../../../../bot/http/tab/jose';
import { addDays, parisToday } from '../../../../domain';
import { callerOf, HR_ID, sampleOpenRequest, testCaseService } from '../../services/cases/sampleCase';
import { storageKinds, type TestDatabase } from '../../../support/databases';
import { startTabApp } from './tabApi';

const TENANT_A = 'tenant-a';
const TENANT_B = 'tenant-b';
const TENANT_CSV = 'tenant-csv';
const HR_A = 'aad-hr-a';
const HR_B = 'aad-hr-b';
const HR_CSV = 'aad-hr-csv';
const MANAGER = 'aad-manager';
// Entra object ids (the shape the HR list requires).
const LISTED_A = '0a0a0a0a-1111-4222-8333-444444444444';
const LISTED_A2 = '0a0a0a0a-5555-4666-8777-888888888888';
const LISTED_B = '0b0b0b0b-1111-4222-8333-444444444444';
const MANAGER_GUID = '0c0c0c0c-1111-4222-8333-444444444444';

/** Minimal RFC 4180 reader, to check that what the export writes reads back as the same cells. */
function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] as string;
    if (quoted && char === '"' && text[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (quoted && char === '"') {
      quoted = false;
    } else if (quoted) {
      cell += char;
    } else if (char === '"') {
      quoted = true;
    } else if (char === separator) {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else {
      cell += char;
    }
  }
  return rows;
}

describe.each(storageKinds())('the HR tab API on $kind', ({ open }) => {
  let database: TestDatabase;
  let tab: Awaited<ReturnType<typeof startTabApp>>;
  let cases: CaseStore;
  const today = parisToday(new Date());
  const ids: Record<string, string> = {};
  let hrA: string;
  let hrB: string;
  let managerA: string;

  type Step = 'accept' | 'ask_other_date' | 'cancel';
  const STEPS: Record<Step, (name: string) => { change: CaseChange; by: string }> = {
    accept: (name) => ({ change: { type: 'accept', offer: 1 }, by: `aad-${name}` }),
    ask_other_date: (name) => ({
      change: {
        type: 'ask_other_date',
        offer: 1,
        wishes: { dates: [], withoutManager: false, referent: false },
      },
      by: `aad-${name}`,
    }),
    cancel: () => ({ change: { type: 'cancel' }, by: HR_ID }),
  };

  /**
   * Opens a case of `tenantId` (company = tenant) through CaseService, as its manager would, `daysAgo` days ago,
   * and moves it through `steps` then; the meeting `meetingIn` days from today.
   */
  async function seed(
    name: string,
    tenantId: string,
    options: {
      requestDaysAgo: number;
      meetingIn: number;
      initiator?: 'employer' | 'employee';
      daysAgo?: number;
    },
    steps: Step[] = [],
  ) {
    const at = new Date(Date.now() - (options.daysAgo ?? 0) * 24 * 3600 * 1000);
    const { service } = testCaseService(tab.app.db, { now: () => at });
    const opened = await service.open(
      sampleOpenRequest({
        tenantId,
        companyId: tenantId,
        initiator: options.initiator ?? 'employer',
        requestDate: addDays(today, -options.requestDaysAgo),
        employee: { name, aadObjectId: `aad-${name}` },
        absences: [{ kind: 'maladie', start: addDays(today, -120), end: addDays(today, 60) }],
        meeting: {
          date: addDays(today, options.meetingIn),
          time: '10:00',
          mode: 'on_site',
          place: 'Salle 2',
        },
      }),
      callerOf(MANAGER),
    );
    if (opened.outcome !== 'applied') throw new Error(`${name}: ${JSON.stringify(opened)}`);
    let current: LiaisonCase = opened.case;
    for (const step of steps) {
      const { change, by } = STEPS[step](name);
      const outcome = await service.change(tenantId, current.id, change, callerOf(by));
      if (outcome.outcome !== 'applied') throw new Error(`${name} ${step}: ${JSON.stringify(outcome)}`);
      current = outcome.case;
    }
    ids[name] = current.id;
    return current;
  }

  beforeAll(async () => {
    database = await open();
    tab = await startTabApp(database, { HR_ADMINS: [HR_A, HR_B, HR_CSV].join(',') });
    cases = new CaseStore(tab.app.db);
    const settings = new CompanySettingsStore(tab.app.db);
    // Bruno's case opens while the SPST cannot be reached by Liaison: his manager must tell it.
    await settings.upsert(TENANT_A, TENANT_A, {
      companyName: 'Company A',
      spstContact: { name: 'Dr Durand' },
    });
    await seed('Bruno Petit', TENANT_A, { requestDaysAgo: 2, meetingIn: 20 });
    await settings.upsert(TENANT_A, TENANT_A, {
      companyName: 'Company A',
      spstContact: { name: 'Dr Durand', email: 'spst@example.org', aadObjectId: 'aad-spst' },
      headcount: 40,
    });
    // Next deadlines: Emma's new date is 5 days late, Alice's is due tomorrow, Chloé's meeting is in 9 days,
    // Franck's in 15 (his first proposal went out 10 days late), Bruno's SPST must be told within 12 days; Gina's
    // meeting took place two days ago (to be recorded); Denis's case is closed.
    await seed('Emma Blanc', TENANT_A, { requestDaysAgo: 20, meetingIn: 10, initiator: 'employee' }, [
      'ask_other_date',
    ]);
    await seed('Alice Durand', TENANT_A, { requestDaysAgo: 14, meetingIn: 30 }, ['ask_other_date']);
    await seed('Chloé Leroy', TENANT_A, { requestDaysAgo: 3, meetingIn: 9 }, ['accept']);
    await seed('Franck Morel', TENANT_A, { requestDaysAgo: 25, meetingIn: 15, initiator: 'employee' });
    await seed('Gina Roy', TENANT_A, { requestDaysAgo: 14, meetingIn: -2, daysAgo: 12 }, ['accept']);
    await seed('Denis Moreau', TENANT_A, { requestDaysAgo: 30, meetingIn: 12 }, ['cancel']);
    await seed('Zoé Secret', TENANT_B, { requestDaysAgo: 1, meetingIn: 12 });
    await settings.upsert(TENANT_B, TENANT_B, {
      companyName: 'Company B',
      spstContact: { name: 'SPST B', email: 'spst-b@example.org' },
    });
    hrA = await tab.tokenFor(HR_A, TENANT_A);
    hrB = await tab.tokenFor(HR_B, TENANT_B);
    managerA = await tab.tokenFor(MANAGER, TENANT_A);
  });
  afterAll(async () => {
    await tab?.app.stop();
    await database?.dispose();
  });

  const names = async (response: Response) =>
    ((await response.json()) as { cases: Array<{ employeeName: string }> }).cases.map(
      (row) => row.employeeName,
    );

  describe('authentication and roles', () => {
    const endpoints = () => [
      ['GET', '/api/tab/me'],
      ['GET', '/api/tab/cases'],
      ['GET', `/api/tab/cases/${ids['Alice Durand']}`],
      ['GET', '/api/tab/cases.csv'],
      ['POST', `/api/tab/cases/${ids['Franck Morel']}/cancel`],
      ['POST', `/api/tab/cases/${ids['Franck Morel']}/held`],
      ['GET', '/api/tab/settings'],
      ['PUT', '/api/tab/settings'],
      ['GET', '/api/tab/hr-users'],
      ['POST', '/api/tab/hr-users'],
      ['DELETE', `/api/tab/hr-users/${LISTED_A}`],
    ];

    test('every endpoint answers 401 without a token, with a malformed one, or one signed by another key', async () => {
      const { privateKey } = await jose.generateKeyPair('ES256');
      const forged = await new jose.SignJWT({ tid: TENANT_A, oid: HR_A })
        .setProtectedHeader({ alg: 'ES256' })
        .setIssuer('urn:liaison:local-dev')
        .setAudience('urn:liaison:tab')
        .setExpirationTime('1h')
        .sign(privateKey);
      const unsigned = new jose.UnsecuredJWT({ tid: TENANT_A, oid: HR_A })
        .setIssuer('urn:liaison:local-dev')
        .setAudience('urn:liaison:tab')
        .encode();
      for (const [method, path] of endpoints()) {
        for (const token of [undefined, 'not-a-jwt', forged, unsigned]) {
          const response = await tab.call(path as string, token, {
            method,
            ...(method === 'PUT' ? { body: JSON.stringify({ companyName: 'Hacked' }) } : {}),
            ...(method === 'POST' ? { body: JSON.stringify({ aadObjectId: LISTED_A }) } : {}),
          });
          expect([path, token, response.status]).toEqual([path, token, 401]);
          expect(response.headers.get('www-authenticate')).toBe('Bearer');
        }
      }
      const settings = await tab.call('/api/tab/settings', hrA);
      expect(((await settings.json()) as { companyName: string }).companyName).toBe('Company A');
    });

    test('someone who is not HR gets 403 everywhere, in their language, and changes nothing', async () => {
      for (const [method, path] of endpoints()) {
        const response = await tab.call(`${path}?lang=en`, managerA, {
          method,
          ...(method === 'PUT' ? { body: JSON.stringify({ companyName: 'Changed by a manager' }) } : {}),
          ...(method === 'POST' ? { body: JSON.stringify({ aadObjectId: MANAGER_GUID }) } : {}),
        });
        expect(response.status).toBe(403);
        expect(((await response.json()) as { message: string }).message).toBe("For the company's HR only.");
      }
      const settings = await tab.call('/api/tab/settings', hrA);
      expect(((await settings.json()) as { companyName: string }).companyName).toBe('Company A');
      expect(
        await new AccessControl({ db: tab.app.db, hrAdmins: [], localMode: false }).hrUsers(
          TENANT_A,
          TENANT_A,
        ),
      ).toEqual([]);
    });

    test('the token says who and which tenant; nothing in the request can change it', async () => {
      const response = await tab.call(`/api/tab/me?tenantId=${TENANT_B}`, hrA, {
        headers: { 'x-tenant-id': TENANT_B },
      });
      expect(await response.json()).toMatchObject({ tenantId: TENANT_A, aadObjectId: HR_A, hr: true });
    });

    test('a development token needs a person and a tenant', async () => {
      const response = await tab.call('/api/tab/dev-token', undefined, {
        method: 'POST',
        body: JSON.stringify({ aadObjectId: HR_A }),
      });
      expect(response.status).toBe(400);
    });

    test('the page learns it runs in local mode, with the demo people', async () => {
      const config = (await (await tab.call('/api/tab/config')).json()) as {
        mode: string;
        devUsers: unknown[];
      };
      expect(config.mode).toBe('local');
      expect(config.devUsers).toContainEqual(expect.objectContaining({ aadObjectId: HR_A, hr: true }));
      expect(config.devUsers).toContainEqual(expect.objectContaining({ aadObjectId: MANAGER, hr: false }));
    });
  });

  describe('tenant isolation', () => {
    test("tenant A's HR lists only tenant A's cases, and tenant B's only tenant B's", async () => {
      const a = await names(await tab.call('/api/tab/cases', hrA));
      expect(a).toHaveLength(7);
      expect(a).not.toContain('Zoé Secret');
      expect(await names(await tab.call('/api/tab/cases', hrB))).toEqual(['Zoé Secret']);
    });

    test("tenant A cannot read tenant B's case: 404, as for a case that does not exist", async () => {
      const foreign = await tab.call(`/api/tab/cases/${ids['Zoé Secret']}`, hrA);
      const missing = await tab.call('/api/tab/cases/00000000-0000-0000-0000-000000000000', hrA);
      expect(foreign.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(await foreign.json()).toEqual(await missing.json());
      expect((await tab.call(`/api/tab/cases/${ids['Zoé Secret']}`, hrB)).status).toBe(200);
    });

    test("tenant A's CSV export holds none of tenant B's cases", async () => {
      const csv = await (await tab.call('/api/tab/cases.csv?state=all', hrA)).text();
      expect(csv).toContain('Alice Durand');
      expect(csv).not.toContain('Zoé');
    });

    test("tenant A neither reads nor changes tenant B's settings", async () => {
      const read = (await (await tab.call('/api/tab/settings', hrA)).json()) as { companyName: string };
      expect(read.companyName).toBe('Company A');
      const saved = await tab.call('/api/tab/settings', hrA, {
        method: 'PUT',
        body: JSON.stringify({
          companyName: 'Company A renamed',
          spstName: 'Dr Durand',
          spstEmail: 'spst@example.org',
        }),
      });
      expect(saved.status).toBe(200);
      const b = (await (await tab.call('/api/tab/settings', hrB)).json()) as {
        companyName: string;
        spstName: string;
      };
      expect(b).toMatchObject({ companyName: 'Company B', spstName: 'SPST B' });
    });
  });

  describe('the case list', () => {
    type Row = {
      employeeName: string;
      state: string;
      nextDeadline: { kind: string; date: string; daysLeft: number } | null;
      nextStep: string;
      proposal: { due: string; sentOn: string | null; daysLate: number; overdue: boolean };
    };
    const rows = async (query = '') =>
      ((await (await tab.call(`/api/tab/cases${query}`, hrA)).json()) as { today: string; cases: Row[] })
        .cases;

    test('open cases come by urgency (overdue first), closed ones last, with their next step', async () => {
      const response = await tab.call('/api/tab/cases', hrA);
      const body = (await response.json()) as { today: string; cases: Row[] };
      expect(body.today).toBe(today);
      expect(body.cases.map((row) => [row.employeeName, row.state, row.nextStep, row.nextDeadline])).toEqual([
        [
          'Emma Blanc',
          'other_date_asked',
          'propose',
          { kind: 'proposal', date: addDays(today, -5), daysLeft: -5 },
        ],
        ['Gina Roy', 'accepted', 'record', { kind: 'meeting', date: addDays(today, -2), daysLeft: -2 }],
        [
          'Alice Durand',
          'other_date_asked',
          'propose',
          { kind: 'proposal', date: addDays(today, 1), daysLeft: 1 },
        ],
        [
          'Chloé Leroy',
          'accepted',
          'hold_meeting',
          { kind: 'meeting', date: addDays(today, 9), daysLeft: 9 },
        ],
        [
          'Bruno Petit',
          'invited',
          'notify_spst',
          { kind: 'spst_notice', date: addDays(today, 12), daysLeft: 12 },
        ],
        [
          'Franck Morel',
          'invited',
          'await_answer',
          { kind: 'meeting', date: addDays(today, 15), daysLeft: 15 },
        ],
        ['Denis Moreau', 'cancelled', 'none', null],
      ]);
    });

    test('#12.10 a passed proposal deadline is flagged: overdue by how many days, or sent how many days late', async () => {
      const byName = Object.fromEntries((await rows()).map((row) => [row.employeeName, row.proposal]));
      expect(byName['Emma Blanc']).toEqual({
        due: addDays(today, -5),
        sentOn: today,
        daysLate: 5,
        overdue: true,
      });
      expect(byName['Franck Morel']).toEqual({
        due: addDays(today, -10),
        sentOn: today,
        daysLate: 10,
        overdue: false,
      });
      expect(byName['Alice Durand']).toMatchObject({ daysLate: 0, overdue: false });
      expect((await rows('?state=late')).map((row) => row.employeeName)).toEqual([
        'Emma Blanc',
        'Franck Morel',
        // Denis's case, closed, keeps the fact: its proposal went out 15 days late.
        'Denis Moreau',
      ]);
    });

    test.each([
      ['state=invited', ['Bruno Petit', 'Franck Morel']],
      [
        'state=open',
        ['Emma Blanc', 'Gina Roy', 'Alice Durand', 'Chloé Leroy', 'Bruno Petit', 'Franck Morel'],
      ],
      ['state=cancelled', ['Denis Moreau']],
      ['state=other_date_asked', ['Emma Blanc', 'Alice Durand']],
      ['q=chloe', ['Chloé Leroy']],
      ['q=LOUIS%20bernard&state=accepted', ['Gina Roy', 'Chloé Leroy']],
      ['q=nobody', []],
    ])('filtered by %s', async (query, expected) => {
      expect(await names(await tab.call(`/api/tab/cases?${query}`, hrA))).toEqual(expected);
    });

    test('an unknown state filter is refused with 400, old state names too', async () => {
      expect((await tab.call('/api/tab/cases?state=lost', hrA)).status).toBe(400);
      expect((await tab.call('/api/tab/cases?state=proposed', hrA)).status).toBe(400);
    });

    test("a case's timeline is its audit trail, oldest first, with the offer and the channel", async () => {
      const response = await tab.call(`/api/tab/cases/${ids['Denis Moreau']}`, hrA);
      const body = (await response.json()) as {
        case: { employeeName: string; state: string; actions: unknown; proof: unknown };
        timeline: Array<{ event: string; fromState: string | null; toState: string; actorRole: string }>;
      };
      expect(body.case).toMatchObject({ employeeName: 'Denis Moreau', state: 'cancelled' });
      expect(body.case.actions).toEqual({ cancel: false, held: false });
      expect(
        body.timeline.map(({ event, fromState, toState, actorRole }) => [
          event,
          fromState,
          toState,
          actorRole,
        ]),
      ).toEqual([
        ['open', null, 'invited', 'manager'],
        ['cancel', 'invited', 'cancelled', 'hr'],
      ]);
    });
  });

  describe("HR's actions, through the case engine", () => {
    const post = (name: string, action: string, token = hrA, lang = 'en') =>
      tab.call(`/api/tab/cases/${ids[name]}/${action}?lang=${lang}`, token, { method: 'POST' });

    test('#12 HR records from the tab that the meeting was held (CaseService, via tab)', async () => {
      const detail = (await (await tab.call(`/api/tab/cases/${ids['Gina Roy']}`, hrA)).json()) as {
        case: { actions: { cancel: boolean; held: boolean } };
      };
      expect(detail.case.actions).toEqual({ cancel: true, held: true });
      const response = await post('Gina Roy', 'held');
      expect(response.status).toBe(200);
      const body = (await response.json()) as { outcome: string; case: { state: string } };
      expect(body).toMatchObject({ outcome: 'applied', case: { state: 'held' } });
      expect((await cases.auditTrail(TENANT_A, ids['Gina Roy']!)).at(-1)).toMatchObject({
        event: 'record_held',
        actorRole: 'hr',
        actorId: HR_A,
        via: 'tab',
        fromState: 'accepted',
        toState: 'held',
      });
      // Again: the case already says so.
      expect(((await (await post('Gina Roy', 'held')).json()) as { outcome: string }).outcome).toBe(
        'unchanged',
      );
    });

    test('#12 a refusal of the engine is shown in the reader language', async () => {
      const early = await post('Chloé Leroy', 'held');
      expect(early.status).toBe(409);
      expect(await early.json()).toMatchObject({
        error: 'refused',
        reason: 'invalid_transition',
        message: expect.stringMatching(/^Not possible in the case's current state/),
      });
      const closed = await post('Denis Moreau', 'held', hrA, 'fr');
      expect(closed.status).toBe(409);
      expect(await closed.json()).toMatchObject({
        reason: 'case_closed',
        message: 'Ce dossier est clos (décliné, annulé ou tenu) : il ne peut plus changer.',
      });
      expect((await cases.get(TENANT_A, ids['Chloé Leroy']!))?.state).toBe('accepted');
    });

    test('#12 HR cancels a case from the tab; the employee and the SPST are told', async () => {
      const response = await post('Alice Durand', 'cancel', hrA, 'fr');
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ outcome: 'applied', case: { state: 'cancelled' } });
      expect((await cases.auditTrail(TENANT_A, ids['Alice Durand']!)).at(-1)).toMatchObject({
        event: 'cancel',
        actorRole: 'hr',
        via: 'tab',
      });
      const queued = await tab.app.db.query<{ kind: string }>(
        'SELECT kind FROM outbox WHERE case_id = $1 ORDER BY created_at, id',
        [ids['Alice Durand']!],
      );
      expect(queued.map((row) => row.kind)).toEqual(expect.arrayContaining(['employee.cancellation']));
    });

    test("#12 only HR, only its own tenant's cases, only with a token", async () => {
      expect((await post('Franck Morel', 'cancel', managerA)).status).toBe(403);
      expect((await post('Zoé Secret', 'cancel', hrA)).status).toBe(404);
      expect(
        (await tab.call(`/api/tab/cases/${ids['Franck Morel']}/cancel`, undefined, { method: 'POST' }))
          .status,
      ).toBe(401);
      expect((await cases.get(TENANT_A, ids['Franck Morel']!))?.state).toBe('invited');
      expect((await cases.get(TENANT_B, ids['Zoé Secret']!))?.state).toBe('invited');
    });
  });

  describe('#12 proof file from the tab', () => {
    const proof = (name: string, token: string | undefined, query = 'format=json&lang=en') =>
      tab.call(`/api/tab/cases/${ids[name]}/proof?${query}`, token);

    test('#12 proof file: HR gets it as JSON and PDF, in the language asked, linked from the case', async () => {
      const detail = (await (await tab.call(`/api/tab/cases/${ids['Chloé Leroy']}`, hrA)).json()) as {
        case: { proof: Array<{ format: string; url: string }> };
      };
      expect(detail.case.proof.map((link) => link.format)).toEqual(['pdf', 'json']);
      const json = await proof('Chloé Leroy', hrA);
      expect(json.status).toBe(200);
      expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(json.headers.get('cache-control')).toBe('private, no-store');
      const body = (await json.json()) as { language: string; events: Array<{ kind: string; day: string }> };
      expect(body.language).toBe('en');
      expect(body.events.map((event) => event.kind)).toEqual([
        'information',
        'proposal',
        'spst_notice',
        'accepted',
      ]);
      const french = (await (await proof('Chloé Leroy', hrA, 'format=json&lang=fr')).json()) as {
        title: string;
      };
      expect(french.title).toBe('Dossier de preuve d’un rendez-vous de liaison');
      const pdf = await tab.call(detail.case.proof[0]!.url, hrA);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(
        Buffer.from(await pdf.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
    });

    test("#12 proof file: the case's manager may get it, nobody else; another tenant's case is not found", async () => {
      expect((await proof('Chloé Leroy', managerA)).status).toBe(200);
      const stranger = await tab.tokenFor('aad-stranger', TENANT_A);
      expect((await proof('Chloé Leroy', stranger)).status).toBe(403);
      expect((await proof('Chloé Leroy', undefined)).status).toBe(401);
      expect((await proof('Zoé Secret', hrA)).status).toBe(404);
      expect((await proof('Chloé Leroy', hrA, 'format=xml')).status).toBe(400);
    });
  });

  describe('the letters', () => {
    test("HR downloads a case's letters as PDF; the case's detail links them", async () => {
      const detail = (await (await tab.call(`/api/tab/cases/${ids['Chloé Leroy']}`, hrA)).json()) as {
        case: { letters: Array<{ kind: string; url: string }> };
      };
      expect(detail.case.letters.map((letter) => letter.kind)).toEqual(['information', 'invitation']);
      for (const letter of detail.case.letters) {
        const response = await tab.call(`${letter.url}?lang=en`, hrA);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('application/pdf');
        expect(response.headers.get('content-disposition')).toMatch(
          /^attachment; filename="liaison-.+\.pdf"$/,
        );
        expect(
          Buffer.from(await response.arrayBuffer())
            .subarray(0, 5)
            .toString(),
        ).toBe('%PDF-');
      }
    });

    test("no letter of another tenant's case, none without a token, no invitation for a cancelled case", async () => {
      const letter = (name: string, kind: string) => `/api/tab/cases/${ids[name]}/letters/${kind}.pdf`;
      expect((await tab.call(letter('Zoé Secret', 'information'), hrA)).status).toBe(404);
      expect((await tab.call(letter('Chloé Leroy', 'information'))).status).toBe(401);
      expect((await tab.call(letter('Chloé Leroy', 'information'), managerA)).status).toBe(403);
      expect((await tab.call(letter('Denis Moreau', 'invitation'), hrA)).status).toBe(404);
      expect((await tab.call(letter('Chloé Leroy', 'medical'), hrA)).status).toBe(404);
    });
  });

  describe('the CSV export', () => {
    let hrCsv: string;
    const awkward = 'Ma"rie; Dupont, =1+1\nsecond line';
    beforeAll(async () => {
      await seed(awkward, TENANT_CSV, { requestDaysAgo: 1, meetingIn: 12 });
      await seed('-Léa @Noël', TENANT_CSV, { requestDaysAgo: 2, meetingIn: 11 });
      hrCsv = await tab.tokenFor(HR_CSV, TENANT_CSV);
    });

    test.each([
      ['fr', ';', 'Salarié'],
      ['en', ',', 'Employee'],
    ])(
      'in %s: UTF-8 with a BOM, quoted where needed, formulas defused, read back cell for cell',
      async (lang, separator, header) => {
        const response = await tab.call(`/api/tab/cases.csv?lang=${lang}`, hrCsv);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
        expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.csv"$/);
        const bytes = new Uint8Array(await response.arrayBuffer());
        expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
        const rows = parseCsv(text, separator);
        expect(rows[0]?.[0]).toBe(header);
        expect(rows).toHaveLength(3);
        expect(rows.every((row) => row.length === rows[0]?.length)).toBe(true);
        // Most urgent first: the SPST of Léa's meeting, a day earlier, must be told a day earlier.
        expect(rows[1]?.[0]).toBe("'-Léa @Noël");
        expect(rows[2]?.[0]).toBe(awkward);
        expect(rows[2]?.[rows[2].length - 1]).toBe(ids[awkward]);
      },
    );
  });

  describe('the settings', () => {
    const put = (token: string, body: unknown, lang = 'en') =>
      tab.call(`/api/tab/settings?lang=${lang}`, token, { method: 'PUT', body: JSON.stringify(body) });
    const current = async () =>
      (await (await tab.call('/api/tab/settings', hrA)).json()) as Record<string, unknown>;

    test('a bad value is refused with 400, every problem named, and nothing is saved', async () => {
      const before = await current();
      const response = await put(hrA, {
        companyName: 'Never saved',
        spstName: 'Dr Durand',
        spstEmail: 'not-an-email',
        spstWebsite: 'ftp://spst',
        headcount: -3,
        hrEmail: 'rh@',
        hrChannelId: 'general',
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { problems: string[]; message: string };
      expect(body.problems.sort()).toEqual([
        'headcount',
        'hrChannelId',
        'hrEmail',
        'hrName',
        'spstEmail',
        'spstWebsite',
      ]);
      expect(body.message).toMatch(/^Nothing was saved: .*SPST email is not a valid address/);
      expect(await current()).toEqual(before);
    });

    test('French messages when the page speaks French', async () => {
      const response = await put(hrA, { spstEmail: 'spst@example.org' }, 'fr');
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toBe(
        "Rien n'a été enregistré : indiquez le nom du contact SPST avec ses coordonnées.",
      );
    });

    test.each([[{ headcount: '12.5' }], [{ unknownField: 'x' }], [{ companyName: 42 }], [[1, 2]]])(
      'refuses %j',
      async (body) => {
        expect((await put(hrA, body)).status).toBe(400);
      },
    );

    test('a valid form is saved and read back; the SPST contact keeps its Teams id while it stays the same', async () => {
      const form = {
        companyName: 'Boulangerie Dupain',
        spstName: 'Dr Durand',
        spstEmail: 'spst@example.org',
        spstPhone: '01 02 03 04 05',
        spstAddress: '1 rue de la Paix, Paris',
        spstWebsite: 'https://spst.example.org',
        hrName: 'Hélène Roux',
        hrEmail: 'rh@example.org',
        hrPhone: '01 99 99 99 99',
        hrChannelId: '19:hr-channel@thread.tacv2',
        headcount: '260',
        referentDesignated: true,
      };
      const response = await put(hrA, form);
      expect(response.status).toBe(200);
      const expected = {
        ...form,
        headcount: 260,
        referentMandatory: true,
        // No policy chosen yet: the domain's defaults.
        lookbackDays: '365',
        proposalRule: 'proposal',
        eligibilityMode: 'elapsed',
        holidaysRegion: 'metropole',
      };
      expect(await response.json()).toEqual(expected);
      expect(await current()).toEqual(expected);
      const stored = await new CompanySettingsStore(tab.app.db).get(TENANT_A, TENANT_A);
      expect(stored.spstContact?.aadObjectId).toBe('aad-spst');
      expect(stored.hrContact).toEqual({
        name: 'Hélène Roux',
        email: 'rh@example.org',
        phone: '01 99 99 99 99',
      });

      await put(hrA, { ...form, spstName: 'Another SPST', spstEmail: 'other@example.org', hrChannelId: '' });
      const changed = await new CompanySettingsStore(tab.app.db).get(TENANT_A, TENANT_A);
      expect(changed.spstContact).toEqual(expect.objectContaining({ name: 'Another SPST' }));
      expect(changed.spstContact?.aadObjectId).toBeUndefined();
      expect(changed.hrChannelId).toBeUndefined();
    });
  });

  describe('the policy choices (RULES.md ⚙)', () => {
    const put = (token: string, body: unknown, lang = 'en') =>
      tab.call(`/api/tab/settings?lang=${lang}`, token, { method: 'PUT', body: JSON.stringify(body) });
    const read = async (token: string) =>
      (await (await tab.call('/api/tab/settings', token)).json()) as Record<string, unknown>;
    const stored = () => new CompanySettingsStore(tab.app.db).get(TENANT_A, TENANT_A);
    const base = { companyName: 'Boulangerie Dupain', spstName: 'Dr Durand', spstEmail: 'spst@example.org' };

    test('GET shows the defaults; PUT saves the four choices, keeps what the form does not show, GET reads them back', async () => {
      expect(await read(hrA)).toMatchObject({
        lookbackDays: '365',
        proposalRule: 'proposal',
        eligibilityMode: 'elapsed',
        holidaysRegion: 'metropole',
      });
      // A setting the form does not offer (set elsewhere) must survive the tab's save.
      await new CompanySettingsStore(tab.app.db).upsert(TENANT_A, TENANT_A, {
        policy: { thresholdDays: 30 },
      });
      const choices = {
        lookbackDays: 'current_leave_only',
        proposalRule: 'meeting',
        eligibilityMode: 'anticipated',
        holidaysRegion: 'alsace_moselle',
      };
      const response = await put(hrA, { ...base, ...choices });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject(choices);
      expect(await read(hrA)).toMatchObject(choices);
      expect((await stored()).policy).toEqual({
        thresholdDays: 30,
        lookbackDays: 'current_leave_only',
        proposalRule: 'meeting',
        eligibilityMode: 'anticipated',
        holidaysRegion: 'alsace_moselle',
      });
      // Back to the 365-day window (stored as the number the domain expects); the other choices stay.
      expect((await put(hrA, { ...base, lookbackDays: '365' })).status).toBe(200);
      expect((await stored()).policy).toMatchObject({ lookbackDays: 365, proposalRule: 'meeting' });
      // Tenant B's policy is untouched.
      expect(await read(hrB)).toMatchObject({ lookbackDays: '365', holidaysRegion: 'metropole' });
    });

    test('a value that is not one of the choices → 400 naming it, and nothing is saved', async () => {
      const before = await stored();
      const response = await put(hrA, {
        ...base,
        companyName: 'Never saved',
        lookbackDays: '730',
        proposalRule: 'meeting',
        holidaysRegion: 'corse',
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { problems: string[]; message: string };
      expect(body.problems.sort()).toEqual(['holidaysRegion', 'lookbackDays']);
      expect(body.message).toBe(
        'Nothing was saved: the choice of which days of leave count is not one of the options offered. ' +
          'the choice of public holidays is not one of the options offered.',
      );
      expect(await stored()).toEqual(before);
      const french = await put(hrA, { ...base, eligibilityMode: 'soon' }, 'fr');
      expect(((await french.json()) as { message: string }).message).toBe(
        "Rien n'a été enregistré : le choix du moment où signaler l'éligibilité n'est pas une des options proposées.",
      );
      expect(await stored()).toEqual(before);
    });
  });

  describe("the company's HR people", () => {
    type List = {
      users: Array<{ aadObjectId: string; name?: string; addedBy: string | null; you: boolean }>;
      youAreAdmin: boolean;
      message?: string;
    };
    const list = async (token: string) => (await (await tab.call('/api/tab/hr-users', token)).json()) as List;
    const ids = async (token: string) => (await list(token)).users.map((user) => user.aadObjectId);
    const add = (token: string, body: unknown, lang = 'en') =>
      tab.call(`/api/tab/hr-users?lang=${lang}`, token, { method: 'POST', body: JSON.stringify(body) });
    const remove = (token: string, id: string, lang = 'en') =>
      tab.call(`/api/tab/hr-users/${encodeURIComponent(id)}?lang=${lang}`, token, { method: 'DELETE' });

    test('an Entra object id is required; a bad one → 400 and nobody is added', async () => {
      for (const body of [
        { aadObjectId: 'not-an-id' },
        { aadObjectId: '' },
        {},
        { aadObjectId: LISTED_A, role: 'x' },
        [1],
      ]) {
        const response = await add(hrA, body);
        expect([body, response.status]).toEqual([body, 400]);
        expect(await response.json()).toMatchObject({
          problems: ['aadObjectId'],
          message: 'The Entra object id must be shaped like 00000000-0000-0000-0000-000000000000.',
        });
      }
      expect(await list(hrA)).toEqual({ users: [], youAreAdmin: true });
    });

    test('HR adds a person (who then is HR of their company only), listed with who added them and their Teams name', async () => {
      // The bot knows the person's name once they have written to it (their conversation reference).
      await new ConversationReferenceStore(tab.app.db).saveFromActivity({
        type: 'message',
        channelId: 'msteams',
        serviceUrl: 'https://smba.example.org/',
        from: { id: '29:a', aadObjectId: LISTED_A, name: 'Inès Garnier' },
        recipient: { id: '28:bot', name: 'Liaison' },
        conversation: { id: 'a:1', conversationType: 'personal', isGroup: false, name: '' },
        channelData: { tenant: { id: TENANT_A } },
      } as never);
      const response = await add(hrA, { aadObjectId: LISTED_A.toUpperCase(), name: 'Inès Garnier' });
      expect(response.status).toBe(201);
      const body = (await response.json()) as List;
      expect(body.message).toBe('Person added to HR.');
      expect(body.users).toEqual([
        expect.objectContaining({ aadObjectId: LISTED_A, name: 'Inès Garnier', addedBy: HR_A, you: false }),
      ]);
      // Adding again changes nothing.
      const again = await add(hrA, { aadObjectId: LISTED_A });
      expect(again.status).toBe(200);
      expect(await ids(hrA)).toEqual([LISTED_A]);

      const listedInA = await tab.tokenFor(LISTED_A, TENANT_A);
      expect((await tab.call('/api/tab/cases', listedInA)).status).toBe(200);
      expect(await list(listedInA)).toMatchObject({
        users: [{ aadObjectId: LISTED_A, you: true }],
        youAreAdmin: false,
      });
      // The same id presented with another tenant is not HR there.
      const sameIdInB = await tab.tokenFor(LISTED_A, TENANT_B);
      expect((await tab.call('/api/tab/hr-users', sameIdInB)).status).toBe(403);
    });

    test("tenant B neither lists, adds to nor removes from tenant A's HR list", async () => {
      expect(await ids(hrB)).toEqual([]);
      expect((await remove(hrB, LISTED_A)).status).toBe(404);
      expect((await add(hrB, { aadObjectId: LISTED_B })).status).toBe(201);
      expect(await ids(hrB)).toEqual([LISTED_B]);
      expect(await ids(hrA)).toEqual([LISTED_A]);
      const access = new AccessControl({ db: tab.app.db, hrAdmins: [], localMode: false });
      expect((await access.hrUsers(TENANT_A, TENANT_A)).map((user) => user.aadObjectId)).toEqual([LISTED_A]);
      expect((await access.hrUsers(TENANT_B, TENANT_B)).map((user) => user.aadObjectId)).toEqual([LISTED_B]);
      // A's list is still A's after B's attempt, and B's own person can be removed by B (B's HR stays: HR_ADMINS).
      expect((await remove(hrB, LISTED_B)).status).toBe(200);
      expect(await ids(hrA)).toEqual([LISTED_A]);
    });

    test('the last HR person named cannot be removed unless the one removing them stays HR through HR_ADMINS', async () => {
      const listedInA = await tab.tokenFor(LISTED_A, TENANT_A);
      const refused = await remove(listedInA, LISTED_A);
      expect(refused.status).toBe(409);
      expect(((await refused.json()) as { message: string }).message).toMatch(
        /^The last HR person named cannot be removed: without them, nobody at the company/,
      );
      const frenchRefusal = await remove(listedInA, LISTED_A, 'fr');
      expect(((await frenchRefusal.json()) as { message: string }).message).toMatch(
        /^Impossible de retirer la dernière personne RH nommée/,
      );
      expect(await ids(hrA)).toEqual([LISTED_A]);

      // With a second person named, one may go; then that second one is the last.
      expect((await add(listedInA, { aadObjectId: LISTED_A2 })).status).toBe(201);
      const listedInA2 = await tab.tokenFor(LISTED_A2, TENANT_A);
      const removed = await remove(listedInA2, LISTED_A);
      expect(removed.status).toBe(200);
      expect(((await removed.json()) as List).users.map((user) => user.aadObjectId)).toEqual([LISTED_A2]);
      expect((await tab.call('/api/tab/hr-users', listedInA)).status).toBe(403);
      expect((await remove(listedInA2, LISTED_A2)).status).toBe(409);
      // HR_ADMINS stay HR whatever the list holds: they may empty it.
      expect((await remove(hrA, LISTED_A2)).status).toBe(200);
      expect(await ids(hrA)).toEqual([]);
      expect((await remove(hrA, LISTED_A2)).status).toBe(404);
    });
  });
});

describe('the HR tab API with a Microsoft app id', () => {
  test('no development token is issued and tokens are checked as Entra tokens', async () => {
    const { freshSqlite } = await import('../../../support/databases');
    const database = await freshSqlite();
    const tab = await startTabApp(database, { MicrosoftAppId: '11111111-2222-3333-4444-555555555555' });
    try {
      const response = await tab.call('/api/tab/dev-token', undefined, {
        method: 'POST',
        body: JSON.stringify({ aadObjectId: 'x', tenantId: 'y' }),
      });
      expect(response.status).toBe(404);
      const config = (await (await tab.call('/api/tab/config')).json()) as Record<string, unknown>;
      expect(config).toEqual({ mode: 'entra', appId: '11111111-2222-3333-4444-555555555555' });
      expect((await tab.call('/api/tab/cases')).status).toBe(401);
    } finally {
      await tab.app.stop();
      await database.dispose();
    }
  });
});

describe.each(storageKinds())('the HR list in local mode with nobody named, on $kind', ({ open }) => {
  test('naming the first HR person also names the caller, who would otherwise lose access', async () => {
    const database = await open();
    const tab = await startTabApp(database);
    try {
      const demo = await tab.tokenFor('aad-hr', TENANT_A);
      const response = await tab.call('/api/tab/hr-users?lang=en', demo, {
        method: 'POST',
        body: JSON.stringify({ aadObjectId: LISTED_A }),
      });
      expect(response.status).toBe(201);
      const body = (await response.json()) as { users: Array<{ aadObjectId: string }>; message: string };
      expect(body.users.map((user) => user.aadObjectId).sort()).toEqual(['aad-hr', LISTED_A].sort());
      expect(body.message).toMatch(/you were added too/);
      expect((await tab.call('/api/tab/cases', demo)).status).toBe(200);
      // Somebody else is no longer HR now that people are named.
      const other = await tab.tokenFor('aad-manager', TENANT_A);
      expect((await tab.call('/api/tab/cases', other)).status).toBe(403);
    } finally {
      await tab.app.stop();
      await database.dispose();
    }
  });
});
