import { personalConversationId } from '../support/localChannel';
import { TENANT, user } from '../messaging/harness';
import { HR_UPDATE_KIND, type HrUpdatePayload } from '../../bot/caseFlow';
import type { LiaisonCase } from '../../bot/cases';
import {
  cardOf,
  COMPANY,
  deliveryHarness,
  HR_CHANNEL,
  SETTINGS,
  sampleStartRequest,
  type DeliveryHarness,
} from './harness';

describe('case flow delivery (renderers and undeliverable invitations)', () => {
  let harness: DeliveryHarness;

  beforeEach(async () => {
    harness = await deliveryHarness();
    await harness.companySettings.upsert(TENANT, COMPANY, SETTINGS);
  });
  afterEach(async () => {
    await harness.dispatcher.stop();
    await harness.dispose();
  });

  const start = async (): Promise<LiaisonCase> => {
    const result = await harness.caseFlow.startCase(sampleStartRequest());
    if (result.status !== 'started') throw new Error(`not started: ${JSON.stringify(result)}`);
    return result.case;
  };
  const received = (conversationId: string) =>
    harness.channel.received.filter((activity) => activity.conversationId === conversationId);
  const outboxStatuses = () =>
    harness.db.query<{ kind: string; status: string }>('SELECT kind, status FROM outbox ORDER BY kind');

  test('the invitation reaches the employee in their language, the SPST notice the SPST contact, the status card the manager', async () => {
    await harness.knownUser('aad-employee'); // wrote in English
    await harness.knownUser('aad-manager');
    await harness.references.saveFromActivity(
      harness.channel.messageFrom({ ...user('aad-spst'), locale: 'fr-FR' }, 'bonjour'),
    );
    const liaisonCase = await start();
    expect(await harness.dispatcher.dispatchDue()).toBe(3);

    const [invitation] = received(personalConversationId('aad-employee'));
    const invitationJson = JSON.stringify(cardOf(invitation ?? {}));
    expect(invitationJson).toContain('Invitation to a liaison meeting');
    expect(invitationJson).toContain('invitation.accept');
    expect(invitationJson).toContain(liaisonCase.id);

    const [notice] = received(personalConversationId('aad-spst'));
    const noticeJson = JSON.stringify(cardOf(notice ?? {}));
    expect(noticeJson).toContain('Information : rendez-vous de liaison');
    expect(noticeJson).toContain('spst.acknowledge');
    expect(noticeJson).toContain('Boulangerie Dupain');
    const [status] = received(personalConversationId('aad-manager'));
    const statusJson = JSON.stringify(cardOf(status ?? {}));
    expect(statusJson).toContain('The invitation is on its way to Camille Martin.');
    expect(statusJson).toContain('"verb":"case.status"');
    expect(await outboxStatuses()).toEqual([
      { kind: 'invitation', status: 'sent' },
      { kind: 'manager.status', status: 'sent' },
      { kind: 'spst.notice', status: 'sent' },
    ]);
  });

  test("the HR update goes to the company's HR channel", async () => {
    await harness.knownChannel(HR_CHANNEL);
    const liaisonCase = await start();
    const payload: HrUpdatePayload = { caseId: liaisonCase.id, answer: 'accepted' };
    await harness.db.transaction((tx) =>
      harness.outbox.enqueue(tx, { tenantId: TENANT, caseId: liaisonCase.id, kind: HR_UPDATE_KIND, payload }),
    );
    await harness.dispatcher.dispatchDue();
    expect(received(HR_CHANNEL)).toHaveLength(1);
    const [update] = received(HR_CHANNEL);
    expect(JSON.stringify(cardOf(update ?? {}))).toContain('Rendez-vous de liaison de Camille Martin');
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
    await start();
    await harness.dispatcher.dispatchDue(); // the invitation is given up; the manager's notice is queued
    await harness.dispatcher.dispatchDue();
    const [notice] = received(personalConversationId('aad-manager')).filter((activity) => activity.text);
    expect(notice?.text).toBe(
      "L'invitation au rendez-vous de liaison du 20/11/2026 n'a pas pu être remise à Camille Martin dans Teams " +
        "(l'application n'est peut-être pas installée). Envoyez-lui la proposition par courrier ou par e-mail, " +
        "en précisant la date, la modalité et qu'il peut refuser sans conséquence.",
    );
  });

  test('an employee the bot never talked to (no reference) makes the manager get the notice too', async () => {
    await harness.knownUser('aad-manager');
    await start();
    await harness.dispatcher.dispatchDue();
    await harness.dispatcher.dispatchDue();
    const [notice] = received(personalConversationId('aad-manager')).filter((activity) => activity.text);
    expect(notice?.text).toContain('could not be delivered to Camille Martin in Teams');
    expect(await outboxStatuses()).toEqual([
      { kind: 'invitation', status: 'failed' },
      { kind: 'manager.status', status: 'sent' },
      { kind: 'message', status: 'sent' },
      { kind: 'spst.notice', status: 'failed' },
    ]);
  });
});
