import type {
  CaseChange,
  CompanySettings,
  Email,
  EmailSender,
  OpenCaseRequest,
} from '../../../../bot/services/caseFlow';
import type { LiaisonCase } from '../../../../bot/services/cases';
import type { RenderedMessage } from '../../../../bot/platform/messaging';
import {
  caseReminderJobs,
  caseSubject,
  parisInstant,
  type ReminderMessagePayload,
} from '../../../../bot/services/reminders';
import { openDatabase, type Database } from '../../../../bot/platform/storage';
import { parisToday } from '../../../../domain';
import {
  callerOf,
  EMPLOYEE_ID,
  HR_ID,
  MANAGER_ID,
  sampleCase,
  sampleOpenRequest,
  SPST_ID,
} from '../cases/sampleCase';
import { storageKinds, type TestDatabase } from '../../../support/databases';
import { COMPANY, HR_CHANNEL, remindersOver, TENANT } from '../../platform/scheduler/support';

const NOW = new Date('2026-11-05T09:00:00.000Z'); // 2026-11-05, 10:00 in Paris
/** An SPST contact Liaison reaches in Teams: the notice goes out when the case opens. */
const SPST_IN_TEAMS: CompanySettings = {
  companyName: 'Dupain',
  hrChannelId: HR_CHANNEL,
  spstContact: { name: 'Dr Durand', aadObjectId: SPST_ID },
};
/** An SPST contact with neither a Teams id nor an email: the manager must tell the SPST. */
const SPST_NOT_REACHABLE: CompanySettings = { ...SPST_IN_TEAMS, spstContact: { name: 'Dr Durand' } };
const SAME_WISHES = { dates: [], withoutManager: false, referent: false };

describe.each(storageKinds())('reminders on $kind', ({ open }) => {
  let handle: TestDatabase;
  let db: Database;
  let r: ReturnType<typeof remindersOver>;

  beforeEach(async () => {
    handle = await open();
    db = handle.db;
    r = remindersOver(db, NOW);
    await r.companySettings.upsert(TENANT, COMPANY, SPST_IN_TEAMS);
  });
  afterEach(() => handle.dispose());

  const jobsOf = async (caseId: string) =>
    (await r.scheduler.jobs.list(TENANT, caseSubject(caseId))).map(
      (job) => `${job.kind.replace('reminder.', '')}@${job.dueOn}:${job.status}`,
    );
  /** Opens the sample case (meeting 2026-11-20, D0 2026-11-02) as its manager, through CaseService. */
  const start = async (overrides: Partial<OpenCaseRequest> = {}, by = MANAGER_ID) => {
    const outcome = await r.service.open(
      sampleOpenRequest({ tenantId: TENANT, companyId: COMPANY, ...overrides }),
      callerOf(by),
    );
    if (outcome.outcome !== 'applied') throw new Error(JSON.stringify(outcome));
    return outcome.case;
  };
  const change = async (liaisonCase: LiaisonCase, command: CaseChange, by: string) => {
    const outcome = await r.service.change(TENANT, liaisonCase.id, command, callerOf(by));
    if (outcome.outcome !== 'applied') throw new Error(JSON.stringify(outcome));
    return outcome.case;
  };
  const accept = (liaisonCase: LiaisonCase, offer = 1) =>
    change(liaisonCase, { type: 'accept', offer }, EMPLOYEE_ID);
  const askOtherDate = (liaisonCase: LiaisonCase) =>
    change(liaisonCase, { type: 'ask_other_date', offer: 1, wishes: SAME_WISHES }, EMPLOYEE_ID);
  const proposeAgain = (liaisonCase: LiaisonCase, date: string) =>
    change(liaisonCase, { type: 'propose_again', meeting: { ...liaisonCase.meeting, date } }, MANAGER_ID);
  const at = async (iso: string) => {
    r.clock.now = new Date(iso);
    return r.scheduler.runDue();
  };
  const renderAll = async () => {
    const rendered: Array<{ payload: ReminderMessagePayload; message: RenderedMessage }> = [];
    for (const message of await r.queued()) {
      rendered.push({
        payload: message.payload as ReminderMessagePayload,
        message: (await r.render(message)) as RenderedMessage,
      });
    }
    // Queued in one transaction: ordered by recipient, not by insertion.
    return rendered.sort((a, b) => a.payload.recipient.localeCompare(b.payload.recipient));
  };

  describe('recomputed when the case changes', () => {
    test('an accepted meeting gets its day-before reminder; a new date moves it; a cancelled case has none', async () => {
      const invited = await start();
      expect(await jobsOf(invited.id)).toEqual([]);
      await accept(invited);
      expect(await jobsOf(invited.id)).toEqual(['day_before@2026-11-19:pending']);
      const moved = await proposeAgain(invited, '2026-11-24');
      await accept(moved, 2);
      expect(await jobsOf(invited.id)).toEqual([
        'day_before@2026-11-19:cancelled',
        'day_before@2026-11-23:pending',
      ]);
      await change(moved, { type: 'cancel' }, MANAGER_ID);
      expect(await jobsOf(invited.id)).toEqual([
        'day_before@2026-11-19:cancelled',
        'day_before@2026-11-23:cancelled',
      ]);
    });

    test('#12.10 a request for another date asks for a new proposal before the deadline, and says when it is late', async () => {
      const invited = await askOtherDate(await start());
      // D0 2026-11-02 + 15 = Tuesday 2026-11-17, a business day: reminded two days before, and on the 18th if
      // no new date was proposed by then.
      expect(await jobsOf(invited.id)).toEqual([
        'proposal_due@2026-11-15:pending',
        'proposal_overdue@2026-11-18:pending',
      ]);
      const moved = await proposeAgain(invited, '2026-11-27');
      await accept(moved, 2);
      expect(await jobsOf(invited.id)).toEqual([
        'proposal_due@2026-11-15:cancelled',
        'proposal_overdue@2026-11-18:cancelled',
        'day_before@2026-11-26:pending',
      ]);
    });

    test('an SPST that Liaison could not tell is reminded before the last day to notify it', async () => {
      await r.companySettings.upsert(TENANT, COMPANY, SPST_NOT_REACHABLE);
      const invited = await start();
      expect(invited.spst.notifiedBy).toEqual([]);
      // Meeting 2026-11-20: the SPST must be told by 2026-11-12 (8 days before); reminded on 2026-11-10.
      expect(await jobsOf(invited.id)).toEqual(['spst_notice_due@2026-11-10:pending']);
      await accept(invited);
      expect(await jobsOf(invited.id)).toEqual([
        'spst_notice_due@2026-11-10:pending',
        'day_before@2026-11-19:pending',
      ]);
    });

    test('a declined case cancels what was pending', async () => {
      await r.companySettings.upsert(TENANT, COMPANY, SPST_NOT_REACHABLE);
      const invited = await start();
      await change(invited, { type: 'decline', offer: 1 }, EMPLOYEE_ID);
      expect(await jobsOf(invited.id)).toEqual(['spst_notice_due@2026-11-10:cancelled']);
    });
  });

  describe('delivered', () => {
    test('the day before the meeting, the employee and the manager get one card each, in their own language, once', async () => {
      await r.knownUser(EMPLOYEE_ID, 'fr-FR');
      await r.knownUser(MANAGER_ID, 'en-US');
      const invited = await start();
      await accept(invited);
      expect(await at('2026-11-19T06:59:00.000Z')).toBe(0); // 07:59 in Paris
      expect(await r.queued()).toEqual([]);
      expect(await at('2026-11-19T07:00:00.000Z')).toBe(1); // 08:00 in Paris
      expect(await at('2026-11-19T09:00:00.000Z')).toBe(0);
      const rendered = await renderAll();
      expect(rendered.map(({ payload }) => payload.recipient)).toEqual(['employee', 'manager']);
      const [toEmployee, toManager] = rendered.map(({ message }) => JSON.stringify(message));
      expect(toEmployee).toContain(EMPLOYEE_ID);
      expect(toEmployee).toContain('Votre rendez-vous de liaison a lieu demain.');
      expect(toEmployee).toContain('20/11/2026');
      expect(toManager).toContain(MANAGER_ID);
      expect(toManager).toContain('The liaison meeting of Camille Martin takes place tomorrow.');
      expect(toManager).toContain('20 November 2026');
      expect(await jobsOf(invited.id)).toEqual(['day_before@2026-11-19:done']);
    });

    test('#12.10 a passed proposal deadline is said plainly: late by how many days, due when, what to do now', async () => {
      await r.knownChannel(HR_CHANNEL, 'fr-FR');
      await r.knownUser(MANAGER_ID, 'en-US');
      const invited = await askOtherDate(await start());
      await at('2026-11-15T07:00:00.000Z');
      await at('2026-11-18T07:00:00.000Z');
      const rendered = await renderAll();
      const overdue = rendered.filter(({ payload }) => payload.reminder === 'proposal_overdue');
      expect(
        overdue.map(({ payload }) =>
          'caseId' in payload ? [payload.recipient, payload.deadline, payload.daysLate] : [],
        ),
      ).toEqual([
        ['hr', '2026-11-17', 1],
        ['manager', '2026-11-17', 1],
      ]);
      const [toHr, toManager] = overdue.map(({ message }) => JSON.stringify(message));
      expect(toManager).toContain('The proposal is late by 1 day: it was due on 17 November 2026');
      expect(toManager).toContain('propose a new one today');
      expect(toManager).toContain('Proposal late');
      expect(toHr).toContain('La proposition a 1 jour de retard : elle était due le 17/11/2026');
      expect(toHr).toContain('proposez-en une nouvelle');
      expect(await jobsOf(invited.id)).toEqual([
        'proposal_due@2026-11-15:done',
        'proposal_overdue@2026-11-18:done',
      ]);
    });

    test('#12.10 a new date proposed in time leaves no late reminder', async () => {
      const invited = await askOtherDate(await start());
      await proposeAgain(invited, '2026-11-27');
      await at('2026-11-18T07:00:00.000Z');
      expect(
        (await r.queued()).filter(
          (m) => (m.payload as ReminderMessagePayload).reminder === 'proposal_overdue',
        ),
      ).toEqual([]);
    });

    test('a case HR opened without a manager reminds HR only', async () => {
      await r.knownChannel(HR_CHANNEL, 'en-US');
      const invited = await start({ manager: undefined }, HR_ID);
      expect(invited.manager).toBeUndefined();
      await askOtherDate(invited);
      await at('2026-11-15T07:00:00.000Z');
      const rendered = await renderAll();
      expect(rendered.map(({ payload }) => payload.recipient)).toEqual(['hr']);
    });

    test('an SPST that attends and was notified by email gets its reminder by email, in French', async () => {
      const sent: Email[] = [];
      const emailSender = { send: async (email: Email) => void sent.push(email) } as unknown as EmailSender;
      const withEmail = remindersOver(db, NOW, emailSender);
      await withEmail.companySettings.upsert(TENANT, COMPANY, {
        companyName: 'Dupain',
        spstContact: { name: 'Dr Durand', email: 'spst@example.org' },
      });
      const opened = await withEmail.service.open(
        sampleOpenRequest({ tenantId: TENANT, companyId: COMPANY, spstAttendance: 'attend' }),
        callerOf(MANAGER_ID),
      );
      if (opened.outcome !== 'applied') throw new Error(JSON.stringify(opened));
      expect(opened.case.spst.notifiedBy).toEqual(['email']);
      await withEmail.service.change(
        TENANT,
        opened.case.id,
        { type: 'accept', offer: 1 },
        callerOf(EMPLOYEE_ID),
      );
      withEmail.clock.now = new Date('2026-11-19T07:00:00.000Z');
      await withEmail.scheduler.runDue();
      const toSpst = (await withEmail.queued()).filter(
        (m) => (m.payload as ReminderMessagePayload).recipient === 'spst_email',
      );
      expect(toSpst).toHaveLength(1);
      expect(await withEmail.render(toSpst[0]!)).toEqual({
        deliveredElsewhere: { status: 'sent', activityId: undefined },
      });
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ to: 'spst@example.org' });
      expect(sent[0]!.subject).toContain('20/11/2026');
      expect(sent[0]!.text).toContain('a lieu demain');
      expect(sent[0]!.text).toContain('Camille Martin');
      expect(sent[0]!.text).toContain('aucune information médicale');
    });

    test('two instances sharing the database deliver a due reminder once', async () => {
      const other = handle.url.startsWith('sqlite:')
        ? await openDatabase({ kind: 'sqlite', path: handle.url.slice('sqlite:'.length) })
        : await openDatabase({ kind: 'postgres', url: handle.url });
      try {
        const second = remindersOver(other, NOW);
        await accept(await start());
        r.clock.now = second.clock.now = new Date('2026-11-19T07:00:00.000Z');
        // At once on PostgreSQL; one after the other on SQLite, where two connections of one process would
        // block each other (the two-process case is in scheduler.test.ts).
        const ran =
          db.dialect === 'postgres'
            ? await Promise.all([r.scheduler.runDue(), second.scheduler.runDue()])
            : [await r.scheduler.runDue(), await second.scheduler.runDue()];
        expect(ran[0]! + ran[1]!).toBe(1);
        expect((await r.queued()).map((m) => (m.payload as ReminderMessagePayload).recipient).sort()).toEqual(
          ['employee', 'manager'],
        );
      } finally {
        await other.close();
      }
    });

    test('the SPST notice reminder goes to the manager and to the HR channel, with the deadline', async () => {
      await r.companySettings.upsert(TENANT, COMPANY, SPST_NOT_REACHABLE);
      await r.knownChannel(HR_CHANNEL, 'fr-FR');
      await r.knownUser(MANAGER_ID, 'en-US');
      await start();
      await at('2026-11-10T07:00:00.000Z');
      const rendered = await renderAll();
      expect(rendered.map(({ payload }) => payload.recipient)).toEqual(['hr', 'manager']);
      const [toHr, toManager] = rendered.map(({ message }) => message);
      expect(toManager!.target).toEqual({ aadObjectId: MANAGER_ID });
      expect(JSON.stringify(toManager)).toContain('12 November 2026');
      expect(JSON.stringify(toManager)).toContain('Deadline ahead: tell the SPST');
      expect(toHr!.target).toEqual({ channelId: HR_CHANNEL });
      expect(JSON.stringify(toHr)).toContain('12/11/2026');
      expect(JSON.stringify(toHr)).toContain('prévenez le SPST');
    });

    test('a reminder whose case moved on after it was claimed is skipped', async () => {
      await r.companySettings.upsert(TENANT, COMPANY, SPST_NOT_REACHABLE);
      const proposed = await start();
      r.clock.now = new Date('2026-11-10T07:00:00.000Z');
      const [claimed] = await r.scheduler.jobs.claimDue(r.clock.now, 10, 60_000);
      // Recorded without the hook, as an instance running older code would: only the check when due sees it.
      await db.execute(`UPDATE cases SET state = 'cancelled', document = $1 WHERE id = $2`, [
        JSON.stringify({ ...proposed, state: 'cancelled' }),
        proposed.id,
      ]);
      r.clock.now = new Date('2026-11-10T07:10:00.000Z');
      expect(claimed).toBeDefined();
      expect(await at('2026-11-10T08:10:00.000Z')).toBe(1); // the lease ran out: claimed again, then skipped
      expect(await r.queued()).toEqual([]);
      expect(await jobsOf(proposed.id)).toEqual(['spst_notice_due@2026-11-10:skipped']);
    });
  });
});

describe('the day-before reminder across a daylight-saving change', () => {
  const accepted = (date: string): LiaisonCase =>
    sampleCase({
      requestDate: '2026-03-10',
      meeting: { date, time: '10:00', mode: 'remote' },
      id: 'case-1',
      state: 'accepted',
      createdAt: '2026-03-11T10:00:00.000Z',
      version: 3,
    });

  test.each([
    // Summer time starts on Sunday 2026-03-29: 08:00 in Paris is 06:00 UTC that day, 07:00 UTC the day before.
    { meeting: '2026-03-30', dueOn: '2026-03-29', dueAt: '2026-03-29T06:00:00.000Z' },
    { meeting: '2026-03-29', dueOn: '2026-03-28', dueAt: '2026-03-28T07:00:00.000Z' },
    // Winter time starts on Sunday 2026-10-25: 08:00 in Paris is 07:00 UTC that day, 06:00 UTC the day before.
    { meeting: '2026-10-26', dueOn: '2026-10-25', dueAt: '2026-10-25T07:00:00.000Z' },
    { meeting: '2026-10-25', dueOn: '2026-10-24', dueAt: '2026-10-24T06:00:00.000Z' },
  ])(
    'a meeting on $meeting is recalled on $dueOn at 08:00 in Paris ($dueAt)',
    ({ meeting, dueOn, dueAt }) => {
      const now = new Date('2026-03-12T10:00:00.000Z');
      const [job] = caseReminderJobs(accepted(meeting), parisToday(now), now);
      expect(job).toMatchObject({ kind: 'reminder.day_before', dueOn });
      expect(job!.dueAt.toISOString()).toBe(dueAt);
      expect(parisToday(job!.dueAt)).toBe(dueOn);
      expect(parisToday(new Date(job!.dueAt.getTime() - 1))).toBe(dueOn); // 07:59:59.999 is still that day
      expect(parisInstant(dueOn, 8).toISOString()).toBe(dueAt);
    },
  );

  test('a reminder whose hour has passed when it is computed is due at once', () => {
    const now = new Date('2026-03-29T10:00:00.000Z');
    const [job] = caseReminderJobs(accepted('2026-03-30'), parisToday(now), now);
    expect(job).toMatchObject({ dueOn: '2026-03-29', dueAt: now });
  });
});
