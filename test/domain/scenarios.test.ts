// Every worked example of scenarios.json (a copy of the shared spec), run through the public domain API only.
import * as domain from '../../domain';
import scenarios from '../fixtures/scenarios.json';

interface Vector {
  id: string;
  fn: 'assessEligibility' | 'planMeeting' | 'referentHandicap' | 'returnVisit' | 'isPublicHoliday';
  title: string;
  input: Record<string, unknown>;
  expect: Record<string, unknown>;
}

const vectors = scenarios.vectors as Vector[];

/** Calls the vector's function; the fixture is trusted to give each one an input of the right shape. */
function run({ fn, input }: Vector): object {
  switch (fn) {
    case 'assessEligibility':
      return domain.assessEligibility(input as unknown as domain.EligibilityInput);
    case 'planMeeting':
      return domain.planMeeting(input as unknown as domain.PlanInput);
    case 'referentHandicap':
      return domain.referentHandicap(input as unknown as Parameters<typeof domain.referentHandicap>[0]);
    case 'returnVisit':
      return domain.returnVisit(input as unknown as Parameters<typeof domain.returnVisit>[0]);
    case 'isPublicHoliday':
      return { result: domain.isPublicHoliday(input.day as string, input.region as domain.HolidaysRegion) };
  }
}

/** Arrays of strings (notes, problems, warnings) compare as sets; sorting also exposes repeats in the output. */
const comparable = (value: unknown) => (Array.isArray(value) ? [...value].sort() : value);

test('the fixture holds every vector', () => {
  expect(vectors.length).toBe(62);
});

test.each(vectors.map((vector) => [`${vector.id} ${vector.fn}: ${vector.title}`, vector] as const))(
  '%s',
  (_name, vector) => {
    const output: Record<string, unknown> = { ...run(vector) };
    for (const [field, expected] of Object.entries(vector.expect)) {
      expect({ field, value: comparable(output[field]) }).toEqual({ field, value: comparable(expected) });
    }
  },
);
