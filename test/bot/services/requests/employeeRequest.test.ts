import { AccessControl } from '../../../../bot/services/access';
import {
  ConversationState,
  MemoryStorage,
  TestAdapter,
  TurnContext,
  type Activity,
  type AdaptiveCardInvokeResponse,
} from 'botbuilder';
import { handleCardAction } from '../../../../bot/teams/cardActions';
import { CompanySettingsStore } from '../../../../bot/services/caseFlow';
import { CaseStore, Outbox } from '../../../../bot/services/cases';
import { translatorFor } from '../../../../language/i18n';
import { ConversationReferenceStore } from '../../../../bot/platform/messaging';
import {
  EmployeeRequests,
  REQUEST_ACKNOWLEDGED_KIND,
  REQUEST_NOTICE_KIND,
  REQUEST_ORGANISE_KIND,
  RequestStore,
  caseFromRequest,
  requestRenderers,
} from '../../../../bot/services/requests';
import { CaseDialogRunner } from '../../../../dialogs';
import { cardTexts } from '../../../support/bot';
import { storageKinds, type TestDatabase } from '../../../support/databases';

const TENANT = 'tenant-1';
const EMPLOYEE = { id: 'user-employee', name: 'Camille Martin', aadObjectId: 'aad-employee' };
const HR = { id: 'user-hr', name: 'Hélène Rh', aadObjectId: 'aad-hr' };
// 23 November 2026, in Paris.
const NOW = new Date('2026-11-23T10:00:00Z');
const fr = translatorFor('fr-FR', 'employeeRequest');
const en = translatorFor('en-US', 'employeeRequest');

describe.each(storageKinds())("the employee's own request ($kind)", ({ open }) => {
  let database: TestDatabase;
  let requests: RequestStore;
  let outbox: Outbox;
  let companySettings: CompanySettingsStore;
  let service: EmployeeRequests;

  beforeEach(async () => {
    database = await open();
    requests = new RequestStore(database.db, () => NOW);
    outbox = new Outbox(database.db, () => NOW);
    companySettings = new CompanySettingsStore(database.db);
    service = new EmployeeRequests({ requests, outbox, companySettings });
  });
  afterEach(() => database.dispose());

  function chat(locale = 'fr-FR') {
    const conversationState = new ConversationState(new MemoryStorage());
    const runner = new CaseDialogRunner({
      conversationState,
      now: () => NOW,
      openCase: () => Promise.reject(new Error('no case in these tests')),
      submitRequest: (submission, today) => service.submit(submission, today),
    });
    const adapter = new TestAdapter(async (context) => {
      await runner.continueOrStart(context);
    });
    return async (text: string, value?: object): Promise<string> => {
      const activity: Partial<Activity> = {
        type: 'message',
        text,
        value,
        locale,
        from: EMPLOYEE,
        channelData: { tenant: { id: TENANT } },
      };
      await adapter.receiveActivity(activity);
      return adapter.activeQueue
        .splice(0)
        .map((reply) =>
          [reply.text ?? '', ...(reply.attachments ?? []).flatMap((a) => cardTexts(a.content))].join('\n'),
        )
        .join('\n');
    };
  }

  const storedRequests = () =>
    database.db.query<{ state: string; document: string }>('SELECT state, document FROM employee_requests');
  const queuedKinds = async () =>
    (await outbox.claimDue(new Date('2030-01-01T00:00:00Z'), 100)).map((message) => message.kind).sort();

  async function requestInFrench(leaveStart: string) {
    const say = chat();
    expect(await say('Je voudrais un rendez-vous de liaison')).toContain(fr('askOnLeave'));
    expect(await say('oui')).toContain(fr('askLeaveStart'));
    expect(await say(leaveStart)).toContain(fr('askManager'));
    expect(await say('Louis Bernard')).toContain('Louis Bernard');
    return say('oui');
  }

  test('explains the rights, asks the minimum, keeps the request and sends it to HR', async () => {
    await companySettings.upsert(TENANT, TENANT, { hrChannelId: 'hr-channel' });
    const say = chat();
    const intro = await say('Je voudrais un rendez-vous de liaison');
    expect(intro).toContain(fr('intro'));
    expect(intro).not.toMatch(/pourquoi êtes-vous|motif de votre arrêt \?|diagnostic/i);
    await say('oui');
    expect(await say('01/12/2026')).toContain(
      translatorFor('fr-FR', 'caseDialog')('errors.leaveStartInFuture', { day: '23/11/2026' }),
    );
    await say('01/10/2026');
    expect(await say('Louis Bernard')).toContain(
      fr('confirm', { manager: 'Louis Bernard', leaveStart: '01/10/2026' }),
    );
    expect(await say('oui')).toBe(fr('sent', { today: '23/11/2026', due: '08/12/2026' }));

    const [row] = await storedRequests();
    expect(row?.state).toBe('pending');
    expect(JSON.parse(row?.document ?? '{}')).toMatchObject({
      tenantId: TENANT,
      employee: { aadObjectId: 'aad-employee', name: 'Camille Martin' },
      manager: { name: 'Louis Bernard' },
      requestDate: '2026-11-23',
      leaveStart: '2026-10-01',
      eligibleFrom: '2026-10-31',
    });
    expect(await queuedKinds()).toEqual([REQUEST_NOTICE_KIND]);
  });

  test('the manager picked in the directory gets the request in Teams too', async () => {
    await companySettings.upsert(TENANT, TENANT, { hrChannelId: 'hr-channel' });
    const say = chat();
    await say('Je voudrais un rendez-vous de liaison');
    await say('oui');
    expect(await say('01/10/2026')).toContain(translatorFor('fr-FR', 'cards')('personPicker.manager.person'));
    const managerId = '3c1e9a7b-2f4d-4e6a-9b8c-7d6e5f4a3b2c';
    const confirm = await say('', { personForm: true, person: managerId, name: 'Louis Bernard', email: '' });
    expect(confirm).toContain(fr('confirm', { manager: 'Louis Bernard', leaveStart: '01/10/2026' }));
    await say('oui');
    const [row] = await storedRequests();
    expect(JSON.parse(row?.document ?? '{}')).toMatchObject({
      manager: { name: 'Louis Bernard', aadObjectId: managerId },
    });
    const notices = await outbox.claimDue(new Date('2030-01-01T00:00:00Z'), 100);
    expect(notices.map((message) => message.payload)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ to: 'hr' }),
        expect.objectContaining({ to: 'manager' }),
      ]),
    );
  });

  test('before the 31st day of leave the request is kept and the employee told from when', async () => {
    await companySettings.upsert(TENANT, TENANT, { hrChannelId: 'hr-channel' });
    expect(await requestInFrench('10/11/2026')).toBe(
      fr('sentNotYet', { today: '23/11/2026', eligibleFrom: '10/12/2026', due: '25/12/2026' }),
    );
    expect(await storedRequests()).toHaveLength(1);
  });

  test('without an HR channel the request is kept and the employee asked to send it too', async () => {
    const reply = await requestInFrench('01/10/2026');
    expect(reply).toContain(fr('notDelivered', { today: '23/11/2026' }));
    expect(await storedRequests()).toHaveLength(1);
    expect(await queuedKinds()).toEqual([]);
  });

  test('in English: someone not on leave is told why, and nothing is kept', async () => {
    const say = chat('en-US');
    expect(await say("I'd like a liaison meeting")).toContain(en('askOnLeave'));
    expect(await say('no')).toBe(en('notOnLeave'));
    expect(await storedRequests()).toEqual([]);
  });

  test('"annuler" stops it and nothing is kept', async () => {
    const say = chat();
    await say('je voudrais un rdv de liaison');
    await say('oui');
    expect(await say('annuler')).toBe(fr('cancelled'));
    expect(await storedRequests()).toEqual([]);
  });

  describe('request.acknowledge', () => {
    const hrIds = new Set(['aad-hr']);
    const isHr = (_tenant: string, _company: string, id: string | undefined) =>
      Promise.resolve(hrIds.has(id ?? ''));

    async function pendingRequest() {
      await companySettings.upsert(TENANT, TENANT, { hrChannelId: 'hr-channel' });
      await requestInFrench('01/10/2026');
      await queuedKinds(); // the HR notice, out of the way
      const [row] = await storedRequests();
      return JSON.parse(row?.document ?? '{}') as { id: string };
    }

    const click = (
      requestId: string,
      from: typeof HR | typeof EMPLOYEE,
    ): Promise<AdaptiveCardInvokeResponse> => {
      const adapter = new TestAdapter(async () => undefined);
      const activity = {
        type: 'invoke',
        name: 'adaptiveCard/action',
        locale: 'fr-FR',
        from,
        channelData: { tenant: { id: TENANT } },
        conversation: { id: 'hr-channel' },
        value: {
          action: { type: 'Action.Execute', verb: 'request.acknowledge', data: { caseId: requestId } },
        },
      } as Partial<Activity> as Activity;
      return handleCardAction(new TurnContext(adapter, activity), {
        cases: new CaseStore(database.db),
        caseService: { change: () => Promise.reject(new Error('no case change in these tests')) },
        requests: { store: requests, service },
        isHr,
        now: () => NOW,
      });
    };

    test('HR notes it once; the employee is told; a repeat changes nothing', async () => {
      const { id } = await pendingRequest();
      const first = await click(id, HR);
      const cards = translatorFor('fr-FR');
      expect(cardTexts(first.value)).toContain(
        cards('employeeRequest.acknowledged', {
          ns: 'cards',
          acknowledgedBy: 'Hélène Rh',
          acknowledgedOn: '23/11/2026',
        }),
      );
      expect(JSON.stringify(first.value)).not.toContain('request.acknowledge');
      expect(await requests.get(TENANT, id)).toMatchObject({
        state: 'acknowledged',
        acknowledged: { on: '2026-11-23', by: { aadObjectId: 'aad-hr' } },
      });
      expect(await queuedKinds()).toEqual([REQUEST_ACKNOWLEDGED_KIND, REQUEST_ORGANISE_KIND]);
      expect(await click(id, HR)).toEqual(first);
      expect(await queuedKinds()).toEqual([]);
    });

    test('anyone else gets a refusal and nothing changes; an unknown request too', async () => {
      const { id } = await pendingRequest();
      const refusal = translatorFor('fr-FR')('case.refusalNotAllowed', { ns: 'cards' });
      expect(cardTexts((await click(id, EMPLOYEE)).value)).toContain(refusal);
      expect((await requests.get(TENANT, id))?.state).toBe('pending');
      const unknown = translatorFor('fr-FR')('case.refusalUnknown', { ns: 'cards' });
      expect(cardTexts((await click('forged', HR)).value)).toContain(unknown);
    });

    test('the request card reaches HR in its language; the acknowledgement reaches the employee', async () => {
      const { id } = await pendingRequest();
      const references = new ConversationReferenceStore(database.db);
      const renderers = requestRenderers({ requests, companySettings, references });
      const message = (kind: string, payload: object) => ({
        id: 'm1',
        tenantId: TENANT,
        caseId: null,
        kind,
        payload,
        attempts: 1,
      });
      const notice = await renderers.get(REQUEST_NOTICE_KIND)!(
        message(REQUEST_NOTICE_KIND, { requestId: id, to: 'hr' }),
      );
      expect(notice).toMatchObject({ target: { channelId: 'hr-channel' } });
      const card = 'activity' in notice ? notice.activity.attachments?.[0]?.content : undefined;
      expect(JSON.stringify(card)).toContain('"verb":"request.acknowledge"');
      expect(cardTexts(card)).toContain(
        translatorFor('fr-FR')('employeeRequest.cannotRefuse', { ns: 'cards' }),
      );

      await click(id, HR);
      const told = await renderers.get(REQUEST_ACKNOWLEDGED_KIND)!(
        message(REQUEST_ACKNOWLEDGED_KIND, { requestId: id }),
      );
      expect(told).toMatchObject({
        target: { aadObjectId: 'aad-employee' },
        activity: { text: fr('acknowledgedNotice', { by: 'Hélène Rh', due: '08/12/2026' }) },
      });
    });
  });

  describe('organising the meeting from an acknowledged request', () => {
    test('HR gets the button, and the flow starts with the employee, the initiator and D0 filled in', async () => {
      await companySettings.upsert(TENANT, TENANT, { hrChannelId: 'hr-channel' });
      await requestInFrench('01/10/2026');
      const [row] = await storedRequests();
      const { id } = JSON.parse(row?.document ?? '{}') as { id: string };
      const references = new ConversationReferenceStore(database.db);
      const renderers = requestRenderers({ requests, companySettings, references });
      await requests.acknowledge(
        TENANT,
        id,
        { on: '2026-11-23', by: { aadObjectId: 'aad-hr', name: 'Hélène Rh' } },
        async () => undefined,
      );
      const organise = await renderers.get(REQUEST_ORGANISE_KIND)!({
        id: 'm1',
        tenantId: TENANT,
        caseId: null,
        kind: REQUEST_ORGANISE_KIND,
        payload: { requestId: id },
        attempts: 1,
      });
      expect(organise).toMatchObject({ target: { aadObjectId: 'aad-hr' } });
      const card = 'activity' in organise ? organise.activity.attachments?.[0]?.content : undefined;
      expect(JSON.stringify(card)).toContain(`"startCaseFromRequest":"${id}"`);

      const prefill = caseFromRequest({
        requests,
        access: new AccessControl({ db: database.db, hrAdmins: ['aad-hr'], localMode: false }),
      });
      const contextOf = (aadObjectId: string, tenantId = TENANT) =>
        ({
          activity: { from: { id: 'x', aadObjectId }, channelData: { tenant: { id: tenantId } } },
        }) as never;
      expect(await prefill(contextOf('aad-hr'), id)).toEqual({
        requestId: id,
        employee: { name: 'Camille Martin', aadObjectId: 'aad-employee' },
        // #12.7: the manager the employee named stays the case's manager, whoever organises it.
        manager: { name: 'Louis Bernard' },
        initiator: 'employee',
        requestDate: '2026-11-23',
      });
      expect(await prefill(contextOf('aad-stranger'), id)).toBeNull();
      expect(await prefill(contextOf('aad-hr', 'tenant-2'), id)).toBeNull();
    });
  });
});
