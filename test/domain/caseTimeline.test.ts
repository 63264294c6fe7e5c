// caseTimeline: the one home of a case's deadlines (the tab, the reminders, the letters and the cards read it).
import fc from 'fast-check';
import {
  addDays,
  caseTimeline,
  daysBetween,
  planMeeting,
  proposalDueOf,
  type CaseStatus,
  type TimelineSource,
} from '../../domain';
import { day } from './arbitraries';

// D0 Monday 4 May 2026: the proposal is due Tuesday 19 May (a business day).
const D0 = '2026-05-04';

describe('caseTimeline — examples', () => {
  test('#12.10 a request with no proposal yet: propose by D0 + 15', () => {
    const timeline = caseTimeline({ state: 'requested', requestDate: D0 }, '2026-05-10');
    expect(timeline).toMatchObject({
      proposalDue: '2026-05-19',
      proposedOn: null,
      proposalDaysLate: 0,
      proposalOverdue: false,
      nextStep: 'propose',
      nextDeadline: { kind: 'proposal', date: '2026-05-19', daysLeft: 9 },
      meetingDate: null,
      latestSpstNoticeDate: null,
    });
  });

  test('#12.10 a passed proposal deadline is flagged: overdue, by how many days', () => {
    const timeline = caseTimeline({ state: 'requested', requestDate: D0 }, '2026-05-22');
    expect(timeline).toMatchObject({
      proposalOverdue: true,
      proposalDaysLate: 3,
      nextStep: 'propose',
      nextDeadline: { kind: 'proposal', date: '2026-05-19', daysLeft: -3 },
    });
  });

  test('#12.10 a deadline on a Saturday is tolerated until Monday, and late from Tuesday', () => {
    // D0 Friday 1 May 2026 → due Saturday 16 May, tolerated until Monday 18 May.
    const source: TimelineSource = { state: 'requested', requestDate: '2026-05-01' };
    expect(caseTimeline(source, '2026-05-18')).toMatchObject({
      proposalDue: '2026-05-16',
      proposalDueWithTolerance: '2026-05-18',
      proposalOverdue: false,
      proposalDaysLate: 0,
    });
    expect(caseTimeline(source, '2026-05-19')).toMatchObject({ proposalOverdue: true, proposalDaysLate: 3 });
  });

  test('#12.10 a case opened after the deadline was proposed late: how late, for the record', () => {
    const timeline = caseTimeline(
      {
        state: 'invited',
        requestDate: D0,
        createdAt: '2026-05-25T08:00:00.000Z',
        meeting: { date: '2026-06-10' },
        spst: { noticeDate: '2026-05-25' },
      },
      '2026-05-26',
    );
    expect(timeline).toMatchObject({
      proposedOn: '2026-05-25',
      proposalDaysLate: 6,
      proposalOverdue: false,
      nextStep: 'await_answer',
      nextDeadline: { kind: 'meeting', date: '2026-06-10', daysLeft: 15 },
      meetingDate: '2026-06-10',
      latestSpstNoticeDate: '2026-06-02',
    });
  });

  test('an invitation whose SPST was not told: tell it by meeting − 8', () => {
    const timeline = caseTimeline(
      {
        state: 'invited',
        requestDate: D0,
        createdAt: '2026-05-06',
        meeting: { date: '2026-05-20' },
        spst: {},
      },
      '2026-05-07',
    );
    expect(timeline).toMatchObject({
      proposalDaysLate: 0,
      nextStep: 'notify_spst',
      nextDeadline: { kind: 'spst_notice', date: '2026-05-12', daysLeft: 5 },
    });
  });

  test('an accepted meeting: hold it (its day included), then record it', () => {
    const source: TimelineSource = {
      state: 'accepted',
      requestDate: D0,
      createdAt: '2026-05-06',
      meeting: { date: '2026-05-20' },
      spst: { noticeDate: '2026-05-06' },
    };
    expect(caseTimeline(source, '2026-05-20')).toMatchObject({
      nextStep: 'hold_meeting',
      nextDeadline: { kind: 'meeting', date: '2026-05-20', daysLeft: 0 },
    });
    expect(caseTimeline(source, '2026-05-21')).toMatchObject({ nextStep: 'record' });
  });

  test('an invitation left unanswered past its meeting day: propose a new date', () => {
    const timeline = caseTimeline(
      {
        state: 'invited',
        requestDate: D0,
        createdAt: '2026-05-06',
        meeting: { date: '2026-05-20' },
        spst: {},
      },
      '2026-05-21',
    );
    expect(timeline.nextStep).toBe('propose');
  });

  test('#12.10 another date asked and the deadline passed: a new date is overdue, the first proposal stays on time', () => {
    const source: TimelineSource = {
      state: 'other_date_asked',
      requestDate: D0,
      createdAt: '2026-05-06',
      meeting: { date: '2026-05-20' },
    };
    expect(caseTimeline(source, '2026-05-25')).toMatchObject({
      nextStep: 'propose',
      nextDeadline: { kind: 'proposal', date: '2026-05-19', daysLeft: -6 },
      awaitingProposal: true,
      proposalOverdue: true,
      proposalDaysLate: 6,
      firstProposalDaysLate: 0,
      meetingDate: null,
    });
    expect(caseTimeline(source, '2026-05-12')).toMatchObject({
      nextDeadline: { kind: 'proposal', date: '2026-05-19', daysLeft: 7 },
      proposalOverdue: false,
      proposalDaysLate: 0,
    });
  });

  test.each(['declined', 'cancelled', 'held'] as const)('a %s case has nothing left to do', (state) => {
    const timeline = caseTimeline(
      { state, requestDate: D0, createdAt: '2026-05-06', meeting: { date: '2026-05-20' } },
      '2026-05-10',
    );
    expect(timeline).toMatchObject({ nextStep: 'none', nextDeadline: null });
  });

  test('the company policy moves the deadlines', () => {
    const timeline = caseTimeline({ state: 'requested', requestDate: D0 }, '2026-05-10', {
      proposalDays: 10,
    });
    expect(timeline.proposalDue).toBe('2026-05-14');
  });
});

const STATES: Array<CaseStatus | 'requested'> = [
  'requested',
  'invited',
  'other_date_asked',
  'accepted',
  'declined',
  'cancelled',
  'held',
];

const source = (): fc.Arbitrary<{ source: TimelineSource; today: string }> =>
  fc
    .record({
      state: fc.constantFrom(...STATES),
      requestDate: day(),
      openedAfter: fc.integer({ min: 0, max: 40 }),
      meetingAfter: fc.integer({ min: 0, max: 40 }),
      told: fc.boolean(),
      todayAfter: fc.integer({ min: -5, max: 90 }),
    })
    .map(({ state, requestDate, openedAfter, meetingAfter, told, todayAfter }) => {
      const createdAt = addDays(requestDate, openedAfter);
      return {
        source: {
          state,
          requestDate,
          ...(state === 'requested'
            ? {}
            : {
                createdAt,
                meeting: { date: addDays(createdAt, meetingAfter) },
                spst: told ? { noticeDate: createdAt } : {},
              }),
        },
        today: addDays(requestDate, todayAfter),
      };
    });

describe('caseTimeline — properties', () => {
  test('#12.10 overdue means: a date is awaited, the next step is to propose, and it is late by days > 0', () => {
    fc.assert(
      fc.property(source(), ({ source: s, today }) => {
        const timeline = caseTimeline(s, today);
        if (timeline.proposalOverdue) {
          expect(['requested', 'other_date_asked']).toContain(s.state);
          expect(timeline.nextStep).toBe('propose');
          expect(timeline.proposalDaysLate).toBeGreaterThan(0);
          expect(timeline.proposalDaysLate).toBe(daysBetween(timeline.proposalDue, today));
          expect(today > timeline.proposalDueWithTolerance).toBe(true);
        }
      }),
    );
  });

  test('the deadlines are planMeeting’s; daysLeft counts from today', () => {
    fc.assert(
      fc.property(source(), ({ source: s, today }) => {
        const timeline = caseTimeline(s, today);
        const plan = planMeeting({ requestDate: s.requestDate, spstNoticeDate: today });
        expect(timeline.proposalDue).toBe(plan.proposalDue);
        expect(timeline.proposalDueWithTolerance).toBe(plan.proposalDueWithTolerance);
        if (timeline.meetingDate) {
          expect(timeline.latestSpstNoticeDate).toBe(addDays(timeline.meetingDate, -8));
        }
        if (timeline.nextDeadline) {
          expect(timeline.nextDeadline.daysLeft).toBe(daysBetween(today, timeline.nextDeadline.date));
        }
      }),
    );
  });

  test('a closed case has nothing to do; an open one always has a step', () => {
    fc.assert(
      fc.property(source(), ({ source: s, today }) => {
        const timeline = caseTimeline(s, today);
        const closed = ['declined', 'cancelled', 'held'].includes(s.state);
        expect(timeline.nextStep === 'none').toBe(closed);
        if (closed) expect(timeline.nextDeadline).toBeNull();
      }),
    );
  });

  test('the SPST is asked for only while it was not told, and by the day meeting − 8', () => {
    fc.assert(
      fc.property(source(), ({ source: s, today }) => {
        const timeline = caseTimeline(s, today);
        if (timeline.nextStep === 'notify_spst') {
          expect(s.spst?.noticeDate).toBeUndefined();
          expect(timeline.nextDeadline).toEqual({
            kind: 'spst_notice',
            date: timeline.latestSpstNoticeDate,
            daysLeft: daysBetween(today, timeline.latestSpstNoticeDate ?? today),
          });
        }
      }),
    );
  });

  test('#12.10 an unanswered request’s lateness never decreases as days go by', () => {
    fc.assert(
      fc.property(day(), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 10 }), (d0, n, step) => {
        const at = (offset: number) =>
          caseTimeline({ state: 'requested', requestDate: d0 }, addDays(d0, offset)).proposalDaysLate;
        expect(at(n + step)).toBeGreaterThanOrEqual(at(n));
      }),
    );
  });

  test('the proposal sent is a fact: its lateness does not change with today', () => {
    fc.assert(
      fc.property(source(), fc.integer({ min: 0, max: 30 }), ({ source: s, today }, later) => {
        expect(caseTimeline(s, addDays(today, later)).firstProposalDaysLate).toBe(
          caseTimeline(s, today).firstProposalDaysLate,
        );
        if (s.state !== 'requested' && s.state !== 'other_date_asked') {
          expect(caseTimeline(s, today).proposalDaysLate).toBe(caseTimeline(s, today).firstProposalDaysLate);
        }
      }),
    );
  });
});

describe("an employee's request", () => {
  test('the proposal is due 15 days after the request, or after the first eligible day when later', () => {
    expect(proposalDueOf({ requestDate: '2026-03-02', eligibleFrom: '2026-03-02' })).toBe('2026-03-17');
    expect(proposalDueOf({ requestDate: '2026-03-02', eligibleFrom: '2026-02-20' })).toBe('2026-03-17');
    expect(proposalDueOf({ requestDate: '2026-03-02', eligibleFrom: '2026-03-20' })).toBe('2026-04-04');
  });

  test("the request keeps the policy it was made under, as a case's timeline does", () => {
    const policy = { proposalDays: 10 };
    expect(proposalDueOf({ requestDate: '2026-03-02', eligibleFrom: '2026-03-02', policy })).toBe(
      '2026-03-12',
    );
    const source: TimelineSource = { state: 'invited', requestDate: '2026-03-02', policy };
    expect(caseTimeline(source, '2026-03-03').proposalDue).toBe('2026-03-12');
    expect(caseTimeline(source, '2026-03-03', {}).proposalDue).toBe('2026-03-17');
  });
});
