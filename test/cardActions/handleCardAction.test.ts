import { TestAdapter, TurnContext, type Activity, type AdaptiveCardInvokeResponse } from 'botbuilder';
import {
  CaseStore,
  Outbox,
  type ClaimedMessage,
  type LiaisonCase,
  type NewLiaisonCase,
} from '../../bot/cases';
import { handleCardAction } from '../../bot/cardActions';
import { HR_UPDATE_KIND, MANAGER_STATUS_KIND } from '../../bot/caseFlow';
import { translatorFor } from '../../bot/i18n';
import { storageKinds, type TestDatabase } from '../support/databases';
import { cardTexts } from '../support/bot';
import { sampleCase } from '../cases/sampleCase';

const EMPLOYEE = 'aad-employee';
const STRANGER = 'aad-stranger';
const SPST_CONTACT = 'aad-spst';
const MANAGER = 'aad-manager';
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
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          tenantId: 'tenant-a',
          caseId: liaisonCase.id,
          kind: HR_UPDATE_KIND,
          payload: { caseId: liaisonCase.id, answer: 'accepted' },
        }),
        expect.objectContaining({
          kind: MANAGER_STATUS_KIND,
          payload: { caseId: liaisonCase.id, news: 'accepted' },
        }),
      ]),
    );
    expect(messages).toHaveLength(2);
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
    expect(await queued()).toHaveLength(2);
  });

  test('20 concurrent identical invokes make one transition', async () => {
    const liaisonCase = await proposedCase();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => click({ verb: 'invitation.accept', caseId: liaisonCase.id })),
    );
    for (const response of responses) expect(response).toEqual(responses[0]);
    expect(await cases.auditTrail('tenant-a', liaisonCase.id)).toHaveLength(2);
    expect(await queued()).toHaveLength(2);
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
    const stored = await cases.get('tenant-a', liaisonCase.id);
    expect(stored?.state).toBe('reschedule_requested');
    expect(stored?.wishes).toEqual({
      preferredDates: ['2026-11-10', '2026-11-24'],
      comment: 'Plutôt le matin',
      withoutManager: false,
    });
    expect((await queued()).map((message) => message.kind).sort()).toEqual([
      HR_UPDATE_KIND,
      MANAGER_STATUS_KIND,
    ]);
  });

  test('the employee may ask that their manager not attend; a decline keeps no such wish', async () => {
    const accepted = await proposedCase();
    await click({ verb: 'invitation.accept', caseId: accepted.id, inputs: { withoutManager: 'true' } });
    expect((await cases.get('tenant-a', accepted.id))?.wishes?.withoutManager).toBe(true);
    const declined = await proposedCase();
    await click({ verb: 'invitation.decline', caseId: declined.id, inputs: { withoutManager: 'true' } });
    expect((await cases.get('tenant-a', declined.id))?.wishes?.withoutManager).toBe(false);
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
    const stored = await cases.get('tenant-a', liaisonCase.id);
    expect(stored).toMatchObject({ state: 'proposed', spst: { acknowledgedOn: '2026-11-10' } });
    expect((await cases.auditTrail('tenant-a', liaisonCase.id)).at(-1)).toMatchObject({
      actorRole: 'spst',
      actorId: SPST_CONTACT,
      event: 'acknowledge_spst_notice',
    });
    expect(await queued()).toEqual([
      expect.objectContaining({
        kind: MANAGER_STATUS_KIND,
        payload: { caseId: liaisonCase.id, news: 'spst_acknowledged' },
      }),
    ]);
    // A second click (or a Teams retry) records nothing more.
    await click({ verb: 'spst.acknowledge', caseId: liaisonCase.id, from: SPST_CONTACT });
    expect(await cases.get('tenant-a', liaisonCase.id)).toEqual(stored);

    const other = await proposedCase({
      spst: { attendance: 'attend', noticeDate: '2026-11-05', contactAadObjectId: SPST_CONTACT },
    });
    expectRefusal(
      await click({ verb: 'spst.acknowledge', caseId: other.id, from: EMPLOYEE }),
      'case.refusalNotAllowed',
    );
    await expectUnchanged(other);
  });

  test('a case without an SPST contact lets nobody acknowledge in Teams', async () => {
    const liaisonCase = await proposedCase();
    expectRefusal(
      await click({ verb: 'spst.acknowledge', caseId: liaisonCase.id, from: SPST_CONTACT }),
      'case.refusalNotAllowed',
    );
  });

  test("the manager's status card offers the letters' download buttons", async () => {
    const liaisonCase = await proposedCase();
    const adapterForLetters = new TestAdapter(async () => undefined);
    const response = await handleCardAction(
      new TurnContext(
        adapterForLetters,
        invokeActivity({ verb: 'case.status', caseId: liaisonCase.id, from: MANAGER }),
      ),
      {
        cases,
        outbox,
        now: () => NOW,
        letterActions: async (stored, locale) => [
          { title: `Invitation ${stored.id} ${locale}`, url: 'https://liaison.example/letters/x' },
        ],
      },
    );
    expect(JSON.stringify(response.value)).toContain('"type":"Action.OpenUrl"');
    expect(JSON.stringify(response.value)).toContain('https://liaison.example/letters/x');
    expect(cardTexts(response.value)).toContain(sentence('managerStatus.lettersHint'));
  });

  test("the manager's status card refreshes for the manager only", async () => {
    const liaisonCase = await proposedCase();
    const status = await click({ verb: 'case.status', caseId: liaisonCase.id, from: MANAGER });
    expect(cardTexts(status.value)).toContain(sentence('managerStatus.states.proposed'));
    expectRefusal(
      await click({ verb: 'case.status', caseId: liaisonCase.id, from: EMPLOYEE }),
      'case.refusalNotAllowed',
    );
  });

  describe('after a request for another date, the manager proposes a new one', () => {
    async function rescheduleRequested(): Promise<LiaisonCase> {
      const liaisonCase = await proposedCase({
        spst: {
          attendance: 'informed',
          noticeDate: '2026-11-05',
          notifiedBy: ['teams'],
          contactAadObjectId: SPST_CONTACT,
        },
      });
      await click({ verb: 'invitation.reschedule', caseId: liaisonCase.id });
      await queued(); // the HR update and the manager's status, claimed and out of the way
      return (await cases.get('tenant-a', liaisonCase.id)) as LiaisonCase;
    }

    test('a valid day proposes the case again and queues a new invitation and SPST notice', async () => {
      const liaisonCase = await rescheduleRequested();
      const response = await click({
        verb: 'case.propose',
        caseId: liaisonCase.id,
        from: MANAGER,
        inputs: { meetingDate: '2026-11-27', meetingTime: '14:30' },
      });
      expect(cardTexts(response.value)).toContain(sentence('managerStatus.states.proposed'));
      const stored = await cases.get('tenant-a', liaisonCase.id);
      expect(stored).toMatchObject({
        state: 'proposed',
        meeting: { date: '2026-11-27', time: '14:30' },
        spst: { noticeDate: '2026-11-10', notifiedBy: ['teams'] },
      });
      expect(stored?.wishes).toBeUndefined();
      expect((await queued()).map((message) => message.kind).sort()).toEqual(['invitation', 'spst.notice']);
      // The same click again changes nothing.
      await click({
        verb: 'case.propose',
        caseId: liaisonCase.id,
        from: MANAGER,
        inputs: { meetingDate: '2026-11-27' },
      });
      expect(await cases.get('tenant-a', liaisonCase.id)).toEqual(stored);
    });

    test.each([
      ['less than 8 days after the SPST notice', { meetingDate: '2026-11-17' }, 'managerStatus.errorDate'],
      ['not a day', { meetingDate: 'tomorrow' }, 'managerStatus.errorDate'],
      [
        'with a malformed time',
        { meetingDate: '2026-11-27', meetingTime: '25:00' },
        'managerStatus.errorTime',
      ],
    ])('a day %s is refused with the reason and changes nothing', async (_name, inputs, errorKey) => {
      const liaisonCase = await rescheduleRequested();
      const response = await click({ verb: 'case.propose', caseId: liaisonCase.id, from: MANAGER, inputs });
      const firstWords = sentence(errorKey).split(/[:{]/)[0] ?? '';
      expect(cardTexts(response.value).join(' ')).toContain(firstWords);
      expect(await cases.get('tenant-a', liaisonCase.id)).toEqual(liaisonCase);
      expect(await queued()).toEqual([]);
    });

    test('nobody but the manager may propose', async () => {
      const liaisonCase = await rescheduleRequested();
      expectRefusal(
        await click({
          verb: 'case.propose',
          caseId: liaisonCase.id,
          from: EMPLOYEE,
          inputs: { meetingDate: '2026-11-27' },
        }),
        'case.refusalNotAllowed',
      );
      expect(await cases.get('tenant-a', liaisonCase.id)).toEqual(liaisonCase);
    });
  });
});
