// R-PART-03: the référent handicap (C. trav. L5213-6-1).
import { resolvePolicy, type Policy } from './policy';
import { requireBoolean, requireWholeNumber } from './validation';

export interface ReferentHandicap {
  mandatoryInCompany: boolean;
  canBeOffered: boolean;
  mayAttend: boolean;
}

/**
 * Designation is mandatory from `referentMandatoryFrom` employees (inclusive); a smaller company may have
 * designated one voluntarily. The référent attends only at the employee's request or with their consent.
 */
export function referentHandicap(input: {
  headcount: number;
  designated: boolean;
  employeeAsked: boolean;
  policy?: Partial<Policy>;
}): ReferentHandicap {
  const policy = resolvePolicy(input.policy);
  const headcount = requireWholeNumber(input.headcount, 'headcount');
  const designated = requireBoolean(input.designated, 'designated');
  const employeeAsked = requireBoolean(input.employeeAsked, 'employeeAsked');
  const mandatoryInCompany = headcount >= policy.referentMandatoryFrom;
  const canBeOffered = designated || mandatoryInCompany;
  return { mandatoryInCompany, canBeOffered, mayAttend: canBeOffered && employeeAsked };
}
