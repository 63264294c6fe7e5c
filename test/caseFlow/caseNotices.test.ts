import { storageKinds, type TestDatabase } from '../support/databases';
import { TENANT } from '../messaging/harness';
import { caseFlowOver, COMPANY, SETTINGS, sampleStartRequest } from './harness';

describe.each(storageKinds())('startCase ($kind)', ({ open }) => {
  let database: TestDatabase;
  let flow: ReturnType<typeof caseFlowOver>;

  beforeEach(async () => {
    database = await open();
    flow = caseFlowOver(database.db);
  });
  afterEach(() => database.dispose());

  const outboxRows = () =>
    database.db.query<{ kind: string; case_id: string; tenant_id: string; payload: string }>(
      'SELECT kind, case_id, tenant_id, payload FROM outbox ORDER BY kind',
    );
  const caseCount = async () =>
    Number((await database.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM cases'))[0]?.n);

  test('stores the case as proposed, SPST told today, and queues the invitation and the SPST notice', async () => {
    await flow.companySettings.upsert(TENANT, COMPANY, SETTINGS);
    const result = await flow.caseFlow.startCase(sampleStartRequest());
    if (result.status !== 'started') throw new Error(`not started: ${JSON.stringify(result)}`);
    expect(result.case).toMatchObject({
      state: 'proposed',
      tenantId: TENANT,
      spst: {
        attendance: 'informed',
        noticeDate: '2026-11-05',
        contactAadObjectId: 'aad-spst',
        notifiedBy: ['teams'],
      },
    });
    expect(await flow.cases.get(TENANT, result.case.id)).toEqual(result.case);
    expect(await flow.cases.auditTrail(TENANT, result.case.id)).toEqual([
      expect.objectContaining({
        event: 'propose',
        fromState: 'draft',
        toState: 'proposed',
        actorRole: 'manager',
      }),
    ]);
    const payload = JSON.stringify({ caseId: result.case.id });
    const row = (kind: string, body = payload) => ({
      kind,
      case_id: result.case.id,
      tenant_id: TENANT,
      payload: body,
    });
    expect(await outboxRows()).toEqual([
      row('invitation'),
      row('manager.status', JSON.stringify({ caseId: result.case.id, news: 'started' })),
      row('spst.notice'),
    ]);
  });

  test('queues the SPST email too when SMTP is configured', async () => {
    flow = caseFlowOver(database.db, true);
    await flow.companySettings.upsert(TENANT, COMPANY, SETTINGS);
    expect((await flow.caseFlow.startCase(sampleStartRequest())).status).toBe('started');
    expect((await outboxRows()).map((row) => row.kind)).toEqual([
      'invitation',
      'manager.status',
      'spst.email',
      'spst.notice',
    ]);
  });

  test('a retried start (same draft id) creates and queues nothing more', async () => {
    await flow.companySettings.upsert(TENANT, COMPANY, SETTINGS);
    const first = await flow.caseFlow.startCase(sampleStartRequest());
    const again = await flow.caseFlow.startCase(sampleStartRequest());
    expect(again).toEqual({ status: 'already_started', case: first.status === 'started' && first.case });
    expect(await caseCount()).toBe(1);
    expect(await outboxRows()).toHaveLength(3);
  });

  test('a meeting less than 8 days after the SPST notice is refused and nothing is stored', async () => {
    await flow.companySettings.upsert(TENANT, COMPANY, SETTINGS);
    const request = sampleStartRequest();
    const result = await flow.caseFlow.startCase({
      ...request,
      meeting: { ...request.meeting, date: '2026-11-12' },
    });
    expect(result).toEqual({
      status: 'refused',
      refusal: {
        reason: 'meeting_date_invalid',
        problems: ['spst_notice_too_short'],
        earliestMeetingDate: '2026-11-13',
      },
    });
    expect(await caseCount()).toBe(0);
    expect(await outboxRows()).toEqual([]);
  });

  test("the company's policy decides, and the case keeps the policy it started under", async () => {
    await flow.companySettings.upsert(TENANT, COMPANY, { ...SETTINGS, policy: { proposalRule: 'meeting' } });
    // Under the "meeting" reading of "15 jours", the meeting itself must be held by D0 + 15 (17 November).
    const late = await flow.caseFlow.startCase(sampleStartRequest());
    expect(late).toMatchObject({ status: 'refused', refusal: { problems: ['after_strict_deadline'] } });
    const request = sampleStartRequest();
    const started = await flow.caseFlow.startCase({
      ...request,
      meeting: { ...request.meeting, date: '2026-11-16' },
    });
    if (started.status !== 'started') throw new Error(`not started: ${JSON.stringify(started)}`);
    expect(started.case.policy).toEqual({ proposalRule: 'meeting' });
  });

  test('a company whose SPST Liaison cannot reach still starts: the notice is left to the manager', async () => {
    const { aadObjectId: _teamsId, ...byEmailOnly } = SETTINGS.spstContact ?? { name: '' };
    await flow.companySettings.upsert(TENANT, COMPANY, { spstContact: byEmailOnly });
    // An email address is no use without SMTP.
    const result = await flow.caseFlow.startCase(sampleStartRequest());
    if (result.status !== 'started') throw new Error(`not started: ${JSON.stringify(result)}`);
    expect(result.case.spst).toEqual({ attendance: 'informed', notifiedBy: [] });
    expect((await outboxRows()).map((row) => row.kind)).toEqual(['invitation', 'manager.status']);
  });
});

describe.each(storageKinds())('CompanySettingsStore ($kind)', ({ open }) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await open();
  });
  afterEach(() => database.dispose());

  test('merges what is recorded and keeps each tenant to itself', async () => {
    const { companySettings } = caseFlowOver(database.db);
    expect(await companySettings.get(TENANT, COMPANY)).toEqual({});
    await companySettings.upsert(TENANT, COMPANY, { headcount: 40 });
    await companySettings.upsert(TENANT, COMPANY, { hrChannelId: 'channel-a', referentDesignated: true });
    await companySettings.upsert('tenant-b', COMPANY, { headcount: 300 });
    expect(await companySettings.get(TENANT, COMPANY)).toEqual({
      headcount: 40,
      hrChannelId: 'channel-a',
      referentDesignated: true,
    });
    expect(await companySettings.get('tenant-b', COMPANY)).toEqual({ headcount: 300 });
    expect(await companySettings.get('tenant-c', COMPANY)).toEqual({});
  });
});
