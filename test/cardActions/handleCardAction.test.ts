import { TestAdapter, TurnContext, type Activity, type AdaptiveCardInvokeResponse } from 'botbuilder';
import {
  CaseStore,
  Outbox,
  type ClaimedMessage,
  type LiaisonCase,
  type NewLiaisonCase,
} from '../../bot/cases';
import { handleCardAction, HR_UPDATE_KIND } from '../../bot/cardActions';
import { translatorFor } from '../../bot/i18n';
import { storageKinds, type TestDatabase } from '../support/databases';
import { cardTexts } from '../support/bot';
import { sampleCase } from '../cases/sampleCase';

const EMPLOYEE = 'aad-employee';
const STRANGER = 'aad-stranger';
const SPST_CONTACT = 'aad-spst';
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
  from = EMPLOYEE,
  tenantId = 'tenant-a',
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
    value: { action: { type: 'Action.Execute', verb, data: { caseId, ...inputs } }, trigger: 'manual' },
  } as Partial<Activity>;
}

/** The visible sentences of a translated card entry, e.g. `invitationAnswered.declined`. */
const sentence = (key: string, locale = 'fr-FR') => translatorFor(locale)(key, { ns: 'cards' });

describe.each(storageKinds())('card actions on $kind', ({ open }) => {
  let handle: TestDatabase;
  let cases: CaseStore;
  let outbox: Outbox;
  let adapter: TestAdapter;

  beforeEach(async () => {
    handle = await open();
    cases = new CaseStore(handle.db, () => NOW);
    outbox = new Outbox(handle.db, () => NOW);
    adapter = new TestAdapter(async () => undefined);
  });
  afterEach(() => handle.dispose());

  async function proposedCase(overrides: Partial<NewLiaisonCase> = {}): Promise<LiaisonCase> {
    const created = await cases.create(sampleCase(overrides));
    return (await cases.applyEvent(created.tenantId, created.id, 'propose', { role: 'manager' }, 'propose'))
      .case;
  }

  const click = (action: Click): Promise<AdaptiveCardInvokeResponse> =>
    handleCardAction(new TurnContext(adapter, invokeActivity(action)), { cases, outbox, now: () => NOW });

  const queued = (): Promise<ClaimedMessage[]> => outbox.claimDue(new Date('2030-01-01T00:00:00Z'), 100);

  async function expectUnchanged(before: LiaisonCase) {
    expect(await cases.get(before.tenantId, before.id)).toEqual(before);
    expect(await cases.auditTrail(before.tenantId, before.id)).toHaveLength(1);
    expect(await queued()).toEqual([]);
  }

  function expectRefusal(response: AdaptiveCardInvokeResponse, reasonKey: string) {
    expect(response).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(cardTexts(response.value)).toContain(sentence(reasonKey));
    expect(JSON.stringify(response.value)).not.toContain('Action.Execute');
  }

  test('the employee accepts: state, audit row, HR update queued, answered card without buttons', async () => {
    const liaisonCase = await proposedCase();
    const response = await click({ verb: 'invitation.accept', caseId: liaisonCase.id });

    expect(response).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(cardTexts(response.value)).toContain(sentence('invitationAnswered.accepted'));
    expect(JSON.stringify(response.value)).not.toContain('invitation.accept');
    expect((await cases.get('tenant-a', liaisonCase.id))?.state).toBe('accepted');
    expect((await cases.auditTrail('tenant-a', liaisonCase.id)).at(-1)).toMatchObject({
      actorRole: 'employee',
      actorId: EMPLOYEE,
      event: 'accept',
      fromState: 'proposed',
      toState: 'accepted',
    });
    const messages = await queued();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      tenantId: 'tenant-a',
      caseId: liaisonCase.id,
      kind: HR_UPDATE_KIND,
      payload: { caseId: liaisonCase.id, answer: 'accepted' },
    });
  });

  test('the référent handicap toggle is stored with the answer', async () => {
    const liaisonCase = await proposedCase();
    await click({ verb: 'invitation.accept', caseId: liaisonCase.id, inputs: { referentRequested: 'true' } });
    expect((await cases.get('tenant-a', liaisonCase.id))?.referentRequested).toBe(true);
  });

  test('a stranger who clicks accept gets a refusal and nothing changes', async () => {
    const liaisonCase = await proposedCase();
    expectRefusal(
      await click({ verb: 'invitation.accept', caseId: liaisonCase.id, from: STRANGER }),
      'case.refusalNotAllowed',
    );
    await expectUnchanged(liaisonCase);
  });

  test('a forged case id or a case of another tenant gets a refusal', async () => {
    const liaisonCase = await proposedCase();
    expectRefusal(await click({ verb: 'invitation.accept', caseId: 'forged' }), 'case.refusalUnknown');
    expectRefusal(
      await click({ verb: 'invitation.accept', caseId: liaisonCase.id, tenantId: 'tenant-b' }),
      'case.refusalUnknown',
    );
    await expectUnchanged(liaisonCase);
  });

  test('an unknown verb gets a refusal', async () => {
    const liaisonCase = await proposedCase();
    for (const verb of ['case.delete', 'constructor', '']) {
      expectRefusal(await click({ verb, caseId: liaisonCase.id }), 'case.refusalNotAllowed');
    }
    await expectUnchanged(liaisonCase);
  });

  test('a double click changes the case once and answers the same card twice', async () => {
    const liaisonCase = await proposedCase();
    const first = await click({ verb: 'invitation.accept', caseId: liaisonCase.id });
    const second = await click({ verb: 'invitation.accept', caseId: liaisonCase.id });
    expect(second).toEqual(first);
    expect(await cases.auditTrail('tenant-a', liaisonCase.id)).toHaveLength(2);
    expect(await queued()).toHaveLength(1);
  });

  test('20 concurrent identical invokes make one transition', async () => {
    const liaisonCase = await proposedCase();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => click({ verb: 'invitation.accept', caseId: liaisonCase.id })),
    );
    for (const response of responses) expect(response).toEqual(responses[0]);
    expect(await cases.auditTrail('tenant-a', liaisonCase.id)).toHaveLength(2);
    expect(await queued()).toHaveLength(1);
    expect((await cases.get('tenant-a', liaisonCase.id))?.version).toBe(liaisonCase.version + 1);
  });

  test.each(['fr-FR', 'en-US'])('a decline answers, in %s, that it has no consequence', async (locale) => {
    const liaisonCase = await proposedCase();
    const response = await click({ verb: 'invitation.decline', caseId: liaisonCase.id, locale });
    expect(cardTexts(response.value)).toContain(sentence('invitationAnswered.declined', locale));
    expect((await cases.get('tenant-a', liaisonCase.id))?.state).toBe('declined');
  });

  test('after an accept, a decline changes nothing and shows the recorded answer', async () => {
    const liaisonCase = await proposedCase();
    await click({ verb: 'invitation.accept', caseId: liaisonCase.id });
    const response = await click({ verb: 'invitation.decline', caseId: liaisonCase.id });
    expect(cardTexts(response.value)).toContain(sentence('invitationAnswered.accepted'));
    expect((await cases.get('tenant-a', liaisonCase.id))?.state).toBe('accepted');
  });

  test.each([
    ['a past date', { preferredDate1: '2026-11-09' }, 'case.errorPastDate'],
    ['an impossible date', { preferredDate2: '2026-11-31' }, 'case.errorPastDate'],
    ['a comment with health details', { comment: "Je sors d'une dépression" }, 'case.errorHealthDetails'],
  ])('a reschedule request with %s is refused and changes nothing', async (_, inputs, errorKey) => {
    const liaisonCase = await proposedCase();
    const response = await click({ verb: 'invitation.reschedule', caseId: liaisonCase.id, inputs });
    expect(cardTexts(response.value)).toContain(sentence(errorKey));
    expect(JSON.stringify(response.value)).toContain('invitation.reschedule');
    await expectUnchanged(liaisonCase);
  });

  test('a reschedule request with valid dates moves the case and sends the wishes to HR', async () => {
    const liaisonCase = await proposedCase();
    const inputs = {
      preferredDate1: '2026-11-10',
      preferredDate2: '2026-11-24',
      comment: ' Plutôt le matin ',
    };
    const response = await click({ verb: 'invitation.reschedule', caseId: liaisonCase.id, inputs });

    expect(cardTexts(response.value)).toContain(sentence('invitationAnswered.rescheduleRequested'));
    expect((await cases.get('tenant-a', liaisonCase.id))?.state).toBe('reschedule_requested');
    expect((await queued())[0]?.payload).toEqual({
      caseId: liaisonCase.id,
      answer: 'reschedule_requested',
      preferredDates: ['2026-11-10', '2026-11-24'],
      comment: 'Plutôt le matin',
    });
  });

  test('a refresh shows the invitation while it awaits an answer, then the answer', async () => {
    const liaisonCase = await proposedCase();
    const before = await click({ verb: 'invitation.refresh', caseId: liaisonCase.id });
    expect(JSON.stringify(before.value)).toContain('invitation.accept');
    await click({ verb: 'invitation.accept', caseId: liaisonCase.id });
    const after = await click({ verb: 'invitation.refresh', caseId: liaisonCase.id });
    expect(cardTexts(after.value)).toContain(sentence('invitationAnswered.accepted'));
    expectRefusal(
      await click({ verb: 'invitation.refresh', caseId: liaisonCase.id, from: STRANGER }),
      'case.refusalNotAllowed',
    );
  });

  test('the SPST contact may acknowledge the notice; anyone else gets a refusal', async () => {
    const liaisonCase = await proposedCase({
      spst: { attendance: 'attend', noticeDate: '2026-11-05', contactAadObjectId: SPST_CONTACT },
    });
    const acknowledged = await click({
      verb: 'spst.acknowledge',
      caseId: liaisonCase.id,
      from: SPST_CONTACT,
    });
    expect(cardTexts(acknowledged.value)).toContain(sentence('spstAcknowledged.title'));
    expectRefusal(
      await click({ verb: 'spst.acknowledge', caseId: liaisonCase.id, from: EMPLOYEE }),
      'case.refusalNotAllowed',
    );
    await expectUnchanged(liaisonCase);
  });

  test('a case without an SPST contact lets nobody acknowledge in Teams', async () => {
    const liaisonCase = await proposedCase();
    expectRefusal(
      await click({ verb: 'spst.acknowledge', caseId: liaisonCase.id, from: SPST_CONTACT }),
      'case.refusalNotAllowed',
    );
  });
});
