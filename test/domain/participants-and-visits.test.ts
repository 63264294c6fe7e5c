import { referentHandicap, returnVisit, type Absence } from '../../domain';

describe('referentHandicap', () => {
  test('the threshold follows the policy', () => {
    const input = { headcount: 100, designated: false, employeeAsked: true };
    expect(referentHandicap(input).mandatoryInCompany).toBe(false);
    expect(referentHandicap({ ...input, policy: { referentMandatoryFrom: 100 } })).toEqual({
      mandatoryInCompany: true,
      canBeOffered: true,
      mayAttend: true,
    });
  });

  test.each([
    [{ headcount: -1 }, /headcount/],
    [{ headcount: 12.5 }, /headcount/],
    [{ designated: 'yes' }, /designated/],
    [{ employeeAsked: undefined }, /employeeAsked/],
  ])('%p throws a RangeError', (override, message) => {
    const input = { headcount: 10, designated: true, employeeAsked: true, ...override };
    expect(() => referentHandicap(input as never)).toThrow(message);
  });
});

describe('returnVisit', () => {
  const after = (kind: Absence['kind'], start: string, end: string) =>
    returnVisit({ absence: { kind, start, end }, returnDate: '2026-07-01' });

  test('maternity leave: always, any length', () => {
    expect(after('maternite', '2026-06-25', '2026-06-30')).toEqual({
      mandatory: true,
      latestDate: '2026-07-09',
      toConfirmWithSpst: false,
    });
  });

  test('accident du travail: 29 days no, 30 days yes', () => {
    expect(after('accident_travail', '2026-06-02', '2026-06-30').mandatory).toBe(false);
    expect(after('accident_travail', '2026-06-01', '2026-06-30').mandatory).toBe(true);
  });

  test('accident de trajet of 60 days: mandatory, still to confirm with the SPST', () => {
    expect(after('accident_trajet', '2026-05-02', '2026-06-30')).toEqual({
      mandatory: true,
      latestDate: '2026-07-09',
      toConfirmWithSpst: true,
    });
  });

  test.each([
    'paternite',
    'adoption',
    'conge_parental',
    'temps_partiel_therapeutique',
    'conges_payes',
    'sans_solde',
    'autre',
  ] as const)('%s never requires it', (kind) => {
    expect(after(kind, '2025-01-01', '2026-06-30')).toEqual({
      mandatory: false,
      latestDate: null,
      toConfirmWithSpst: false,
    });
  });

  test('rejects an absence that ends before it starts', () => {
    expect(() => after('maladie', '2026-06-30', '2026-06-01')).toThrow(
      /absence\.end .* is before absence\.start/,
    );
  });
});
