import { TestAdapter, TurnContext, type Activity, type AdaptiveCardInvokeResponse } from 'botbuilder';
import type { Outbox, ClaimedMessage, CaseStore, LiaisonCase } from '../../../../bot/services/cases';
import type { CaseService } from '../../../../bot/services/caseFlow';
import { caseStatusCardFor, handleCardAction } from '../../../../bot/teams/cardActions';
import { translatorFor } from '../../../../language/i18n';
import { storageKinds, type TestDatabase } from '../../../support/databases';
import { cardTexts } from '../../../support/bot';
import {
  EMPLOYEE_ID,
  HR_ID,
  MANAGER_ID,
  seedCase,
  SPST_ID,
  TENANT,
  testCaseService,
} from '../../services/cases/sampleCase';
import type { CaseState } from '../../../../bot/services/cases';

const STRANGER = 'aad-stranger';
// 10 November 2026 in Paris; the sample meeting is on the 20th.
const NOW = new Date('2026-11-10T09:00:00Z');

interface Click {
  verb: string;
  caseId: string;
  from?: string;
  tenantId?: string;
  locale?: string;
  inputs?: Record<string, unknown>;
}

let activityCount = 0;

function invokeActivity({
  verb,
  caseId,
  from = EMPLOYEE_ID,
  tenantId = TENANT,
  locale = 'fr-FR',
  inputs,
}: Click) {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `activity-${++activityCount}`,
    channelId: 'msteams',
    locale,
    from: { id: `29:${from}`, aadObjectId: from },
    recipient: { id: 'bot' },
    conversation: { id: 'a:conversation', tenantId },
    channelData: { tenant: { id: tenantId } },
    value: {
      action: { type: 'Action.Execute', verb, data: { caseId, offer: 1, ...inputs } },
      trigger: 'manual',
    },
  } as Partial<Activity>;
}

/** A translated card sentence, e.g. `invitationAnswered.declined`. */
const sentence = (key: string, locale = 'fr-FR', options = {}) =>
  translatorFor(locale)(key, { ns: 'cards', ...options }) as string;

describe.each(storageKinds())('card actions on $kind', ({ open }) => {
  let handle: TestDatabase;
  let cases: CaseStore;
  let outbox: Outbox;
  let caseService: CaseService;
  let adapter: TestAdapter;

  beforeEach(async () => {
    handle = await open();
    ({ cases, outbox, service: caseService } = testCaseService(handle.db, { now: () => NOW }));
    adapter = new TestAdapter(async () => undefined);
  });
  afterEach(() => handle.dispose());

  const seeded = async (state: CaseState = 'invited') => {
    const liaisonCase = await seedCase(handle.db, { state });
    await outbox.claimDue(new Date('2030-01-01T00:00:00Z'), 100); // what seeding queued is not under test
    return liaisonCase;
  };

  const click = (action: Click): Promise<AdaptiveCardInvokeResponse> =>
    handleCardAction(new TurnContext(adapter, invokeActivity(action)), {
      cases,
      caseService,
      isHr: async (_tenantId, _companyId, id) => id === HR_ID,
      now: () => NOW,
    });

  const queued = (): Promise<ClaimedMessage[]> => outbox.claimDue(new Date('2030-01-01T00:00:00Z'), 100);
  const stored = (liaisonCase: LiaisonCase) => cases.get(liaisonCase.tenantId, liaisonCase.id);

  async function expectUnchanged(before: LiaisonCase) {
    expect(await stored(before)).toEqual(before);
    expect(await queued()).toEqual([]);
  }

  function expectRefusal(response: AdaptiveCardInvokeResponse, reasonKey: string) {
    expect(response).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(cardTexts(response.value)).toContain(sentence(reasonKey));
    expect(JSON.stringify(response.value)).not.toContain('Action.Execute');
  }

  test('the employee accepts: the case moves, HR and the manager are told, the card can still be changed', async () => {
    const liaisonCase = await seeded();
    const response = await click({ verb: 'invitation.accept', caseId: liaisonCase.id });
    expect(cardTexts(response.value)).toContain(sentence('invitationAnswered.accepted'));
    expect(JSON.stringify(response.value)).toContain('invitation.decline');
    expect((await stored(liaisonCase))?.state).toBe('accepted');
    expect((await queued()).map((m) => [m.kind, m.payload])).toEqual(
      expect.arrayContaining([
        ['hr.update', { caseId: liaisonCase.id, news: 'accept' }],
        ['manager.status', { caseId: liaisonCase.id, news: 'accept' }],
      ]),
    );
  });

  test('a stranger who clicks accept gets a refusal and nothing changes', async () => {
    const liaisonCase = await seeded();
    expectRefusal(
      await click({ verb: 'invitation.accept', caseId: liaisonCase.id, from: STRANGER }),
      'case.refusalNotAllowed',
    );
    await expectUnchanged(liaisonCase);
  });

  test('a forged case id, a case of another tenant, an unknown verb get a refusal', async () => {
    const liaisonCase = await seeded();
    expectRefusal(await click({ verb: 'invitation.accept', caseId: 'forged' }), 'case.refusalUnknown');
    expectRefusal(
      await click({ verb: 'invitation.accept', caseId: liaisonCase.id, tenantId: 'tenant-b' }),
      'case.refusalUnknown',
    );
    expectRefusal(
      await click({ verb: 'invitation.delete', caseId: liaisonCase.id }),
      'case.refusalNotAllowed',
    );
    expectRefusal(await click({ verb: 'constructor', caseId: liaisonCase.id }), 'case.refusalNotAllowed');
    await expectUnchanged(liaisonCase);
  });

  test('a double click changes the case once', async () => {
    const liaisonCase = await seeded();
    await click({ verb: 'invitation.accept', caseId: liaisonCase.id });
    await click({ verb: 'invitation.accept', caseId: liaisonCase.id });
    expect((await cases.auditTrail(TENANT, liaisonCase.id)).map((e) => e.event)).toEqual(['open', 'accept']);
    expect((await queued()).filter((m) => m.kind === 'hr.update')).toHaveLength(1);
  });

  test('#12.8 an old card cannot answer a newer offer: the current invitation is shown, nothing changes', async () => {
    const liaisonCase = await seeded();
    await click({
      verb: 'case.propose',
      caseId: liaisonCase.id,
      from: MANAGER_ID,
      inputs: { meetingDate: '2026-11-24', meetingTime: '14:00' },
    });
    const reproposed = (await stored(liaisonCase))!;
    expect(reproposed.offer).toBe(2);
    await queued();
    const response = await click({ verb: 'invitation.accept', caseId: liaisonCase.id, inputs: { offer: 1 } });
    const texts = cardTexts(response.value);
    expect(texts).toContain(sentence('case.refusalStale'));
    expect(texts).toContain(sentence('invitation.replacesEarlier'));
    expect(JSON.stringify(response.value)).toContain('"offer":2');
    await expectUnchanged(reproposed);
  });

  test('#12.9 after accepting, the employee may decline until the meeting; the card says they may ask later', async () => {
    const liaisonCase = await seeded('accepted');
    const response = await click({ verb: 'invitation.decline', caseId: liaisonCase.id });
    expect(cardTexts(response.value)).toContain(sentence('invitationAnswered.declined'));
    expect((await stored(liaisonCase))?.state).toBe('declined');
    expect((await queued()).map((m) => m.kind).sort()).toEqual([
      'hr.update',
      'manager.status',
      'spst.notice',
    ]);
  });

  test('#12.4 another date: dates and a part of the day, no free text; the wishes are kept', async () => {
    const liaisonCase = await seeded();
    await click({
      verb: 'invitation.reschedule',
      caseId: liaisonCase.id,
      inputs: {
        preferredDate1: '2026-11-25',
        partOfDay: 'morning',
        withoutManager: 'true',
        referentRequested: 'true',
        comment: 'ignored free text',
      },
    });
    const asked = await stored(liaisonCase);
    expect(asked).toMatchObject({
      state: 'other_date_asked',
      wishes: { dates: ['2026-11-25'], partOfDay: 'morning', withoutManager: true, referent: true },
    });
    expect(JSON.stringify(asked)).not.toContain('ignored free text');
  });

  test.each([
    ['a past date', { preferredDate1: '2026-11-09' }],
    ['an impossible date', { preferredDate2: '2026-11-31' }],
  ])('another date with %s is refused in the card and changes nothing', async (_label, inputs) => {
    const liaisonCase = await seeded();
    const response = await click({ verb: 'invitation.reschedule', caseId: liaisonCase.id, inputs });
    expect(cardTexts(response.value)).toContain(sentence('case.errorPastDate'));
    await expectUnchanged(liaisonCase);
  });

  test('a refresh shows the employee the invitation while it awaits an answer, then the answer', async () => {
    const liaisonCase = await seeded();
    expect(cardTexts((await click({ verb: 'invitation.refresh', caseId: liaisonCase.id })).value)).toContain(
      sentence('invitation.title'),
    );
    await click({ verb: 'invitation.accept', caseId: liaisonCase.id });
    expect(cardTexts((await click({ verb: 'invitation.refresh', caseId: liaisonCase.id })).value)).toContain(
      sentence('invitationAnswered.accepted'),
    );
    expectRefusal(
      await click({ verb: 'invitation.refresh', caseId: liaisonCase.id, from: STRANGER }),
      'case.refusalNotAllowed',
    );
  });

  test('the SPST contact acknowledges the notice of the current offer; anyone else gets a refusal', async () => {
    const liaisonCase = await seeded();
    expectRefusal(
      await click({ verb: 'spst.acknowledge', caseId: liaisonCase.id, from: STRANGER }),
      'case.refusalNotAllowed',
    );
    const response = await click({ verb: 'spst.acknowledge', caseId: liaisonCase.id, from: SPST_ID });
    expect(JSON.stringify(response.value)).not.toContain('spst.acknowledge');
    expect((await stored(liaisonCase))?.spst.acknowledgedOn).toBe('2026-11-10');
    expect((await queued()).map((m) => m.kind).sort()).toEqual(['hr.update', 'manager.status']);
  });

  test("#12.5 the manager's status card shows a decline as closed; HR may follow the case too", async () => {
    const liaisonCase = await seeded('declined');
    const forManager = cardTexts(
      (await click({ verb: 'case.status', caseId: liaisonCase.id, from: MANAGER_ID })).value,
    );
    expect(forManager).toContain(sentence('managerStatus.states.closed'));
    expect(forManager.join(' ')).not.toContain(sentence('invitationAnswered.declined'));
    const forHr = await click({ verb: 'case.status', caseId: liaisonCase.id, from: HR_ID });
    expect(cardTexts(forHr.value)).toContain(sentence('managerStatus.states.closed'));
    expectRefusal(
      await click({ verb: 'case.status', caseId: liaisonCase.id, from: EMPLOYEE_ID }),
      'case.refusalNotAllowed',
    );
  });

  test('#12.6 the status card of a case under way is shown to its manager and HR, to nobody else', async () => {
    const liaisonCase = await seeded();
    const deps = {
      cases,
      caseService,
      isHr: async (_t: string, _c: string, id?: string) => id === HR_ID,
      now: () => NOW,
    };
    const contextOf = (from: string) =>
      new TurnContext(adapter, invokeActivity({ verb: 'case.status', caseId: liaisonCase.id, from }));
    const forManager = await caseStatusCardFor(contextOf(MANAGER_ID), deps, liaisonCase.id);
    expect(cardTexts(forManager)).toContain(sentence('managerStatus.states.invited'));
    expect(await caseStatusCardFor(contextOf(HR_ID), deps, liaisonCase.id)).not.toBeNull();
    expect(await caseStatusCardFor(contextOf(STRANGER), deps, liaisonCase.id)).toBeNull();
    expect(await caseStatusCardFor(contextOf(EMPLOYEE_ID), deps, liaisonCase.id)).toBeNull();
  });

  test("#12 proof file: the status card links the case's proof for the manager and HR", async () => {
    const liaisonCase = await seeded();
    const response = await handleCardAction(
      new TurnContext(
        adapter,
        invokeActivity({ verb: 'case.status', caseId: liaisonCase.id, from: MANAGER_ID }),
      ),
      {
        cases,
        caseService,
        proofActions: async (c) => [{ title: 'Proof (PDF)', url: `https://liaison.example/proof/${c.id}` }],
        now: () => NOW,
      },
    );
    expect(cardTexts(response.value)).toContain(sentence('managerStatus.proofHint'));
    expect(JSON.stringify(response.value)).toContain(`https://liaison.example/proof/${liaisonCase.id}`);
  });

  test('#12.2 a new date after the end of the leave is refused on the status card, nothing is sent', async () => {
    const liaisonCase = await seedCase(handle.db, {
      request: { absences: [{ kind: 'maladie', start: '2026-09-01', end: '2026-11-25' }] },
    });
    await queued();
    const response = await click({
      verb: 'case.propose',
      caseId: liaisonCase.id,
      from: MANAGER_ID,
      inputs: { meetingDate: '2026-11-27', meetingTime: '10:00' },
    });
    expect(cardTexts(response.value).join(' ')).toContain(
      translatorFor('fr-FR')('planProblems.after_leave_end', { ns: 'caseDialog' }),
    );
    await expectUnchanged(liaisonCase);
  });

  test('a new date from the status card: invitation for offer 2, a change to the SPST, place screened', async () => {
    const liaisonCase = await seeded('other_date_asked');
    const medical = await click({
      verb: 'case.propose',
      caseId: liaisonCase.id,
      from: MANAGER_ID,
      inputs: {
        meetingDate: '2026-11-24',
        meetingTime: '14:00',
        meetingPlace: 'salle calme, il fait des crises d’angoisse',
      },
    });
    expect(cardTexts(medical.value)).toContain(sentence('managerStatus.errorPlace'));
    await expectUnchanged(liaisonCase);
    const response = await click({
      verb: 'case.propose',
      caseId: liaisonCase.id,
      from: MANAGER_ID,
      inputs: {
        meetingDate: '2026-11-24',
        meetingTime: '14:00',
        meetingMode: 'on_site',
        meetingPlace: 'Salle 4',
      },
    });
    expect(cardTexts(response.value)).toContain(
      sentence('managerStatus.news.propose_again', 'fr-FR', { employeeName: 'Camille Martin' }),
    );
    expect(await stored(liaisonCase)).toMatchObject({
      state: 'invited',
      offer: 2,
      meeting: { date: '2026-11-24', time: '14:00', place: 'Salle 4' },
    });
    expect((await queued()).map((m) => [m.kind, (m.payload as { notice?: string }).notice])).toEqual(
      expect.arrayContaining([
        ['invitation', undefined],
        ['spst.notice', 'change'],
      ]),
    );
    expectRefusal(
      await click({
        verb: 'case.propose',
        caseId: liaisonCase.id,
        from: EMPLOYEE_ID,
        inputs: { meetingDate: '2026-11-25', meetingTime: '10:00' },
      }),
      'case.refusalNotAllowed',
    );
  });

  test('the manager cancels from the status card; the meeting is recorded as held only on its day', async () => {
    const accepted = await seeded('accepted');
    const tooEarly = await click({ verb: 'case.held', caseId: accepted.id, from: MANAGER_ID });
    expect(cardTexts(tooEarly.value)).toContain(sentence('case.refusalClosed'));
    await expectUnchanged(accepted);
    const cancelled = await seedCase(handle.db, {
      request: { employee: { aadObjectId: 'aad-employee-2', name: 'Jules Petit' } },
    });
    await queued();
    await click({ verb: 'case.cancel', caseId: cancelled.id, from: MANAGER_ID });
    expect((await stored(cancelled))?.state).toBe('cancelled');
    expect((await queued()).map((m) => m.kind)).toEqual(
      expect.arrayContaining(['employee.cancellation', 'spst.notice']),
    );
  });

  test('a card sent before offers were numbered answers the first offer', async () => {
    const liaisonCase = await seeded();
    const invoke = invokeActivity({ verb: 'invitation.accept', caseId: liaisonCase.id });
    delete (invoke.value as { action: { data: Record<string, unknown> } }).action.data.offer;
    await handleCardAction(new TurnContext(adapter, invoke), { cases, caseService, now: () => NOW });
    expect((await stored(liaisonCase))?.state).toBe('accepted');
  });
});
