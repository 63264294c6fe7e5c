import { storageKinds, type TestDatabase } from '../../../support/databases';
import { TENANT } from '../../platform/messaging/harness';
import { caseServiceOver, COMPANY, EMPLOYEE, MANAGER, SETTINGS, sampleOpenRequest } from './harness';

/** What CaseService queues for the renderers: exactly what the engine's `notify` names, with the offer. */
describe.each(storageKinds())('the messages a change of a case queues ($kind)', ({ open }) => {
  let database: TestDatabase;
  let flow: ReturnType<typeof caseServiceOver>;

  beforeEach(async () => {
    database = await open();
    flow = caseServiceOver(database.db);
  });
  afterEach(() => database.dispose());

  const outboxRows = async () =>
    (
      await database.db.query<{ kind: string; case_id: string; tenant_id: string; payload: string }>(
        'SELECT kind, case_id, tenant_id, payload FROM outbox ORDER BY kind, id',
      )
    ).map((row) => ({ ...row, payload: JSON.parse(row.payload) as unknown }));
  const caseCount = async () =>
    Number((await database.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM cases'))[0]?.n);

  test('#12.16 opening queues the invitation, the SPST notice, the manager status and the HR update', async () => {
    await flow.companySettings.upsert(TENANT, COMPANY, SETTINGS);
    const outcome = await flow.caseService.open(sampleOpenRequest(), MANAGER);
    if (outcome.outcome !== 'applied') throw new Error(`not opened: ${JSON.stringify(outcome)}`);
    const caseId = outcome.case.id;
    expect(outcome.case).toMatchObject({
      state: 'invited',
      offer: 1,
      spst: { attendance: 'informed', noticeDate: '2026-11-05', notifiedBy: ['teams'] },
    });
    const row = (kind: string, payload: object) => ({ kind, case_id: caseId, tenant_id: TENANT, payload });
    expect(await outboxRows()).toEqual([
      row('hr.update', { caseId, news: 'open' }),
      row('invitation', { caseId, offer: 1 }),
      row('manager.status', { caseId, news: 'open' }),
      row('spst.notice', { caseId, offer: 1, notice: 'notice' }),
    ]);
  });

  test('queues the SPST email too when SMTP is configured', async () => {
    flow = caseServiceOver(database.db, { emailEnabled: true });
    await flow.companySettings.upsert(TENANT, COMPANY, SETTINGS);
    expect((await flow.caseService.open(sampleOpenRequest(), MANAGER)).outcome).toBe('applied');
    expect((await outboxRows()).map((row) => row.kind)).toEqual([
      'hr.update',
      'invitation',
      'manager.status',
      'spst.email',
      'spst.notice',
    ]);
  });

  test('a retried opening (same case id) creates and queues nothing more', async () => {
    await flow.companySettings.upsert(TENANT, COMPANY, SETTINGS);
    const request = sampleOpenRequest();
    expect((await flow.caseService.open(request, MANAGER)).outcome).toBe('applied');
    expect((await flow.caseService.open(request, MANAGER)).outcome).toBe('unchanged');
    expect(await caseCount()).toBe(1);
    expect(await outboxRows()).toHaveLength(4);
  });

  test('a meeting less than 8 days after the SPST notice is refused and nothing is stored or queued', async () => {
    await flow.companySettings.upsert(TENANT, COMPANY, SETTINGS);
    const request = sampleOpenRequest();
    const outcome = await flow.caseService.open(
      { ...request, meeting: { ...request.meeting, date: '2026-11-12' } },
      MANAGER,
    );
    expect(outcome).toMatchObject({ outcome: 'refused', reason: 'meeting_invalid' });
    expect(await caseCount()).toBe(0);
    expect(await outboxRows()).toEqual([]);
  });

  test('a company whose SPST Liaison cannot reach queues no SPST message: the notice is left to the manager', async () => {
    const { aadObjectId: _teamsId, ...byEmailOnly } = SETTINGS.spstContact ?? { name: '' };
    await flow.companySettings.upsert(TENANT, COMPANY, { spstContact: byEmailOnly });
    // An email address is no use without SMTP.
    const outcome = await flow.caseService.open(sampleOpenRequest(), MANAGER);
    if (outcome.outcome !== 'applied') throw new Error(`not opened: ${JSON.stringify(outcome)}`);
    expect(outcome.case.spst).toEqual({ attendance: 'informed', notifiedBy: [] });
    expect((await outboxRows()).map((row) => row.kind)).toEqual([
      'hr.update',
      'invitation',
      'manager.status',
    ]);
  });

  test('#12.3 a new date queues the SPST change with the meeting it replaces, a decline the cancellation', async () => {
    await flow.companySettings.upsert(TENANT, COMPANY, SETTINGS);
    const opened = await flow.caseService.open(sampleOpenRequest(), MANAGER);
    if (opened.outcome !== 'applied') throw new Error('not opened');
    const caseId = opened.case.id;
    const proposed = await flow.caseService.change(
      TENANT,
      caseId,
      { type: 'propose_again', meeting: { date: '2026-11-24', time: '14:00', mode: 'remote' } },
      MANAGER,
    );
    expect(proposed.outcome).toBe('applied');
    await flow.caseService.change(TENANT, caseId, { type: 'decline', offer: 2 }, EMPLOYEE);
    const spst = (await outboxRows()).filter((row) => row.kind === 'spst.notice').map((row) => row.payload);
    // Messages queued at the same instant have no order among them: compared as a set.
    expect(spst).toHaveLength(3);
    expect(spst).toEqual(
      expect.arrayContaining([
        { caseId, offer: 1, notice: 'notice' },
        {
          caseId,
          offer: 2,
          notice: 'change',
          replaces: { date: '2026-11-20', time: '10:00', mode: 'on_site' },
        },
        { caseId, offer: 2, notice: 'cancellation' },
      ]),
    );
  });
});

describe.each(storageKinds())('CompanySettingsStore ($kind)', ({ open }) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await open();
  });
  afterEach(() => database.dispose());

  test('merges what is recorded and keeps each tenant to itself', async () => {
    const { companySettings } = caseServiceOver(database.db);
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
