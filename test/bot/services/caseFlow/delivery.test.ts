import { personalConversationId } from '../../../support/localChannel';
import { cardTexts } from '../../../support/bot';
import { TENANT, user } from '../../platform/messaging/harness';
import {
  cardOf,
  COMPANY,
  deliveryHarness,
  EMPLOYEE,
  HR,
  HR_CHANNEL,
  MANAGER,
  SETTINGS,
  type DeliveryHarness,
} from './harness';

const NEW_MEETING = { date: '2026-11-24', time: '14:00', mode: 'remote' as const };

describe('case flow delivery (renderers and undeliverable messages)', () => {
  let harness: DeliveryHarness;

  const setUp = async (options: { hrAdmins?: string[] } = {}) => {
    harness = await deliveryHarness(undefined, options);
    await harness.companySettings.upsert(TENANT, COMPANY, SETTINGS);
  };
  afterEach(async () => {
    await harness.dispatcher.stop();
    await harness.dispose();
  });

  const received = (conversationId: string) =>
    harness.channel.received.filter((activity) => activity.conversationId === conversationId);
  const cardsIn = (conversationId: string) =>
    received(conversationId)
      .filter((activity) => activity.attachments?.length)
      .map((activity) => cardOf(activity));
  const textOf = (card: object) => cardTexts(card).join('\n');
  const lastCardText = (conversationId: string) => {
    const cards = cardsIn(conversationId);
    return textOf(cards[cards.length - 1] ?? { body: [] });
  };
  const outboxStatuses = () =>
    harness.db.query<{ kind: string; status: string }>(
      'SELECT kind, status FROM outbox ORDER BY kind, status',
    );
  /** Everyone talked to the bot once: the employee in English, the others in French. */
  const everyoneKnown = async () => {
    await harness.knownUser('aad-employee');
    for (const id of ['aad-manager', 'aad-spst', 'aad-hr']) {
      await harness.references.saveFromActivity(
        harness.channel.messageFrom({ ...user(id), locale: 'fr-FR' }, 'bonjour'),
      );
    }
  };
  const employeeChat = personalConversationId('aad-employee');
  const spstChat = personalConversationId('aad-spst');
  const managerChat = personalConversationId('aad-manager');
  const hrChat = personalConversationId('aad-hr');

  describe('with an HR channel', () => {
    beforeEach(() => setUp());

    test('#12.16 an opened case reaches the employee, the SPST, the manager and HR (not only at the first answer)', async () => {
      await everyoneKnown();
      await harness.knownChannel(HR_CHANNEL);
      const liaisonCase = await harness.open();
      await harness.drain();

      const [invitation] = cardsIn(employeeChat);
      expect(JSON.stringify(invitation)).toContain(liaisonCase.id);
      expect(cardsIn(employeeChat)).toHaveLength(1);

      const [notice] = cardsIn(spstChat);
      const noticeJson = JSON.stringify(notice);
      expect(noticeJson).toContain('Information : rendez-vous de liaison');
      expect(noticeJson).toContain('Boulangerie Dupain');
      expect(notice?.actions).toEqual([
        expect.objectContaining({ verb: 'spst.acknowledge', data: { caseId: liaisonCase.id, offer: 1 } }),
      ]);

      expect(cardsIn(managerChat)).toHaveLength(1);
      const hrText = lastCardText(HR_CHANNEL);
      expect(hrText).toContain(
        "Un rendez-vous de liaison est organisé pour Camille Martin : l'invitation est partie.",
      );
      expect(hrText).toContain('Louis Bernard (manager)');
      expect(await outboxStatuses()).toEqual([
        { kind: 'hr.update', status: 'sent' },
        { kind: 'invitation', status: 'sent' },
        { kind: 'manager.status', status: 'sent' },
        { kind: 'spst.notice', status: 'sent' },
      ]);
    });

    test("#12.16 the SPST notice gives the employer contact's name, email and phone, and who organises the meeting", async () => {
      await everyoneKnown();
      await harness.open();
      await harness.drain();
      const text = lastCardText(spstChat);
      expect(text).toContain('Service RH');
      expect(text).toContain('rh@dupain.example');
      expect(text).toContain('01 99 88 77 66');
      expect(text).toContain('Louis Bernard');
    });

    test('#12.3 a new date reaches the SPST as a change that names the meeting it replaces, the employee as a new invitation', async () => {
      await everyoneKnown();
      const liaisonCase = await harness.open();
      await harness.drain();
      await harness.change(liaisonCase.id, { type: 'ask_other_date', offer: 1, wishes: wishes() }, EMPLOYEE);
      await harness.drain();
      await harness.change(liaisonCase.id, { type: 'propose_again', meeting: NEW_MEETING }, MANAGER);
      await harness.drain();

      const spstCards = cardsIn(spstChat);
      expect(spstCards).toHaveLength(2);
      const change = spstCards[1] ?? { body: [] };
      expect(textOf(change)).toContain('Changement de date : rendez-vous de liaison');
      expect(textOf(change)).toContain('Ce rendez-vous remplace celui du 20/11/2026 à 10:00.');
      expect(textOf(change)).toContain('24/11/2026');
      expect(textOf(change)).not.toContain('Information : rendez-vous de liaison');
      expect(change.actions).toEqual([
        expect.objectContaining({ verb: 'spst.acknowledge', data: { caseId: liaisonCase.id, offer: 2 } }),
      ]);
      const invitations = cardsIn(employeeChat);
      expect(invitations).toHaveLength(2);
      expect(JSON.stringify(invitations[1])).toContain('24 November 2026');
    });

    test('#12.3 a decline reaches the SPST as a cancellation, without the reason; HR sees "declined", the manager "closed"', async () => {
      await everyoneKnown();
      await harness.knownChannel(HR_CHANNEL);
      const liaisonCase = await harness.open();
      await harness.drain();
      await harness.change(liaisonCase.id, { type: 'decline', offer: 1 }, EMPLOYEE);
      await harness.drain();

      const spstCards = cardsIn(spstChat);
      expect(spstCards).toHaveLength(2);
      const cancellation = spstCards[1] ?? { body: [] };
      expect(textOf(cancellation)).toContain('Annulation : rendez-vous de liaison');
      expect(textOf(cancellation)).toContain(
        "Le rendez-vous de liaison dont vous avez été informé n'aura pas lieu.",
      );
      expect(textOf(cancellation)).toContain('20/11/2026');
      expect(textOf(cancellation)).not.toMatch(/refus/i);
      expect(cancellation.actions ?? []).toEqual([]);

      const hrText = lastCardText(HR_CHANNEL);
      expect(hrText).toContain('Camille Martin a refusé le rendez-vous de liaison.');
      expect(hrText).toContain('Refusé par le salarié');
      expect(lastCardText(managerChat)).not.toMatch(/a refusé|Refusé par le salarié/);
      // The employee is told nothing more: they declined themselves.
      expect(cardsIn(employeeChat)).toHaveLength(1);
    });

    test('#12.3 a cancellation reaches the employee (a cancellation card) and the SPST (a cancellation)', async () => {
      await everyoneKnown();
      const liaisonCase = await harness.open();
      await harness.drain();
      await harness.change(liaisonCase.id, { type: 'cancel' }, MANAGER);
      await harness.drain();

      const employeeCards = cardsIn(employeeChat);
      expect(employeeCards).toHaveLength(2);
      const employeeText = textOf(employeeCards[1] ?? { body: [] });
      expect(employeeText).toContain('Liaison meeting cancelled');
      expect(employeeText).toContain('20 November 2026');
      expect(employeeText).toContain('no consequence');
      expect(textOf(cardsIn(spstChat)[1] ?? { body: [] })).toContain('Annulation : rendez-vous de liaison');
    });

    test('#12.3 an invitation and a notice superseded by a new date before they went out are skipped, never sent stale', async () => {
      await everyoneKnown();
      const liaisonCase = await harness.open();
      // A new date before the dispatcher ran: offer 1's invitation and notice are still queued.
      await harness.change(liaisonCase.id, { type: 'propose_again', meeting: NEW_MEETING }, MANAGER);
      await harness.drain();

      const invitations = cardsIn(employeeChat);
      expect(invitations).toHaveLength(1);
      expect(JSON.stringify(invitations[0])).toContain('24 November 2026');
      expect(JSON.stringify(invitations[0])).not.toContain('20 November 2026');
      const spstCards = cardsIn(spstChat);
      expect(spstCards).toHaveLength(1);
      expect(textOf(spstCards[0] ?? { body: [] })).toContain('24/11/2026');
    });

    test('#12.3 an invitation queued before the case was cancelled is not sent; the cancellation is', async () => {
      await everyoneKnown();
      const liaisonCase = await harness.open();
      await harness.change(liaisonCase.id, { type: 'cancel' }, MANAGER);
      await harness.drain();
      const employeeCards = cardsIn(employeeChat);
      expect(employeeCards).toHaveLength(1);
      expect(textOf(employeeCards[0] ?? { body: [] })).toContain('Liaison meeting cancelled');
    });

    test.each([
      ['forbidden (the app is not installed)', 403 as const],
      ['not found', 404 as const],
    ])('an invitation refused as %s is reported to the manager with the fallback', async (_name, status) => {
      await harness.knownUser('aad-employee');
      await harness.references.saveFromActivity(
        harness.channel.messageFrom({ ...user('aad-manager'), locale: 'fr-FR' }, 'bonjour'),
      );
      harness.channel.fail(personalConversationId('aad-employee'), { status });
      await harness.open();
      await harness.drain();
      const [notice] = received(managerChat).filter((activity) => activity.text);
      expect(notice?.text).toBe(
        "L'invitation au rendez-vous de liaison du 20/11/2026 n'a pas pu être remise à Camille Martin dans Teams " +
          "(l'application n'est peut-être pas installée). Envoyez-lui la proposition par courrier ou par e-mail, " +
          "en précisant la date, la modalité et qu'il peut refuser sans conséquence.",
      );
    });

    test('an employee the bot never talked to (no reference) makes the manager get the notice too', async () => {
      await harness.knownUser('aad-manager');
      await harness.open();
      await harness.drain();
      const [notice] = received(managerChat).filter((activity) => activity.text);
      expect(notice?.text).toContain('could not be delivered to Camille Martin in Teams');
    });

    test('#12.3 a cancellation the employee cannot receive in Teams is reported to the manager, to tell them by hand', async () => {
      await harness.knownUser('aad-manager');
      const liaisonCase = await harness.open();
      await harness.change(liaisonCase.id, { type: 'cancel' }, MANAGER);
      await harness.drain();
      const notices = received(managerChat)
        .map((activity) => activity.text)
        .filter(Boolean);
      expect(notices).toEqual([
        expect.stringContaining(
          'telling Camille Martin that the liaison meeting on 20 November 2026 at 10:00',
        ),
      ]);
    });

    test('HR organising the case is told of it and of the undelivered invitation when the employee has no manager', async () => {
      await harness.addHr('aad-hr');
      await harness.knownUser('aad-hr');
      await harness.knownChannel(HR_CHANNEL);
      await harness.open({ manager: undefined }, HR);
      await harness.drain();
      const [notice] = received(hrChat).filter((activity) => activity.text);
      expect(notice?.text).toContain('could not be delivered to Camille Martin in Teams');
      expect(lastCardText(HR_CHANNEL)).toContain('Claire Petit (RH)');
    });
  });

  describe('without an HR channel', () => {
    const noChannel = { ...SETTINGS, hrChannelId: undefined };

    test('#12.16 HR people (the company list, HR_ADMINS met in the tenant, HR who opened it) are told in 1:1; the manager gets only their status card', async () => {
      await setUp({ hrAdmins: ['aad-admin', 'aad-admin-elsewhere'] });
      await harness.companySettings.upsert(TENANT, COMPANY, noChannel);
      await everyoneKnown();
      await harness.knownUser('aad-admin');
      await harness.knownUser('aad-listed');
      await harness.addHr('aad-listed');
      await harness.addHr('aad-hr');
      const liaisonCase = await harness.open();
      await harness.drain();
      await harness.change(liaisonCase.id, { type: 'decline', offer: 1 }, EMPLOYEE);
      await harness.drain();

      for (const id of ['aad-hr', 'aad-admin', 'aad-listed']) {
        const cards = cardsIn(personalConversationId(id)).map(textOf);
        expect(cards).toHaveLength(2);
        expect(cards[0]).toMatch(/Camille Martin/);
        expect(cards[1]).toMatch(/Camille Martin (a refusé|declined)/);
      }
      expect(cardsIn(personalConversationId('aad-admin-elsewhere'))).toHaveLength(0);
      // The manager's chat holds their two status cards, never HR's card with the answer.
      const managerCards = cardsIn(managerChat).map(textOf);
      expect(managerCards).toHaveLength(2);
      for (const text of managerCards) expect(text).not.toMatch(/a refusé|Refusé par le salarié/);
    });

    test('#12.16 an HR person Liaison never talked to is reported, the others still told', async () => {
      await setUp();
      await harness.companySettings.upsert(TENANT, COMPANY, noChannel);
      await everyoneKnown();
      await harness.addHr('aad-hr');
      await harness.addHr('aad-hr-silent');
      await harness.open();
      await harness.drain();
      expect(cardsIn(hrChat)).toHaveLength(1);
      const rows = await harness.db.query<{ status: string; n: number }>(
        "SELECT status, COUNT(*) AS n FROM outbox WHERE kind = 'hr.update.person' GROUP BY status ORDER BY status",
      );
      expect(rows.map((row) => [row.status, Number(row.n)])).toEqual([
        ['failed', 1],
        ['sent', 1],
      ]);
    });

    test('#12.16 HR who opened the case is told in 1:1 even when not on the company list', async () => {
      await setUp();
      await harness.companySettings.upsert(TENANT, COMPANY, noChannel);
      await everyoneKnown();
      // HR through HR_ADMINS would be listed too; here HR is HR by the list, then removed from it after opening.
      await harness.addHr('aad-hr');
      const liaisonCase = await harness.open({}, HR);
      await harness.access.removeHrUser(TENANT, COMPANY, 'aad-hr');
      await harness.drain();
      expect(liaisonCase.openedBy.role).toBe('hr');
      expect(cardsIn(hrChat)).toHaveLength(1);
      expect(lastCardText(hrChat)).toContain('Claire Petit (RH)');
    });
  });
});

function wishes() {
  return { dates: ['2026-11-24'], withoutManager: true, referent: false };
}
