// R-PDP-02: whether a visite de reprise is mandatory after an absence (C. trav. R4624-31).
import { addDays, requireIsoDate, type IsoDate } from './calendar';
import { checkAbsence, type Absence, type AbsenceKind } from './kinds';

export interface ReturnVisit {
  mandatory: boolean;
  latestDate: IsoDate | null;
  toConfirmWithSpst: boolean;
}

/** The visit takes place on the day of return and at the latest within the following 8 days. */
const RETURN_VISIT_WITHIN_DAYS = 8;

/**
 * Minimum length (days, inclusive: "≥", unlike the strict "> 30" of eligibility) that makes the visit mandatory;
 * 0 for any length; absent kinds never require it.
 */
const MANDATORY_FROM_DAYS: Partial<Record<AbsenceKind, number>> = {
  maternite: 0,
  maladie_professionnelle: 0,
  accident_travail: 30,
  maladie: 60,
  accident: 60,
  // L1226-7 keeps the accident de trajet out of the accident du travail rules: 60-day rule, to be confirmed.
  accident_trajet: 60,
};

export function returnVisit(input: { absence: Absence; returnDate: IsoDate }): ReturnVisit {
  const absence = checkAbsence(input.absence, 'absence');
  const returnDate = requireIsoDate(input.returnDate, 'returnDate');
  const mandatoryFrom = MANDATORY_FROM_DAYS[absence.kind];
  const mandatory = mandatoryFrom !== undefined && absence.last - absence.first + 1 >= mandatoryFrom;
  return {
    mandatory,
    latestDate: mandatory ? addDays(returnDate, RETURN_VISIT_WITHIN_DAYS) : null,
    toConfirmWithSpst: absence.kind === 'accident_trajet',
  };
}
