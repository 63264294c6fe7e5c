import type { ClaimedMessage } from '../../../../bot/services/cases';
import { caseFlowRenderers, INVITATION_KIND, MANAGER_STATUS_KIND } from '../../../../bot/services/caseFlow';
import { ConversationReferenceStore } from '../../../../bot/platform/messaging';
import { translatorFor } from '../../../../language/i18n';
import type { AnswerLinkView } from '../../../../cards/caseCards';
import { storageKinds, type TestDatabase } from '../../../support/databases';
import { seedCase, testCaseService } from '../cases/sampleCase';

/** #17: the invitation of an employee who is not on Teams goes by email or letter, and the manager is told how. */
describe.each(storageKinds())('the invitation channel on $kind', ({ open }) => {
  let handle: TestDatabase;
  beforeEach(async () => (handle = await open()));
  afterEach(() => handle.dispose());

  function renderersWith(channel: AnswerLinkView['channel'], view: Partial<AnswerLinkView> = {}) {
    const { cases, outbox, companySettings } = testCaseService(handle.db);
    const emailed: string[] = [];
    const renderers = caseFlowRenderers({
      db: handle.db,
      cases,
      outbox,
      companySettings,
      references: new ConversationReferenceStore(handle.db),
      access: { hrUsers: async () => [] },
      invitations: {
        channelOf: async () => channel,
        email: async (liaisonCase) => (emailed.push(liaisonCase.id), { status: 'sent' }),
        linkStatus: async () => ({ channel, linkIssued: true, opened: false, ...view }),
      },
    });
    return { renderers, emailed };
  }
  const message = (kind: string, caseId: string, payload: object): ClaimedMessage => ({
    id: 'm1',
    tenantId: 'tenant-a',
    caseId,
    kind,
    payload: { caseId, ...payload },
    attempts: 1,
  });

  test('by email: the invitation is emailed with its answer link, no Teams card is attempted', async () => {
    const liaisonCase = await seedCase(handle.db, {
      request: { employee: { name: 'Zoé Lefèvre', email: 'zoe@example.fr' } },
    });
    const { renderers, emailed } = renderersWith('email');
    const result = await renderers.get(INVITATION_KIND)!(
      message(INVITATION_KIND, liaisonCase.id, { offer: 1 }),
    );
    expect(result).toEqual({ deliveredElsewhere: { status: 'sent', activityId: undefined } });
    expect(emailed).toEqual([liaisonCase.id]);
  });

  test('by letter: nothing is sent by Liaison; the status card says to print it and whether the page was opened', async () => {
    const liaisonCase = await seedCase(handle.db, { request: { employee: { name: 'Zoé Lefèvre' } } });
    const { renderers, emailed } = renderersWith('letter', {
      opened: true,
      firstOpenedAt: '2026-11-06T10:00:00.000Z',
    });
    const result = await renderers.get(INVITATION_KIND)!(
      message(INVITATION_KIND, liaisonCase.id, { offer: 1 }),
    );
    expect(result).toEqual({ deliveredElsewhere: { status: 'sent', activityId: undefined } });
    expect(emailed).toEqual([]);
    await new ConversationReferenceStore(handle.db).saveFromActivity({
      type: 'message',
      channelId: 'msteams',
      serviceUrl: 'https://smba.example/',
      locale: 'en-US',
      from: { id: '29:aad-manager', aadObjectId: 'aad-manager' },
      recipient: { id: '28:liaison' },
      conversation: { id: 'a:manager', conversationType: 'personal', tenantId: 'tenant-a' },
      channelData: { tenant: { id: 'tenant-a' } },
    } as never);
    const status = await renderers.get(MANAGER_STATUS_KIND)!(
      message(MANAGER_STATUS_KIND, liaisonCase.id, { news: 'open' }),
    );
    const en = translatorFor('en-US');
    const text = JSON.stringify(status);
    expect(text).toContain(en('managerStatus.invitedBy.letter', { ns: 'cards' }));
    expect(text).toContain(en('managerStatus.linkOpened', { ns: 'cards', day: '6 November 2026' }));
  });
});
