// A deliberately naive reading of docs/rules.md#eligibility, day by day over explicit sets of days, to cross-check the
// interval arithmetic of domain/eligibility.ts on random inputs.
import {
  addDays,
  daysBetween,
  type Absence,
  type ContractKind,
  type IsoDate,
  type Policy,
} from '../../domain';
import { COUNTING_KINDS, COVERED_CONTRACTS } from './arbitraries';

export function naiveEligibility(input: {
  today: IsoDate;
  contract: { kind: ContractKind; end?: IsoDate };
  absences: Absence[];
  policy: Partial<Policy>;
}): { countedDays: number; firstEligibleDate: IsoDate | null } {
  const threshold = input.policy.thresholdDays ?? 30;
  const lookback = input.policy.lookbackDays ?? 365;
  const leaveDays = new Set<IsoDate>();
  for (const { kind, start, end } of input.absences) {
    if (!COUNTING_KINDS.includes(kind)) continue;
    for (let d = start; d <= end; d = addDays(d, 1)) leaveDays.add(d);
  }

  const counted = (d: IsoDate): number => {
    if (lookback === 'current_leave_only') {
      let count = 0;
      for (let x = d; leaveDays.has(x); x = addDays(x, -1)) count++;
      return count;
    }
    return [...leaveDays].filter((x) => x <= d && daysBetween(x, d) < lookback).length;
  };
  const eligibleOn = (d: IsoDate) =>
    leaveDays.has(d) &&
    (input.contract.end === undefined || d <= input.contract.end) &&
    COVERED_CONTRACTS.includes(input.contract.kind) &&
    counted(d) > threshold;

  const sorted = [...leaveDays].sort();
  const runStarts: IsoDate[] = [];
  const runOf = new Map<IsoDate, IsoDate>();
  for (const d of sorted) {
    if (!eligibleOn(d)) continue;
    const previous = addDays(d, -1);
    const start = runOf.get(previous) ?? d;
    if (start === d) runStarts.push(d);
    runOf.set(d, start);
  }
  const firstEligibleDate =
    runOf.get(input.today) ??
    runStarts.find((start) => start > input.today) ??
    runStarts.filter((start) => start < input.today).at(-1) ??
    null;
  return { countedDays: counted(input.today), firstEligibleDate };
}
