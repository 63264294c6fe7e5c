// Invariants that must hold for any input, not only for the worked examples.
import fc from 'fast-check';
import {
  addDays,
  assessEligibility,
  daysBetween,
  isBusinessDay,
  isIsoDate,
  isPublicHoliday,
  nearestValidMeetingDate,
  planMeeting,
  resolvePolicy,
  type MeetingPlan,
} from '../../domain';
import { absence, absences, day, eligibilityInput, NON_COUNTING_KINDS, planInput } from './arbitraries';
import { naiveEligibility } from './eligibility-oracle';

const numRuns = 200;
const check = <T>(arbitrary: fc.Arbitrary<T>, predicate: (value: T) => void) =>
  fc.assert(
    fc.property(arbitrary, (value) => {
      predicate(value);
    }),
    { numRuns },
  );

describe('calendar', () => {
  test('addDays and daysBetween are inverse', () => {
    check(fc.tuple(day(), fc.integer({ min: -3000, max: 3000 })), ([start, n]) => {
      const moved = addDays(start, n);
      expect(isIsoDate(moved)).toBe(true);
      expect(daysBetween(start, moved)).toBe(n);
    });
  });

  test('14 July is a holiday every year in both regions; 26 December only in Alsace-Moselle', () => {
    check(fc.integer({ min: 1900, max: 2200 }), (year) => {
      expect(isPublicHoliday(`${year}-07-14`)).toBe(true);
      expect(isPublicHoliday(`${year}-07-14`, 'alsace_moselle')).toBe(true);
      expect(isPublicHoliday(`${year}-12-26`)).toBe(false);
      expect(isPublicHoliday(`${year}-12-26`, 'alsace_moselle')).toBe(true);
    });
  });

  test('every mainland holiday is an Alsace-Moselle holiday', () => {
    check(day(), (d) => {
      if (isPublicHoliday(d, 'metropole')) expect(isPublicHoliday(d, 'alsace_moselle')).toBe(true);
    });
  });
});

describe('assessEligibility', () => {
  test('agrees with a naive day-by-day reading of the semantics', () => {
    check(eligibilityInput(), (input) => {
      const { countedDays, firstEligibleDate } = assessEligibility(input);
      expect({ countedDays, firstEligibleDate }).toEqual(naiveEligibility(input));
    });
  });

  test('a day never counts twice: duplicated or overlapping absences change nothing', () => {
    check(
      fc.tuple(eligibilityInput(), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })),
      ([input, trimStart, trimEnd]) => {
        const inner = input.absences.map((a) => {
          const last = addDays(a.start, Math.max(0, daysBetween(a.start, a.end) - trimEnd));
          const first = addDays(a.start, Math.min(trimStart, daysBetween(a.start, last)));
          return { ...a, start: first, end: last };
        });
        const expected = assessEligibility(input);
        expect(assessEligibility({ ...input, absences: [...input.absences, ...input.absences] })).toEqual(
          expected,
        );
        expect(assessEligibility({ ...input, absences: [...inner, ...input.absences] })).toEqual(expected);
      },
    );
  });

  test('adding an absence never lowers countedDays', () => {
    check(fc.tuple(eligibilityInput(), absence()), ([input, extra]) => {
      const before = assessEligibility(input).countedDays;
      expect(
        assessEligibility({ ...input, absences: [...input.absences, extra] }).countedDays,
      ).toBeGreaterThanOrEqual(before);
    });
  });

  test('countedDays never exceeds the window, nor the days elapsed since the first leave day', () => {
    check(eligibilityInput(), (input) => {
      const { countedDays } = assessEligibility(input);
      const lookback = input.policy.lookbackDays ?? 365;
      if (typeof lookback === 'number') expect(countedDays).toBeLessThanOrEqual(lookback);
      const starts = input.absences.map((a) => a.start).filter((start) => start <= input.today);
      const sinceFirst = starts.length === 0 ? 0 : daysBetween(starts.sort()[0]!, input.today) + 1;
      expect(countedDays).toBeLessThanOrEqual(sinceFirst);
    });
  });

  test('non-counting absences are ignored entirely', () => {
    check(
      fc.tuple(eligibilityInput(), fc.array(absence(NON_COUNTING_KINDS), { maxLength: 4 })),
      ([input, extra]) => {
        expect(assessEligibility({ ...input, absences: [...extra, ...input.absences] })).toEqual(
          assessEligibility(input),
        );
      },
    );
  });

  test('the threshold override decides eligibility and below_threshold', () => {
    check(eligibilityInput(), (input) => {
      const result = assessEligibility(input);
      const threshold = resolvePolicy(input.policy).thresholdDays;
      expect(result.notes.includes('below_threshold')).toBe(result.countedDays <= threshold);
      if (result.eligible) expect(result.countedDays).toBeGreaterThan(threshold);
      expect(result.eligible).toBe(
        result.onLeave && result.countedDays > threshold && !result.notes.includes('contract_not_covered'),
      );
    });
  });

  test('when eligible today, the first eligible date is not after today', () => {
    check(eligibilityInput(), (input) => {
      const result = assessEligibility(input);
      if (result.eligible) expect(result.firstEligibleDate! <= input.today).toBe(true);
      if (result.notes.includes('anticipated_information_possible')) {
        expect(result.firstEligibleDate! > input.today).toBe(true);
      }
    });
  });

  test('the mode changes nothing but the anticipated note', () => {
    check(eligibilityInput(), (input) => {
      const withMode = (eligibilityMode: 'elapsed' | 'anticipated') =>
        assessEligibility({ ...input, policy: { ...input.policy, eligibilityMode } });
      const elapsed = withMode('elapsed');
      const anticipated = withMode('anticipated');
      expect(elapsed.notes).not.toContain('anticipated_information_possible');
      expect({
        ...anticipated,
        notes: anticipated.notes.filter((note) => note !== 'anticipated_information_possible'),
      }).toEqual(elapsed);
    });
  });

  test('counting only the current leave never counts more than a window covering it', () => {
    check(fc.tuple(day(), absences()), ([today, list]) => {
      const input = { today, contract: { kind: 'cdi' as const }, absences: list };
      const current = assessEligibility({ ...input, policy: { lookbackDays: 'current_leave_only' } });
      const wide = assessEligibility({ ...input, policy: { lookbackDays: 10_000 } });
      expect(current.countedDays).toBeLessThanOrEqual(wide.countedDays);
      expect(current.notes).not.toContain('discontinuous');
    });
  });
});

describe('planMeeting', () => {
  test('earliestMeetingDate is always the SPST notice plus spstNoticeDays', () => {
    check(planInput(), (input) => {
      const { spstNoticeDays } = resolvePolicy(input.policy);
      expect(planMeeting(input).earliestMeetingDate).toBe(addDays(input.spstNoticeDate, spstNoticeDays));
    });
  });

  test('a meeting reported valid lies in [earliest, latest] and after the proposal or request', () => {
    check(planInput(), (input) => {
      const plan = planMeeting(input);
      expect(plan.meetingValid).toBe(input.meetingDate === undefined ? null : plan.problems.length === 0);
      if (plan.meetingValid) {
        const meeting = input.meetingDate!;
        expect(meeting >= plan.earliestMeetingDate).toBe(true);
        if (plan.latestMeetingDate !== null) expect(meeting <= plan.latestMeetingDate).toBe(true);
        expect(meeting >= (input.proposalDate ?? input.requestDate)).toBe(true);
        expect(plan.latestSpstNoticeDate! >= input.spstNoticeDate).toBe(true);
      }
    });
  });

  test('warnings never make a meeting invalid: changing holidays changes warnings only', () => {
    check(planInput(), (input) => {
      const inRegion = (holidaysRegion: 'metropole' | 'alsace_moselle') =>
        planMeeting({ ...input, policy: { ...input.policy, holidaysRegion } });
      // Everything but the fields that depend on which days are holidays.
      const regionFree = ({
        warnings: _warnings,
        proposalDueWithTolerance: _tolerance,
        proposalRecommendedBy: _recommended,
        ...rest
      }: MeetingPlan) => rest;
      expect(regionFree(inRegion('alsace_moselle'))).toEqual(regionFree(inRegion('metropole')));
    });
  });

  test('recommended <= due <= with tolerance, on business days', () => {
    check(planInput(), (input) => {
      const plan = planMeeting(input);
      const region = resolvePolicy(input.policy).holidaysRegion;
      expect(plan.proposalRecommendedBy <= plan.proposalDue).toBe(true);
      expect(plan.proposalDue <= plan.proposalDueWithTolerance).toBe(true);
      expect(isBusinessDay(plan.proposalRecommendedBy, region)).toBe(true);
      expect(isBusinessDay(plan.proposalDueWithTolerance, region)).toBe(true);
      const dueIsBusinessDay = isBusinessDay(plan.proposalDue, region);
      expect(plan.warnings.includes('proposal_due_not_business_day')).toBe(!dueIsBusinessDay);
      if (dueIsBusinessDay) {
        expect([plan.proposalRecommendedBy, plan.proposalDueWithTolerance]).toEqual([
          plan.proposalDue,
          plan.proposalDue,
        ]);
      }
      expect(plan.proposalDue).toBe(addDays(input.requestDate, resolvePolicy(input.policy).proposalDays));
    });
  });

  test('proposal lateness: days counted from the nominal deadline, warning only past the tolerance', () => {
    check(planInput(), (input) => {
      const plan = planMeeting(input);
      const late =
        input.proposalDate === undefined ? 0 : Math.max(0, daysBetween(plan.proposalDue, input.proposalDate));
      expect(plan.proposalDaysLate).toBe(late);
      expect(plan.warnings.includes('proposal_late')).toBe(
        input.proposalDate !== undefined && input.proposalDate > plan.proposalDueWithTolerance,
      );
    });
  });

  test('no_valid_date exactly when no day of the window passes every hard rule', () => {
    check(planInput(), (input) => {
      const plan = planMeeting(input);
      if (plan.latestMeetingDate === null) {
        expect(plan.problems).not.toContain('no_valid_date');
        return;
      }
      const candidate = [plan.earliestMeetingDate, input.proposalDate ?? input.requestDate].sort()[1]!;
      const candidatePlan = planMeeting({ ...input, meetingDate: candidate });
      expect(plan.problems.includes('no_valid_date')).toBe(!candidatePlan.meetingValid);
    });
  });
});

describe('nearestValidMeetingDate', () => {
  test('returns the first valid business day from the start, or null when the window has none', () => {
    check(fc.tuple(planInput(), fc.option(day(), { nil: undefined })), ([input, from]) => {
      const region = resolvePolicy(input.policy).holidaysRegion;
      const plan = planMeeting(input);
      const start = [
        from ?? input.meetingDate ?? plan.earliestMeetingDate,
        plan.earliestMeetingDate,
      ].sort()[1]!;
      const found = nearestValidMeetingDate({ ...input, from });
      const isGood = (d: string) =>
        isBusinessDay(d, region) && planMeeting({ ...input, meetingDate: d }).meetingValid;
      const lastChecked =
        found === null ? (plan.latestMeetingDate ?? addDays(start, 366)) : addDays(found, -1);
      for (let d = start; d <= lastChecked; d = addDays(d, 1)) expect(isGood(d)).toBe(false);
      if (found !== null) {
        expect(found >= start).toBe(true);
        expect(isGood(found)).toBe(true);
      }
    });
  });
});
