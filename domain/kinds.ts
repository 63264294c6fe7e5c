// The contract and absence vocabularies of the API, and how the rules classify them.
import { toDayNumber, type IsoDate } from './calendar';
import { requireOneOf, showValue } from './validation';

/** R-ELIG-07 (covered) and R-ELIG-10 (not covered). */
export type ContractKind =
  | 'cdi'
  | 'cdd'
  | 'interim'
  | 'saisonnier'
  | 'intermittent'
  | 'apprentissage'
  | 'professionnalisation'
  | 'public_droit_prive'
  | 'fonctionnaire'
  | 'contractuel_droit_public'
  | 'stagiaire'
  | 'independant';

/** R-ELIG-03: the first five are arrêts de travail for illness or accident and count; the others do not. */
export type AbsenceKind =
  | 'maladie'
  | 'accident'
  | 'accident_travail'
  | 'maladie_professionnelle'
  | 'accident_trajet'
  | 'maternite'
  | 'paternite'
  | 'adoption'
  | 'conge_parental'
  | 'temps_partiel_therapeutique'
  | 'conges_payes'
  | 'sans_solde'
  | 'autre';

/** One certificate or leave; `start` and `end` are both days of the absence. */
export interface Absence {
  kind: AbsenceKind;
  start: IsoDate;
  end: IsoDate;
}

export const COVERED_CONTRACT_KINDS: readonly ContractKind[] = [
  'cdi',
  'cdd',
  'interim',
  'saisonnier',
  'intermittent',
  'apprentissage',
  'professionnalisation',
  'public_droit_prive',
];

/** Contracts and assignments that end on a known day: that end bounds both eligibility and the meeting. */
export const FIXED_TERM_CONTRACT_KINDS: readonly ContractKind[] = [
  'cdd',
  'interim',
  'saisonnier',
  'intermittent',
  'apprentissage',
  'professionnalisation',
];

export const CONTRACT_KINDS: readonly ContractKind[] = [
  ...COVERED_CONTRACT_KINDS,
  'fonctionnaire',
  'contractuel_droit_public',
  'stagiaire',
  'independant',
];

export const COUNTING_ABSENCE_KINDS: readonly AbsenceKind[] = [
  'maladie',
  'accident',
  'accident_travail',
  'maladie_professionnelle',
  'accident_trajet',
];

export const ABSENCE_KINDS: readonly AbsenceKind[] = [
  ...COUNTING_ABSENCE_KINDS,
  'maternite',
  'paternite',
  'adoption',
  'conge_parental',
  'temps_partiel_therapeutique',
  'conges_payes',
  'sans_solde',
  'autre',
];

/** An absence checked and converted to day numbers (`first`/`last` inclusive). */
export interface CheckedAbsence {
  kind: AbsenceKind;
  first: number;
  last: number;
}

export function checkAbsence(value: unknown, field: string): CheckedAbsence {
  if (typeof value !== 'object' || value === null) {
    throw new RangeError(`${field} must be an absence { kind, start, end }, got ${showValue(value)}`);
  }
  const { kind, start, end } = value as Record<string, unknown>;
  const checked = {
    kind: requireOneOf(kind, ABSENCE_KINDS, `${field}.kind`),
    first: toDayNumber(start, `${field}.start`),
    last: toDayNumber(end, `${field}.end`),
  };
  if (checked.last < checked.first) {
    throw new RangeError(`${field}.end (${String(end)}) is before ${field}.start (${String(start)})`);
  }
  return checked;
}
