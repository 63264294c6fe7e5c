// The configurable legal defaults (the ⚙ items of docs/rules.md#a-companys-policy). Every entry point resolves its
// optional partial policy here, so a nonsensical setting is rejected the same way everywhere.
import { HOLIDAYS_REGIONS, type HolidaysRegion } from './calendar';
import { requireOneOf, requireWholeNumber, showValue } from './validation';

export interface Policy {
  /** R-ELIG-01: eligible when counted days are strictly greater than this. */
  thresholdDays: number;
  /** R-ELIG-04: counting window [today − (lookbackDays − 1), today], or only the continuous leave running today. */
  lookbackDays: number | 'current_leave_only';
  /** R-ELIG-06: 'anticipated' also reports when the known certificates will make the employee eligible. */
  eligibilityMode: 'elapsed' | 'anticipated';
  /** R-DL-01: the proposal (or, under 'meeting', the meeting) is due by D0 + proposalDays. */
  proposalDays: number;
  /** R-DL-01: which of the two readings of the "15 jours" applies. */
  proposalRule: 'proposal' | 'meeting';
  /** R-DL-02: the SPST must be told at least this many days before the meeting. */
  spstNoticeDays: number;
  /** R-PART-03: a référent handicap is mandatory from this headcount (inclusive). */
  referentMandatoryFrom: number;
  /** R-DL-05: which public holidays apply. */
  holidaysRegion: HolidaysRegion;
}

export const DEFAULT_POLICY: Policy = Object.freeze({
  thresholdDays: 30,
  lookbackDays: 365,
  eligibilityMode: 'elapsed',
  proposalDays: 15,
  proposalRule: 'proposal',
  spstNoticeDays: 8,
  referentMandatoryFrom: 250,
  holidaysRegion: 'metropole',
});

const ELIGIBILITY_MODES: readonly Policy['eligibilityMode'][] = ['elapsed', 'anticipated'];
const PROPOSAL_RULES: readonly Policy['proposalRule'][] = ['proposal', 'meeting'];

function requireLookbackDays(value: unknown): Policy['lookbackDays'] {
  return value === 'current_leave_only' ? value : requireWholeNumber(value, 'policy.lookbackDays', 1);
}

/**
 * DEFAULT_POLICY with the fields of `partial` that are not undefined, checked. Unknown fields are dropped.
 * Throws a RangeError naming the field for a negative or fractional number, a zero lookback or an unknown value.
 */
export function resolvePolicy(partial: Partial<Policy> = {}): Policy {
  if (typeof partial !== 'object' || partial === null) {
    throw new RangeError(`policy must be an object, got ${showValue(partial)}`);
  }
  const pick = <K extends keyof Policy>(key: K): Policy[K] =>
    partial[key] === undefined ? DEFAULT_POLICY[key] : partial[key];
  return {
    thresholdDays: requireWholeNumber(pick('thresholdDays'), 'policy.thresholdDays'),
    lookbackDays: requireLookbackDays(pick('lookbackDays')),
    eligibilityMode: requireOneOf(pick('eligibilityMode'), ELIGIBILITY_MODES, 'policy.eligibilityMode'),
    proposalDays: requireWholeNumber(pick('proposalDays'), 'policy.proposalDays'),
    proposalRule: requireOneOf(pick('proposalRule'), PROPOSAL_RULES, 'policy.proposalRule'),
    spstNoticeDays: requireWholeNumber(pick('spstNoticeDays'), 'policy.spstNoticeDays'),
    referentMandatoryFrom: requireWholeNumber(pick('referentMandatoryFrom'), 'policy.referentMandatoryFrom'),
    holidaysRegion: requireOneOf(pick('holidaysRegion'), HOLIDAYS_REGIONS, 'policy.holidaysRegion'),
  };
}
