// R-ELIG-*: is the employee eligible for a rendez-vous de liaison today, since or from when, and why not.
// Days are handled as day numbers (calendar.ts); a "range" is a run of consecutive days, both ends included.
import { fromDayNumber, toDayNumber, type IsoDate } from './calendar';
import { namesThatApply } from './conditions';
import {
  checkAbsence,
  CONTRACT_KINDS,
  COUNTING_ABSENCE_KINDS,
  COVERED_CONTRACT_KINDS,
  type Absence,
  type CheckedAbsence,
  type ContractKind,
} from './kinds';
import { resolvePolicy, type Policy } from './policy';
import { requireOneOf, showValue } from './validation';

export type EligibilityNote =
  | 'below_threshold'
  | 'not_on_leave'
  | 'contract_not_covered'
  | 'contract_ended'
  | 'discontinuous'
  | 'started_before_reform'
  | 'anticipated_information_possible';

export interface EligibilityInput {
  today: IsoDate;
  /** `end`, when given, is the last day of the contract (still covered). */
  contract: { kind: ContractKind; end?: IsoDate };
  absences: Absence[];
  policy?: Partial<Policy>;
}

export interface EligibilityAssessment {
  eligible: boolean;
  onLeave: boolean;
  countedDays: number;
  firstEligibleDate: IsoDate | null;
  notes: EligibilityNote[];
}

/** R-ELIG-11: the 2022 provisions apply to arrêts starting on or after this day. */
const REFORM_FIRST_DAY = toDayNumber('2022-03-31');

interface DayRange {
  first: number;
  last: number;
}

const totalLength = (ranges: DayRange[]) =>
  ranges.reduce((sum, range) => sum + range.last - range.first + 1, 0);
const contains = (range: DayRange, day: number) => range.first <= day && day <= range.last;

/**
 * R-ELIG-03/04: the continuous periods of leave, in order. Only counting absences take part; they join when the
 * next one starts on or before the day after the previous one ends (chained or overlapping certificates).
 */
function leavePeriods(absences: CheckedAbsence[]): DayRange[] {
  const counting = absences
    .filter((absence) => COUNTING_ABSENCE_KINDS.includes(absence.kind))
    .sort((a, b) => a.first - b.first);
  const periods: DayRange[] = [];
  for (const { first, last } of counting) {
    const previous = periods.at(-1);
    if (previous && first <= previous.last + 1) previous.last = Math.max(previous.last, last);
    else periods.push({ first, last });
  }
  return periods;
}

/**
 * The leave days counted on `day` (R-ELIG-04, docs/rules.md#eligibility), as separate runs: those in its window
 * and not after it.
 */
function countedRanges(periods: DayRange[], day: number, lookbackDays: Policy['lookbackDays']): DayRange[] {
  if (lookbackDays === 'current_leave_only') {
    const current = periods.find((period) => contains(period, day));
    return current ? [{ first: current.first, last: day }] : [];
  }
  const windowFirst = day - (lookbackDays - 1);
  return periods
    .map((period) => ({ first: Math.max(period.first, windowFirst), last: Math.min(period.last, day) }))
    .filter((range) => range.first <= range.last);
}

/**
 * The eligible days within one leave period of a covered contract, or null when there are none.
 * Inside a period the count never decreases (each day adds itself and at most one day leaves the window), and
 * the contract end cuts the period once, so those days form a single run ending on the period's last covered
 * day: a binary search finds where it starts.
 */
function eligibleRange(period: DayRange, periods: DayRange[], lastContractDay: number, policy: Policy) {
  const last = Math.min(period.last, lastContractDay);
  const isEligibleOn = (day: number) =>
    totalLength(countedRanges(periods, day, policy.lookbackDays)) > policy.thresholdDays;
  if (last < period.first || !isEligibleOn(last)) return null;
  let low = period.first;
  let high = last; // always an eligible day
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (isEligibleOn(middle)) high = middle;
    else low = middle + 1;
  }
  return { first: low, last };
}

/**
 * firstEligibleDate (docs/rules.md#eligibility, R-DL-06): the run containing today, else the next run, else the
 * latest past run.
 */
function firstEligibleDay(eligibleRanges: DayRange[], today: number): number | null {
  const current = eligibleRanges.find((range) => contains(range, today));
  const next = eligibleRanges.find((range) => range.first > today);
  const latestPast = eligibleRanges.filter((range) => range.last < today).at(-1);
  return (current ?? next ?? latestPast)?.first ?? null;
}

function checkContract(value: unknown): { kind: ContractKind; lastDay: number } {
  if (typeof value !== 'object' || value === null) {
    throw new RangeError(`contract must be an object { kind, end? }, got ${showValue(value)}`);
  }
  const { kind, end } = value as Record<string, unknown>;
  return {
    kind: requireOneOf(kind, CONTRACT_KINDS, 'contract.kind'),
    lastDay: end === undefined ? Infinity : toDayNumber(end, 'contract.end'),
  };
}

function checkAbsences(value: unknown): CheckedAbsence[] {
  if (!Array.isArray(value)) throw new RangeError(`absences must be an array, got ${showValue(value)}`);
  return value.map((absence, index) => checkAbsence(absence, `absences[${index}]`));
}

export function assessEligibility(input: EligibilityInput): EligibilityAssessment {
  const policy = resolvePolicy(input.policy);
  const today = toDayNumber(input.today, 'today');
  const contract = checkContract(input.contract);
  const periods = leavePeriods(checkAbsences(input.absences));

  const currentPeriod = periods.find((period) => contains(period, today));
  const counted = countedRanges(periods, today, policy.lookbackDays);
  const countedDays = totalLength(counted);
  const contractEnded = today > contract.lastDay;
  const covered = COVERED_CONTRACT_KINDS.includes(contract.kind);
  const onLeave = currentPeriod !== undefined && !contractEnded;
  const eligible = onLeave && covered && countedDays > policy.thresholdDays;

  const eligibleRanges = covered
    ? periods.flatMap((period) => eligibleRange(period, periods, contract.lastDay, policy) ?? [])
    : [];
  const firstEligible = firstEligibleDay(eligibleRanges, today);
  // An eligible run starting later inside today's period: the known certificates will make the employee eligible.
  const eligibleLaterInThisLeave =
    currentPeriod !== undefined &&
    eligibleRanges.some((range) => range.first > today && range.first <= currentPeriod.last);

  const notes = namesThatApply<EligibilityNote>({
    below_threshold: countedDays <= policy.thresholdDays,
    not_on_leave: currentPeriod === undefined,
    contract_not_covered: !covered,
    contract_ended: contractEnded,
    discontinuous: counted.length >= 2,
    started_before_reform: currentPeriod !== undefined && currentPeriod.first < REFORM_FIRST_DAY,
    anticipated_information_possible:
      policy.eligibilityMode === 'anticipated' && !eligible && onLeave && covered && eligibleLaterInThisLeave,
  });

  return {
    eligible,
    onLeave,
    countedDays,
    firstEligibleDate: firstEligible === null ? null : fromDayNumber(firstEligible),
    notes,
  };
}
