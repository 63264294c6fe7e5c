// The proof file (issue #12, "the proof file"): the case's dated trail as PDF and JSON, fr and en, nothing medical,
// no free text, only behind a signed link made for it (the tab's route is covered in test/bot/http/tab/api.test.ts).
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import type { CaseChange, CaseService } from '../../../../bot/services/caseFlow';
import type { CaseStore, LiaisonCase } from '../../../../bot/services/cases';
import {
  buildProofFile,
  LetterLinks,
  proofFileActions,
  proofFileOf,
  proofFilename,
  proofJson,
  renderProofPdf,
  type ProofFile,
} from '../../../../bot/services/letters';
import { letterRoutes } from '../../../../bot/http/lettersRoutes';
import { translatorFor } from '../../../../language/i18n';
import { RequestStore } from '../../../../bot/services/requests/requestStore';
import { containsHealthDetails } from '../../../../language/health-guard';
import {
  callerOf,
  COMPANY,
  EMPLOYEE_ID,
  HR_ID,
  MANAGER_ID,
  sampleOpenRequest,
  SPST_ID,
  TENANT,
  testCaseService,
} from '../cases/sampleCase';
import { silentLogger } from '../../../support/bot';
import { storageKinds, type TestDatabase } from '../../../support/databases';
import { MEDICAL_WORDS, SETTINGS } from './fixtures';
import { pdfText } from './pdfText';

const SETTINGS_IN_TEAMS = { ...SETTINGS, spstContact: { ...SETTINGS.spstContact!, aadObjectId: SPST_ID } };
/** Free text typed by people: none of it may reach the proof file. */
const PLACE = 'Salle Œillet, 2e étage';
const JOB = 'Comptable principale';

describe.each(storageKinds())('#12 proof file on $kind', ({ open }) => {
  let database: TestDatabase;
  let clock: Date;
  let service: CaseService;
  let cases: CaseStore;
  let story: LiaisonCase;
  let declined: LiaisonCase;
  let cancelled: LiaisonCase;
  let server: restify.Server;
  let baseUrl: string;
  let links: LetterLinks;

  const at = (iso: string) => {
    clock = new Date(iso);
  };
  const change = async (
    liaisonCase: LiaisonCase,
    command: CaseChange,
    by: string,
    via = 'teams' as const,
  ) => {
    const outcome = await service.change(TENANT, liaisonCase.id, command, { ...callerOf(by), via });
    if (outcome.outcome !== 'applied') throw new Error(JSON.stringify(outcome));
    return outcome.case;
  };
  const openCase = async (overrides: Parameters<typeof sampleOpenRequest>[0] = {}, by = MANAGER_ID) => {
    const outcome = await service.open(
      sampleOpenRequest({
        employee: { aadObjectId: EMPLOYEE_ID, name: 'Zoé Lefèvre', jobTitle: JOB },
        meeting: { date: '2026-11-20', time: '10:00', mode: 'on_site', place: PLACE },
        ...overrides,
      }),
      callerOf(by),
    );
    if (outcome.outcome !== 'applied') throw new Error(JSON.stringify(outcome));
    return outcome.case;
  };

  beforeAll(async () => {
    database = await open();
    at('2026-11-03T08:00:00.000Z');
    const built = testCaseService(database.db, { now: () => clock });
    ({ service, cases } = built);
    await built.companySettings.upsert(TENANT, COMPANY, SETTINGS_IN_TEAMS);
    // The employee's request through Liaison on 2 November, acknowledged by HR the same day.
    at('2026-11-02T14:05:00.000Z');
    const requests = new RequestStore(database.db, () => clock);
    await requests.create(
      {
        id: 'request-1',
        tenantId: TENANT,
        companyId: COMPANY,
        employee: { aadObjectId: EMPLOYEE_ID, name: 'Zoé Lefèvre' },
        manager: { aadObjectId: MANAGER_ID, name: 'François Bœuf' },
        requestDate: '2026-11-02',
        leaveStart: '2026-09-01',
        eligibleFrom: '2026-10-02',
      },
      async () => undefined,
    );
    await requests.acknowledge(
      TENANT,
      'request-1',
      { on: '2026-11-02', by: { aadObjectId: HR_ID, name: 'Hélène Roux' } },
      async () => undefined,
    );
    // The whole story of one case: asked, proposed, another date, a new one, the SPST's acknowledgement, an
    // acceptance on the answer page, the meeting held (recorded from the HR tab).
    at('2026-11-03T08:00:00.000Z');
    story = await openCase({ initiator: 'employee', requestId: 'request-1' });
    at('2026-11-04T09:30:00.000Z');
    story = await change(
      story,
      { type: 'ask_other_date', offer: 1, wishes: { dates: [], withoutManager: false, referent: true } },
      EMPLOYEE_ID,
    );
    at('2026-11-05T10:15:00.000Z');
    story = await change(
      story,
      {
        type: 'propose_again',
        meeting: { date: '2026-11-24', time: '14:00', mode: 'remote', link: 'https://x' },
      },
      MANAGER_ID,
    );
    at('2026-11-06T11:00:00.000Z');
    story = await change(story, { type: 'acknowledge_spst', offer: 2 }, SPST_ID);
    at('2026-11-07T16:45:00.000Z');
    story = await change(story, { type: 'accept', offer: 2 }, EMPLOYEE_ID, 'link' as never);
    at('2026-11-24T16:00:00.000Z');
    story = await change(story, { type: 'record_held' }, HR_ID, 'tab' as never);
    // A decline and a cancellation, for two other employees.
    at('2026-11-03T08:00:00.000Z');
    declined = await openCase(
      { employee: { aadObjectId: 'aad-b', name: 'Bruno Petit' }, manager: undefined },
      HR_ID,
    );
    at('2026-11-04T08:00:00.000Z');
    declined = await change(declined, { type: 'decline', offer: 1 }, 'aad-b');
    at('2026-11-03T08:00:00.000Z');
    cancelled = await openCase({ employee: { aadObjectId: 'aad-c', name: 'Chloé Leroy' } });
    at('2026-11-05T08:00:00.000Z');
    cancelled = await change(cancelled, { type: 'cancel' }, HR_ID);

    at('2026-11-25T09:00:00.000Z');
    server = restify.createServer();
    letterRoutes({
      db: database.db,
      cases,
      companySettings: built.companySettings,
      logger: silentLogger,
      links: { now: () => clock },
    })(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    links = new LetterLinks(database.db, { publicBaseUrl: baseUrl, now: () => clock });
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await database?.dispose();
  });

  const proofOf = (liaisonCase: LiaisonCase, lang: 'fr' | 'en') =>
    proofFileOf(
      { db: database.db, cases, companySettings: { get: async () => SETTINGS_IN_TEAMS } },
      liaisonCase,
      lang,
      clock,
    );
  const kinds = (proof: ProofFile) => proof.events.map((event) => event.kind);

  test('#12 proof file: every step of the trail is present, dated, in order', async () => {
    const proof = await proofOf(story, 'en');
    expect(kinds(proof)).toEqual([
      'request',
      'request_received',
      'request_acknowledged',
      'information',
      'proposal',
      'spst_notice',
      'other_date_asked',
      'new_date',
      'spst_change',
      'spst_acknowledged',
      'accepted',
      'held',
    ]);
    const trail = await cases.auditTrail(TENANT, story.id);
    expect(trail.map((entry) => entry.event)).toEqual([
      'open',
      'ask_other_date',
      'propose_again',
      'acknowledge_spst',
      'accept',
      'record_held',
    ]);
    // Every audit entry is in the file with its instant, Paris day and time; D0 and the acknowledgement by day.
    for (const entry of trail) {
      expect(proof.events.some((event) => event.at === entry.at)).toBe(true);
    }
    expect(proof.events.map((event) => [event.kind, event.day, event.time ?? null])).toEqual([
      ['request', '2026-11-02', null],
      ['request_received', '2026-11-02', '15:05'],
      ['request_acknowledged', '2026-11-02', null],
      ['information', '2026-11-03', '09:00'],
      ['proposal', '2026-11-03', '09:00'],
      ['spst_notice', '2026-11-03', '09:00'],
      ['other_date_asked', '2026-11-04', '10:30'],
      ['new_date', '2026-11-05', '11:15'],
      ['spst_change', '2026-11-05', '11:15'],
      ['spst_acknowledged', '2026-11-06', '12:00'],
      ['accepted', '2026-11-07', '17:45'],
      ['held', '2026-11-24', '17:00'],
    ]);
    const byKind = Object.fromEntries(proof.events.map((event) => [event.kind, event]));
    expect(byKind.accepted).toMatchObject({ actor: 'employee', via: 'link', offer: 2, toState: 'accepted' });
    expect(byKind.held).toMatchObject({ actor: 'hr', via: 'tab', fromState: 'accepted', toState: 'held' });
    expect(byKind.spst_acknowledged).toMatchObject({ actor: 'spst', offer: 2 });
    expect(byKind.new_date?.label).toBe(
      'A new date was proposed (offer 2): 24 November 2026 at 14:00, remote',
    );
    expect(proof.deadlines).toEqual({
      proposalDue: '2026-11-17',
      proposedOn: '2026-11-03',
      proposalDaysLate: 0,
      latestSpstNoticeDate: '2026-11-16',
    });
    expect(proof.case).toMatchObject({ state: 'held', managerName: 'Louis Bernard', openedBy: 'manager' });
  });

  test('#12 proof file: a decline and a cancellation, with the SPST told', async () => {
    const refused = await proofOf(declined, 'fr');
    expect(kinds(refused)).toEqual([
      'information',
      'proposal',
      'spst_notice',
      'declined',
      'spst_cancellation',
    ]);
    expect(refused.case).toMatchObject({ managerName: null, openedBy: 'hr' });
    const stopped = await proofOf(cancelled, 'fr');
    expect(kinds(stopped)).toEqual([
      'information',
      'proposal',
      'spst_notice',
      'cancelled',
      'spst_cancellation',
    ]);
    expect(stopped.events.find((event) => event.kind === 'cancelled')).toMatchObject({
      actor: 'hr',
      actorLabel: 'les ressources humaines',
      day: '2026-11-05',
    });
  });

  test.each(['fr', 'en'] as const)('#12 proof file: in %s, every sentence from the locale', async (lang) => {
    const proof = await proofOf(story, lang);
    const t = translatorFor(lang, 'letters');
    expect(proof.language).toBe(lang);
    expect(proof.title).toBe(t('proof.title'));
    expect(proof.statement).toBe(t('proof.noMedical'));
    expect(proof.events.find((event) => event.kind === 'accepted')?.label).toBe(
      t('proof.events.accepted', { offer: 2 }),
    );
    expect(proof.events.find((event) => event.kind === 'held')?.viaLabel).toBe(t('proof.vias.tab'));
    // The other language's words are not there.
    const other = translatorFor(lang === 'fr' ? 'en' : 'fr', 'letters');
    expect(JSON.stringify(proof)).not.toContain(other('proof.events.accepted', { offer: 2 }));
  });

  test.each(['fr', 'en'] as const)(
    '#12 proof file: in %s, no medical content and no free text (PDF and JSON)',
    async (lang) => {
      const proof = await proofOf(story, lang);
      const pdf = pdfText(await renderProofPdf(proof, { compress: false }));
      for (const text of [proofJson(proof), pdf]) {
        const lower = text.toLowerCase();
        for (const word of MEDICAL_WORDS) expect(lower).not.toContain(word);
        // Free text typed by people, absences and contract details never go in.
        for (const typed of [PLACE, JOB, 'https://x', 'maladie', '2026-09-01', '2026-12-31']) {
          expect(text).not.toContain(typed);
        }
      }
      for (const event of proof.events) expect(containsHealthDetails(event.label).found).toBe(false);
      expect(Object.keys(proof.case).sort()).toEqual(
        [
          'companyName',
          'employeeName',
          'id',
          'initiator',
          'managerName',
          'meeting',
          'openedBy',
          'requestDate',
          'spstAttendance',
          'state',
          'stateLabel',
        ].sort(),
      );
    },
  );

  test('#12 proof file: the PDF shows the title, the facts and every step with its date', async () => {
    for (const lang of ['fr', 'en'] as const) {
      const proof = await proofOf(story, lang);
      const pdf = await renderProofPdf(proof, { compress: false });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = pdfText(pdf);
      expect(text).toContain(proof.title);
      expect(text).toContain('Zoé Lefèvre');
      for (const day of lang === 'fr' ? ['02/11/2026', '07/11/2026', '24/11/2026'] : ['7 November 2026']) {
        expect(text).toContain(day);
      }
      expect(text).toContain(lang === 'fr' ? '17:45' : '17:45');
    }
    expect((await renderProofPdf(await proofOf(story, 'en'))).subarray(0, 5).toString('latin1')).toBe(
      '%PDF-',
    );
  });

  test('#12 proof file: JSON is the same file, parseable, with a stable format name and a file name', async () => {
    const proof = await proofOf(story, 'fr');
    expect(JSON.parse(proofJson(proof))).toEqual(proof);
    expect(proof.format).toBe('liaison.proof/1');
    expect(proofFilename(proof, 'json')).toBe(`liaison-preuve-${story.id}-2026-11-25.json`);
    expect(proofFilename(await proofOf(story, 'en'), 'pdf')).toBe(`liaison-proof-${story.id}-2026-11-25.pdf`);
  });

  test('#12 proof file: built without a request, a case opened by the employer has no request step', () => {
    const proof = buildProofFile(
      { liaisonCase: { ...cancelled, initiator: 'employer' }, trail: [], generatedAt: clock },
      'en',
    );
    expect(proof.events).toEqual([]);
    expect(proof.case.companyName).toBe(cancelled.companyId);
  });

  test('#12 proof file: the signed links of proofFileActions give the PDF and the JSON, in the reader language', async () => {
    const actions = await proofFileActions(links, story, 'en-GB');
    expect(actions.map((action) => action.title)).toEqual(['Proof file (PDF)', 'Proof file (JSON)']);
    const pdf = await fetch(actions[0]!.url);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('cache-control')).toBe('private, no-store');
    expect(pdf.headers.get('content-disposition')).toBe(
      `attachment; filename="liaison-proof-${story.id}-2026-11-25.pdf"`,
    );
    const json = await fetch(actions[1]!.url);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = (await json.json()) as ProofFile;
    expect(body.language).toBe('en');
    expect(body.events.map((event) => event.kind)).toContain('held');
  });

  test('#12 proof file: a letter link does not open the proof, a forged or foreign one opens nothing', async () => {
    const letter = await links.letterLink(TENANT, story.id, 'information', 'fr');
    const [body, signature] = letter.split('/letters/')[1]!.split('.');
    const payload = JSON.parse(Buffer.from(body!, 'base64url').toString()) as Record<string, unknown>;
    const swapped = Buffer.from(JSON.stringify({ ...payload, k: 'proof_json' })).toString('base64url');
    expect((await fetch(`${baseUrl}/letters/${swapped}.${signature}`)).status).toBe(403);
    // A proof link of another tenant's case: 404, as a case that does not exist.
    expect((await fetch(await links.letterLink('tenant-b', story.id, 'proof_json', 'fr'))).status).toBe(404);
  });
});
