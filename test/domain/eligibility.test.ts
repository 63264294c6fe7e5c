import { assessEligibility, type Absence } from '../../domain';

const sick = (start: string, end: string): Absence => ({ kind: 'maladie', start, end });
const cdi = { kind: 'cdi' as const };

describe('counting', () => {
  test('a leap February: 30 days on 1 March 2028, 31 on 2 March', () => {
    const absences = [sick('2028-02-01', '2028-03-31')];
    expect(assessEligibility({ today: '2028-03-01', contract: cdi, absences })).toMatchObject({
      countedDays: 30,
      eligible: false,
      firstEligibleDate: '2028-03-02',
    });
    expect(assessEligibility({ today: '2028-03-02', contract: cdi, absences }).eligible).toBe(true);
  });

  test("'current_leave_only' counts the whole running leave, even beyond 365 days, and nothing before it", () => {
    const absences = [sick('2024-01-01', '2024-03-31'), sick('2024-04-02', '2026-06-30')];
    const result = assessEligibility({
      today: '2026-04-01',
      contract: cdi,
      absences,
      policy: { lookbackDays: 'current_leave_only' },
    });
    expect(result.countedDays).toBe(730);
    expect(result.notes).toEqual([]);
    expect(assessEligibility({ today: '2026-04-01', contract: cdi, absences }).countedDays).toBe(365);
  });

  test("'current_leave_only' counts 0 when today is not a leave day", () => {
    const result = assessEligibility({
      today: '2026-03-05',
      contract: cdi,
      absences: [sick('2026-01-01', '2026-03-01')],
      policy: { lookbackDays: 'current_leave_only' },
    });
    expect(result).toMatchObject({ countedDays: 0, onLeave: false, firstEligibleDate: '2026-01-31' });
    expect(result.notes.sort()).toEqual(['below_threshold', 'not_on_leave']);
  });

  test('a 730-day window reaches older periods', () => {
    const absences = [sick('2025-01-10', '2025-01-29'), sick('2026-02-01', '2026-02-15')];
    const input = { today: '2026-02-15', contract: cdi, absences };
    expect(assessEligibility(input).countedDays).toBe(15);
    expect(assessEligibility({ ...input, policy: { lookbackDays: 730 } })).toMatchObject({
      countedDays: 35,
      eligible: true,
      firstEligibleDate: '2026-02-11',
    });
  });

  test('absences in the future are not counted but announce the first eligible date', () => {
    const result = assessEligibility({
      today: '2026-05-01',
      contract: cdi,
      absences: [sick('2026-06-01', '2026-08-31')],
    });
    expect(result).toMatchObject({
      countedDays: 0,
      onLeave: false,
      eligible: false,
      firstEligibleDate: '2026-07-01',
    });
    expect(result.notes.sort()).toEqual(['below_threshold', 'not_on_leave']);
  });

  test('one empty day between two certificates makes them separate periods', () => {
    const result = assessEligibility({
      today: '2026-03-20',
      contract: cdi,
      absences: [sick('2026-02-01', '2026-02-28'), sick('2026-03-02', '2026-03-20')],
    });
    expect(result.countedDays).toBe(47);
    expect(result.notes).toEqual(['discontinuous']);
    expect(result.firstEligibleDate).toBe('2026-03-04');
  });
});

describe('contract end', () => {
  const absences = [sick('2026-03-02', '2026-05-31')];

  test('the last day of the contract is still covered', () => {
    const result = assessEligibility({
      today: '2026-04-30',
      contract: { kind: 'cdd', end: '2026-04-30' },
      absences,
    });
    expect(result).toMatchObject({ onLeave: true, eligible: true, firstEligibleDate: '2026-04-01' });
  });

  test('a contract that ended before today: counted days stay, no rendez-vous', () => {
    const result = assessEligibility({
      today: '2026-05-20',
      contract: { kind: 'cdi', end: '2026-04-10' },
      absences,
    });
    expect(result).toMatchObject({
      onLeave: false,
      eligible: false,
      countedDays: 80,
      firstEligibleDate: '2026-04-01',
    });
    expect(result.notes).toEqual(['contract_ended']);
  });

  test('a contract ending before the 31st day: never eligible', () => {
    const result = assessEligibility({
      today: '2026-03-10',
      contract: { kind: 'cdd', end: '2026-03-25' },
      absences,
    });
    expect(result).toMatchObject({ onLeave: true, eligible: false, firstEligibleDate: null });
  });
});

describe("'anticipated' mode", () => {
  const anticipated = { eligibilityMode: 'anticipated' as const };

  test('no note once eligible, or when the known leave will not reach the threshold', () => {
    const eligibleToday = assessEligibility({
      today: '2026-04-15',
      contract: cdi,
      absences: [sick('2026-03-02', '2026-04-30')],
      policy: anticipated,
    });
    expect(eligibleToday.notes).toEqual([]);
    const shortLeave = assessEligibility({
      today: '2026-03-05',
      contract: cdi,
      absences: [sick('2026-03-02', '2026-03-20')],
      policy: anticipated,
    });
    expect(shortLeave.notes).toEqual(['below_threshold']);
  });

  test('only the running leave and the certificates chained to it count', () => {
    const laterSeparateLeave = assessEligibility({
      today: '2026-03-05',
      contract: cdi,
      absences: [sick('2026-03-02', '2026-03-10'), sick('2026-03-12', '2026-05-31')],
      policy: anticipated,
    });
    expect(laterSeparateLeave.notes).not.toContain('anticipated_information_possible');
    expect(laterSeparateLeave.firstEligibleDate).toBe('2026-04-02'); // 9 + 22 days

    const chained = assessEligibility({
      today: '2026-03-05',
      contract: cdi,
      absences: [
        sick('2026-03-02', '2026-03-10'),
        { kind: 'accident_trajet', start: '2026-03-11', end: '2026-05-31' },
      ],
      policy: anticipated,
    });
    expect(chained.notes).toContain('anticipated_information_possible');
  });

  test('not when the contract ends first, nor for a contract not covered', () => {
    const absences = [sick('2026-03-02', '2026-05-31')];
    const endsFirst = assessEligibility({
      today: '2026-03-05',
      contract: { kind: 'cdd', end: '2026-03-25' },
      absences,
      policy: anticipated,
    });
    expect(endsFirst.notes).toEqual(['below_threshold']);
    const notCovered = assessEligibility({
      today: '2026-03-05',
      contract: { kind: 'stagiaire' },
      absences,
      policy: anticipated,
    });
    expect(notCovered.notes.sort()).toEqual(['below_threshold', 'contract_not_covered']);
  });
});

describe('started_before_reform', () => {
  test.each([
    ['2022-03-30', true],
    ['2022-03-31', false],
  ])('leave starting %s: note %s', (start, expected) => {
    const result = assessEligibility({
      today: '2022-06-01',
      contract: cdi,
      absences: [sick(start, '2022-12-31')],
    });
    expect(result.notes.includes('started_before_reform')).toBe(expected);
    expect(result.eligible).toBe(true);
  });

  test('not once that leave is over', () => {
    const result = assessEligibility({
      today: '2026-01-10',
      contract: cdi,
      absences: [sick('2022-01-01', '2022-12-31')],
    });
    expect(result.notes).not.toContain('started_before_reform');
  });
});

describe('threshold override', () => {
  test('thresholdDays 0 makes the first day of leave eligible', () => {
    const result = assessEligibility({
      today: '2026-03-02',
      contract: cdi,
      absences: [sick('2026-03-02', '2026-03-02')],
      policy: { thresholdDays: 0 },
    });
    expect(result).toMatchObject({ eligible: true, countedDays: 1, firstEligibleDate: '2026-03-02' });
  });
});

describe('invalid input', () => {
  const valid = { today: '2026-03-10', contract: cdi, absences: [sick('2026-03-01', '2026-03-31')] };

  test.each([
    [{ today: '2026-02-30' }, /today/],
    [
      { absences: [sick('2026-03-31', '2026-03-01')] },
      /absences\[0\]\.end .* is before absences\[0\]\.start/,
    ],
    [{ absences: [{ kind: 'grippe', start: '2026-03-01', end: '2026-03-02' }] }, /absences\[0\]\.kind/],
    [{ absences: [sick('2026-03-01', '2026-3-2')] }, /absences\[0\]\.end/],
    [{ contract: { kind: 'freelance' } }, /contract\.kind/],
    [{ contract: { kind: 'cdd', end: '31/03/2026' } }, /contract\.end/],
    [{ absences: 'none' }, /absences must be an array/],
    [{ policy: { thresholdDays: -1 } }, /policy\.thresholdDays/],
    [{ policy: { lookbackDays: 0 } }, /policy\.lookbackDays/],
  ])('%p throws a RangeError', (override, message) => {
    expect(() => assessEligibility({ ...valid, ...override } as never)).toThrow(message);
    expect(() => assessEligibility({ ...valid, ...override } as never)).toThrow(RangeError);
  });

  test('a one-day absence is valid', () => {
    expect(assessEligibility({ ...valid, absences: [sick('2026-03-10', '2026-03-10')] }).countedDays).toBe(1);
  });
});
