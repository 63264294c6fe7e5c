import { addDays, daysBetween, isBusinessDay, isIsoDate, isPublicHoliday, parisToday } from '../../domain';

describe('isIsoDate', () => {
  test.each(['2026-01-01', '2028-02-29', '2000-02-29', '2026-12-31'])('accepts %s', (value) => {
    expect(isIsoDate(value)).toBe(true);
  });

  test.each([
    '2027-02-29',
    '2100-02-29',
    '2026-02-30',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-1-5',
    '2026-01-05T00:00:00Z',
    ' 2026-01-05',
    '',
    20260105,
    null,
    undefined,
  ])('rejects %p', (value) => {
    expect(isIsoDate(value)).toBe(false);
  });
});

describe('day arithmetic', () => {
  test('crosses leap days, month and year ends', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
    expect(daysBetween('2026-03-31', '2026-03-01')).toBe(-30);
  });

  test('ignores daylight-saving changes', () => {
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
  });

  test('handles years before 100 (no 19xx mapping)', () => {
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
  });

  test('rejects bad input with a RangeError naming the field', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(/day/);
    expect(() => addDays('2026-02-01', 1.5)).toThrow(RangeError);
    expect(() => daysBetween('2026-01-01', 'tomorrow')).toThrow(/to must be a calendar day/);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });
});

describe('public holidays', () => {
  test.each([
    ['2026-04-06', 'Easter Monday 2026'],
    ['2026-05-14', 'Ascension 2026'],
    ['2026-05-25', 'Whit Monday 2026'],
    ['2027-03-29', 'Easter Monday 2027'],
    ['2027-05-06', 'Ascension 2027'],
    ['2027-05-17', 'Whit Monday 2027'],
    ['2028-04-17', 'Easter Monday 2028'],
    ['2026-01-01', 'New Year'],
    ['2026-05-01', 'Labour Day'],
    ['2026-05-08', 'Victory in Europe'],
    ['2026-08-15', 'Assumption'],
    ['2026-11-01', 'All Saints'],
    ['2026-11-11', 'Armistice'],
    ['2026-12-25', 'Christmas'],
  ])('%s (%s) is a holiday everywhere', (day) => {
    expect(isPublicHoliday(day)).toBe(true);
    expect(isPublicHoliday(day, 'alsace_moselle')).toBe(true);
  });

  test.each(['2026-04-05', '2026-04-07', '2026-05-13', '2026-05-24', '2026-12-24', '2027-05-16'])(
    '%s is not a holiday',
    (day) => {
      expect(isPublicHoliday(day)).toBe(false);
    },
  );

  test('Alsace-Moselle adds Good Friday and 26 December', () => {
    for (const day of ['2026-04-03', '2027-03-26', '2026-12-26']) {
      expect(isPublicHoliday(day, 'metropole')).toBe(false);
      expect(isPublicHoliday(day, 'alsace_moselle')).toBe(true);
    }
  });

  test('rejects an unknown region', () => {
    expect(() => isPublicHoliday('2026-07-14', 'corse' as never)).toThrow(/region/);
  });
});

describe('isBusinessDay', () => {
  test('weekdays that are not holidays', () => {
    expect(isBusinessDay('2026-07-13')).toBe(true); // Monday
    expect(isBusinessDay('2026-07-14')).toBe(false); // Bastille Day, Tuesday
    expect(isBusinessDay('2026-07-18')).toBe(false); // Saturday
    expect(isBusinessDay('2026-07-19')).toBe(false); // Sunday
    expect(isBusinessDay('2026-04-03')).toBe(true); // Good Friday, mainland
    expect(isBusinessDay('2026-04-03', 'alsace_moselle')).toBe(false);
  });
});

describe('parisToday', () => {
  test.each([
    ['2026-01-15T22:59:59Z', '2026-01-15'], // winter, UTC+1
    ['2026-01-15T23:00:00Z', '2026-01-16'],
    ['2026-06-30T21:59:59Z', '2026-06-30'], // summer, UTC+2
    ['2026-06-30T22:00:00Z', '2026-07-01'],
    ['2026-03-28T23:30:00Z', '2026-03-29'], // the night clocks go forward
    ['2026-10-24T22:30:00Z', '2026-10-25'], // the night clocks go back
    ['2026-12-31T23:00:00Z', '2027-01-01'],
  ])('%s is %s in Paris', (instant, expected) => {
    expect(parisToday(new Date(instant))).toBe(expected);
  });

  test('rejects an invalid Date', () => {
    expect(() => parisToday(new Date('not a date'))).toThrow(RangeError);
  });
});
