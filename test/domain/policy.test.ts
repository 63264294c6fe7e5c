import { DEFAULT_POLICY, resolvePolicy } from '../../domain';

describe('DEFAULT_POLICY', () => {
  test('holds the documented defaults and cannot be changed', () => {
    expect(DEFAULT_POLICY).toEqual({
      thresholdDays: 30,
      lookbackDays: 365,
      eligibilityMode: 'elapsed',
      proposalDays: 15,
      proposalRule: 'proposal',
      spstNoticeDays: 8,
      referentMandatoryFrom: 250,
      holidaysRegion: 'metropole',
    });
    expect(Object.isFrozen(DEFAULT_POLICY)).toBe(true);
  });
});

describe('resolvePolicy', () => {
  test('merges onto the defaults; undefined fields and unknown fields are left out', () => {
    expect(resolvePolicy()).toEqual(DEFAULT_POLICY);
    expect(
      resolvePolicy({
        thresholdDays: 0,
        lookbackDays: 'current_leave_only',
        spstNoticeDays: undefined,
        extra: 1,
      } as never),
    ).toEqual({ ...DEFAULT_POLICY, thresholdDays: 0, lookbackDays: 'current_leave_only' });
  });

  test.each([
    [{ thresholdDays: -1 }, 'policy.thresholdDays'],
    [{ thresholdDays: 30.5 }, 'policy.thresholdDays'],
    [{ lookbackDays: 0 }, 'policy.lookbackDays'],
    [{ lookbackDays: 'forever' }, 'policy.lookbackDays'],
    [{ eligibilityMode: 'prescribed' }, 'policy.eligibilityMode'],
    [{ proposalDays: Number.NaN }, 'policy.proposalDays'],
    [{ proposalRule: 'both' }, 'policy.proposalRule'],
    [{ spstNoticeDays: -8 }, 'policy.spstNoticeDays'],
    [{ referentMandatoryFrom: '250' }, 'policy.referentMandatoryFrom'],
    [{ holidaysRegion: 'corse' }, 'policy.holidaysRegion'],
    [{ thresholdDays: null }, 'policy.thresholdDays'],
  ])('%p is rejected with a RangeError naming %s', (partial, field) => {
    expect(() => resolvePolicy(partial as never)).toThrow(RangeError);
    expect(() => resolvePolicy(partial as never)).toThrow(field);
  });

  test('rejects a policy that is not an object', () => {
    expect(() => resolvePolicy(null as never)).toThrow(/policy must be an object/);
  });
});
