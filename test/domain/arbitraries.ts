// fast-check generators for the domain's inputs, kept in a narrow date range so that absences, deadlines and
// windows often meet one another.
import fc from 'fast-check';
import {
  addDays,
  type Absence,
  type AbsenceKind,
  type ContractKind,
  type IsoDate,
  type Policy,
} from '../../domain';

export const COUNTING_KINDS: AbsenceKind[] = [
  'maladie',
  'accident',
  'accident_travail',
  'maladie_professionnelle',
  'accident_trajet',
];
export const NON_COUNTING_KINDS: AbsenceKind[] = [
  'maternite',
  'paternite',
  'adoption',
  'conge_parental',
  'temps_partiel_therapeutique',
  'conges_payes',
  'sans_solde',
  'autre',
];
export const COVERED_CONTRACTS: ContractKind[] = [
  'cdi',
  'cdd',
  'interim',
  'saisonnier',
  'intermittent',
  'apprentissage',
  'professionnalisation',
  'public_droit_prive',
];
const UNCOVERED_CONTRACTS: ContractKind[] = [
  'fonctionnaire',
  'contractuel_droit_public',
  'stagiaire',
  'independant',
];

const RANGE_START = '2025-01-01';
const RANGE_DAYS = 730;

/** A day of 2025–2026. */
export const day = (): fc.Arbitrary<IsoDate> =>
  fc.integer({ min: 0, max: RANGE_DAYS - 1 }).map((n) => addDays(RANGE_START, n));

export const absence = (
  kinds: AbsenceKind[] = [...COUNTING_KINDS, ...NON_COUNTING_KINDS],
): fc.Arbitrary<Absence> =>
  fc
    .record({ kind: fc.constantFrom(...kinds), start: day(), length: fc.integer({ min: 1, max: 70 }) })
    .map(({ kind, start, length }) => ({ kind, start, end: addDays(start, length - 1) }));

/** Mostly counting absences, so that thresholds are often crossed. */
export const absences = (): fc.Arbitrary<Absence[]> =>
  fc.array(fc.oneof({ arbitrary: absence(COUNTING_KINDS), weight: 3 }, { arbitrary: absence(), weight: 1 }), {
    maxLength: 6,
  });

export const contract = (): fc.Arbitrary<{ kind: ContractKind; end?: IsoDate }> =>
  fc.record(
    {
      kind: fc.oneof(
        { arbitrary: fc.constantFrom(...COVERED_CONTRACTS), weight: 4 },
        { arbitrary: fc.constantFrom(...UNCOVERED_CONTRACTS), weight: 1 },
      ),
      end: day(),
    },
    { requiredKeys: ['kind'] },
  );

export const eligibilityPolicy = (): fc.Arbitrary<Partial<Policy>> =>
  fc.record(
    {
      thresholdDays: fc.integer({ min: 0, max: 60 }),
      lookbackDays: fc.oneof(fc.integer({ min: 1, max: 400 }), fc.constant('current_leave_only' as const)),
      eligibilityMode: fc.constantFrom('elapsed' as const, 'anticipated' as const),
    },
    { requiredKeys: [] },
  );

export const eligibilityInput = () =>
  fc.record({ today: day(), contract: contract(), absences: absences(), policy: eligibilityPolicy() });

export const planningPolicy = (): fc.Arbitrary<Partial<Policy>> =>
  fc.record(
    {
      proposalDays: fc.integer({ min: 0, max: 30 }),
      proposalRule: fc.constantFrom('proposal' as const, 'meeting' as const),
      spstNoticeDays: fc.integer({ min: 0, max: 15 }),
      holidaysRegion: fc.constantFrom('metropole' as const, 'alsace_moselle' as const),
    },
    { requiredKeys: [] },
  );

/** D0, then the other dates near it (each optional one present about half the time). */
export const planInput = () =>
  fc
    .record({
      requestDate: day(),
      noticeOffset: fc.integer({ min: -5, max: 30 }),
      meetingOffset: fc.option(fc.integer({ min: -5, max: 60 }), { nil: undefined }),
      proposalOffset: fc.option(fc.integer({ min: -5, max: 40 }), { nil: undefined }),
      leaveEndOffset: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
      contractEndOffset: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
      policy: planningPolicy(),
    })
    .map(
      ({
        requestDate,
        noticeOffset,
        meetingOffset,
        proposalOffset,
        leaveEndOffset,
        contractEndOffset,
        policy,
      }) => {
        const near = (offset: number | undefined) =>
          offset === undefined ? undefined : addDays(requestDate, offset);
        return {
          requestDate,
          spstNoticeDate: addDays(requestDate, noticeOffset),
          meetingDate: near(meetingOffset),
          proposalDate: near(proposalOffset),
          leaveEnd: near(leaveEndOffset),
          contractEnd: near(contractEndOffset),
          policy,
        };
      },
    );
