/**
 * Tenant isolation (issue #5): a request from tenant B never reads or changes anything of tenant A — through the
 * stores, the card actions, and the real app over HTTP. Every attacker below uses the SAME Entra object ids as
 * tenant A's people (object ids are per tenant; a forged or colliding one must still not cross tenants), and every
 * test ends with a control showing that the same request from tenant A does work, so that the test can fail.
 */
import { TestAdapter, TurnContext, type Activity, type AdaptiveCardInvokeResponse } from 'botbuilder';
import { createApp, type LiaisonApp } from '../../../../bot/app';
import { AccessControl } from '../../../../bot/services/access';
import { handleCardAction } from '../../../../bot/teams/cardActions';
import { CompanySettingsStore, type CaseService } from '../../../../bot/services/caseFlow';
import { CaseStore, type LiaisonCase } from '../../../../bot/services/cases';
import { loadConfig } from '../../../../bot/platform/config';
import { translatorFor } from '../../../../language/i18n';
import { ConversationReferenceStore } from '../../../../bot/platform/messaging';
import type { Database } from '../../../../bot/platform/storage';
import { cardTexts, silentLogger } from '../../../support/bot';
import { storageKinds, type TestDatabase } from '../../../support/databases';
import { parisToday } from '../../../../domain';
import {
  callerOf,
  HR_ID,
  sampleOpenRequest,
  sampleOpenRequestOn,
  seedCase,
  testCaseService,
} from '../cases/sampleCase';

const NOW = new Date('2026-11-10T09:00:00Z');
const A = 'tenant-a';
const B = 'tenant-b';
const EMPLOYEE = 'aad-employee';
const MANAGER = 'aad-manager';
const SPST = 'aad-spst';
/** Every verb a case card can send (docs/contract.md §3 and the manager's status card). */
const VERBS = [
  'invitation.accept',
  'invitation.decline',
  'invitation.reschedule',
  'invitation.refresh',
  'spst.acknowledge',
  'request.acknowledge',
  'case.status',
  'case.propose',
  'case.cancel',
  'case.held',
];
const refusedUnknown = translatorFor('fr-FR')('case.refusalUnknown', { ns: 'cards' });

/** What a tenant-B request must never change: the case, its audit trail and the outbox. */
async function snapshot(db: Database, caseId: string) {
  return {
    case: await db.query('SELECT state, version, document FROM cases WHERE id = $1', [caseId]),
    audit: await db.query(
      'SELECT case_version, event FROM case_audit WHERE case_id = $1 ORDER BY case_version',
      [caseId],
    ),
    outbox: await db.query('SELECT id, kind, status FROM outbox ORDER BY id'),
  };
}

function invoke(verb: string, caseId: string, from: string, tenantId: string, extra: Partial<Activity> = {}) {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    channelId: 'msteams',
    locale: 'fr-FR',
    from: { id: `29:${from}`, aadObjectId: from },
    recipient: { id: '28:liaison' },
    conversation: { id: `a:conv-${tenantId}-${from}`, conversationType: 'personal', tenantId },
    channelData: { tenant: { id: tenantId } },
    value: {
      action: {
        type: 'Action.Execute',
        verb,
        data: {
          caseId,
          offer: 1,
          meetingDate: '2026-12-15',
          meetingTime: '10:00',
          preferredDate1: '2026-12-01',
        },
      },
      trigger: 'manual',
    },
    ...extra,
  } as Partial<Activity>;
}

describe.each(storageKinds())('tenant isolation in the stores on $kind', ({ open }) => {
  let database: TestDatabase;
  let cases: CaseStore;
  let service: CaseService;
  let liaisonCase: LiaisonCase;

  beforeEach(async () => {
    database = await open();
    ({ cases, service } = testCaseService(database.db, { now: () => NOW }));
    liaisonCase = await seedCase(database.db);
  });
  afterEach(() => database.dispose());

  it('never reveals a case, its audit trail or its company to another tenant', async () => {
    expect(await cases.get(B, liaisonCase.id)).toBeNull();
    expect(await cases.auditTrail(B, liaisonCase.id)).toEqual([]);
    expect(await cases.listForCompany(B, liaisonCase.companyId)).toEqual([]);
    // Control: tenant A sees all of it.
    expect((await cases.get(A, liaisonCase.id))?.id).toBe(liaisonCase.id);
    expect(await cases.auditTrail(A, liaisonCase.id)).toHaveLength(1);
    expect(await cases.listForCompany(A, liaisonCase.companyId)).toHaveLength(1);
  });

  it('never changes a case of another tenant, whatever the command or the person', async () => {
    const before = await snapshot(database.db, liaisonCase.id);
    for (const by of [EMPLOYEE, MANAGER, SPST, HR_ID]) {
      for (const change of [
        { type: 'accept', offer: 1 },
        { type: 'decline', offer: 1 },
        { type: 'acknowledge_spst', offer: 1 },
        { type: 'cancel' },
        { type: 'propose_again', meeting: { date: '2026-11-25', time: '10:00', mode: 'on_site' } },
      ] as const) {
        expect(await service.change(B, liaisonCase.id, change, callerOf(by))).toMatchObject({
          outcome: 'refused',
          reason: 'unknown_case',
        });
      }
    }
    expect(await snapshot(database.db, liaisonCase.id)).toEqual(before);
    // Control.
    expect(
      (await service.change(A, liaisonCase.id, { type: 'accept', offer: 1 }, callerOf(EMPLOYEE))).outcome,
    ).toBe('applied');
  });

  it("opens tenant B's own case for the same people, never touching tenant A's", async () => {
    const result = await service.open(
      sampleOpenRequest({ tenantId: B, caseId: liaisonCase.id }),
      callerOf(MANAGER),
    );
    // Case ids are global keys: the same id in tenant B is refused, A's case is untouched.
    expect(result).toMatchObject({ outcome: 'refused', reason: 'open_case_exists', case: null });
    expect(result).not.toHaveProperty('openCaseId');
    const own = await service.open(sampleOpenRequest({ tenantId: B }), callerOf(MANAGER));
    expect(own).toMatchObject({ outcome: 'applied', case: { tenantId: B } });
    expect((await cases.get(A, liaisonCase.id))?.version).toBe(1);
  });

  it('keeps settings, conversation references and HR lists per tenant', async () => {
    const settings = new CompanySettingsStore(database.db);
    await settings.upsert(A, 'company-1', { companyName: 'Entreprise A' });
    expect(await settings.get(B, 'company-1')).toEqual({});
    const references = new ConversationReferenceStore(database.db);
    await references.saveFromActivity({
      ...invoke('x', 'x', EMPLOYEE, A),
      type: 'message',
      serviceUrl: 'https://smba.example/',
    } as Activity);
    expect(await references.findUser(B, EMPLOYEE)).toBeUndefined();
    expect(await references.findUser(A, EMPLOYEE)).toBeDefined();
    const access = new AccessControl({ db: database.db, settings, hrAdmins: [], localMode: false });
    await access.addHrUser(A, 'company-1', 'aad-hr');
    expect(await access.isHr(B, 'company-1', 'aad-hr')).toBe(false);
    expect(await access.rolesOnCase({ tenantId: B, aadObjectId: EMPLOYEE }, liaisonCase)).toEqual([]);
    expect(await access.isHr(A, 'company-1', 'aad-hr')).toBe(true);
  });
});

describe.each(storageKinds())('tenant isolation in the card actions on $kind', ({ open }) => {
  let database: TestDatabase;
  let cases: CaseStore;
  let caseService: CaseService;
  let liaisonCase: LiaisonCase;
  const adapter = new TestAdapter(async () => undefined);

  beforeEach(async () => {
    database = await open();
    ({ cases, service: caseService } = testCaseService(database.db, { now: () => NOW }));
    liaisonCase = await seedCase(database.db);
  });
  afterEach(() => database.dispose());

  const click = (activity: Partial<Activity>): Promise<AdaptiveCardInvokeResponse> =>
    handleCardAction(new TurnContext(adapter, activity), {
      cases,
      caseService,
      isHr: async (_tenantId, _companyId, id) => id === HR_ID,
      now: () => NOW,
    });

  it.each(VERBS)('%s from tenant B on a tenant-A case: refusal card, nothing changes', async (verb) => {
    const before = await snapshot(database.db, liaisonCase.id);
    for (const person of [EMPLOYEE, MANAGER, SPST]) {
      const response = await click(invoke(verb, liaisonCase.id, person, B));
      expect(response.statusCode).toBe(200);
      expect(cardTexts(response.value)).toContain(refusedUnknown);
      expect(JSON.stringify(response.value)).not.toMatch(/Camille|Louis|Salle/);
    }
    // The tenant in the conversation cannot stand in for the one in the channel data either.
    const mixed = invoke(verb, liaisonCase.id, EMPLOYEE, B, {
      conversation: { id: 'a:x', conversationType: 'personal', tenantId: A } as never,
    });
    expect(cardTexts((await click(mixed)).value)).toContain(refusedUnknown);
    expect(await snapshot(database.db, liaisonCase.id)).toEqual(before);
  });

  it('control: the same click from tenant A is answered with the case', async () => {
    const response = await click(invoke('invitation.accept', liaisonCase.id, EMPLOYEE, A));
    expect(cardTexts(response.value)).not.toContain(refusedUnknown);
    expect((await cases.get(A, liaisonCase.id))?.state).toBe('accepted');
  });
});

describe.each(storageKinds())('tenant isolation over HTTP (/api/messages) on $kind', ({ open }) => {
  let database: TestDatabase;
  let app: LiaisonApp;
  let baseUrl: string;
  let liaisonCase: LiaisonCase;

  beforeAll(async () => {
    database = await open();
    await database.db.close();
    app = await createApp(
      loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: database.url, LOG_LEVEL: 'silent' }),
      silentLogger,
    );
    baseUrl = `http://127.0.0.1:${await app.http.listen()}`;
    // No delivery attempt while tenant B clicks: the snapshot compares the outbox's statuses, which the
    // dispatcher's own attempts (to nowhere, here) would change at any moment.
    await app.dispatcher.stop();
    await app.companySettings.upsert(A, A, { companyName: 'Entreprise Alpha' });
    // The app runs on the real clock: a case whose meeting is still to come.
    liaisonCase = await seedCase(app.db, {
      request: sampleOpenRequestOn(parisToday(new Date()), { companyId: A }),
      service: { now: () => new Date() },
    });
  });
  afterAll(async () => {
    await app?.stop();
    await database?.dispose();
  });

  const post = async (activity: Partial<Activity>) => {
    const response = await fetch(`${baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/', ...activity }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };

  it('answers every card verb from tenant B with a refusal and changes nothing', async () => {
    const before = await snapshot(app.db, liaisonCase.id);
    for (const verb of VERBS) {
      for (const person of [EMPLOYEE, MANAGER, SPST]) {
        const { status, body } = await post(invoke(verb, liaisonCase.id, person, B));
        expect(status).toBe(200);
        expect(cardTexts(body.value)).toContain(refusedUnknown);
      }
    }
    expect(await snapshot(app.db, liaisonCase.id)).toEqual(before);
  });

  it("does not show tenant A's settings to tenant B", async () => {
    const { body } = await post({
      type: 'message',
      text: 'paramètres',
      deliveryMode: 'expectReplies',
      channelId: 'msteams',
      locale: 'fr-FR',
      from: { id: '29:aad-hr', aadObjectId: 'aad-hr' } as never,
      recipient: { id: '28:liaison' } as never,
      conversation: { id: 'a:conv-b', conversationType: 'personal', tenantId: B } as never,
      channelData: { tenant: { id: B } },
    });
    const replies = JSON.stringify(body);
    expect(replies).not.toContain('Entreprise Alpha');
    // Control: the same request from tenant A shows them (local mode: everyone is HR while none is named).
    const control = await post({
      type: 'message',
      text: 'paramètres',
      deliveryMode: 'expectReplies',
      channelId: 'msteams',
      locale: 'fr-FR',
      from: { id: '29:aad-hr', aadObjectId: 'aad-hr' } as never,
      recipient: { id: '28:liaison' } as never,
      conversation: { id: 'a:conv-a', conversationType: 'personal', tenantId: A } as never,
      channelData: { tenant: { id: A } },
    });
    expect(JSON.stringify(control.body)).toContain('Entreprise Alpha');
  });

  it('control: the employee of tenant A accepts over HTTP', async () => {
    const { status, body } = await post(invoke('invitation.accept', liaisonCase.id, EMPLOYEE, A));
    expect(status).toBe(200);
    expect(cardTexts(body.value)).not.toContain(refusedUnknown);
    expect((await new CaseStore(app.db).get(A, liaisonCase.id))?.state).toBe('accepted');
  });
});
