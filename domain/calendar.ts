// Calendar days and French public holidays.
//
// A day is handled internally as a "day number": the count of days since 1970-01-01 in the proleptic Gregorian
// calendar. The conversions below are pure integer arithmetic (H. Hinnant's civil-calendar algorithms), so no
// time zone, daylight-saving shift or JavaScript `Date` quirk (years 0–99 mapped to 19xx) can move a day.
import { TZDate } from '@date-fns/tz';
import { requireOneOf, showValue } from './validation';

/** A calendar day 'YYYY-MM-DD' as lived in France. */
export type IsoDate = string;

/** Which public holidays apply: mainland France, or the three départements of Alsace-Moselle. */
export type HolidaysRegion = 'metropole' | 'alsace_moselle';

export const HOLIDAYS_REGIONS: readonly HolidaysRegion[] = ['metropole', 'alsace_moselle'];

const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const FIRST_DAY_NUMBER = daysFromCivil(0, 1, 1);
const LAST_DAY_NUMBER = daysFromCivil(9999, 12, 31);

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function civilFromDays(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function parseIsoDate(value: unknown): { year: number; month: number; day: number } | null {
  if (typeof value !== 'string') return null;
  const match = ISO_DATE_PATTERN.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** True when `value` is a string 'YYYY-MM-DD' naming a real Gregorian day ('2028-02-29' yes, '2027-02-29' no). */
export function isIsoDate(value: unknown): value is IsoDate {
  return parseIsoDate(value) !== null;
}

/** Day number of a valid day; throws a RangeError naming `field` otherwise. */
export function toDayNumber(value: unknown, field = 'date'): number {
  const parsed = parseIsoDate(value);
  if (!parsed) {
    throw new RangeError(`${field} must be a calendar day 'YYYY-MM-DD', got ${showValue(value)}`);
  }
  return daysFromCivil(parsed.year, parsed.month, parsed.day);
}

/** `value` itself once checked to be a valid day; throws a RangeError naming `field` otherwise. */
export function requireIsoDate(value: unknown, field: string): IsoDate {
  toDayNumber(value, field);
  return value as IsoDate;
}

/** Like requireIsoDate, but undefined (an optional field left out) passes through. */
export function optionalIsoDate(value: unknown, field: string): IsoDate | undefined {
  return value === undefined ? undefined : requireIsoDate(value, field);
}

export function fromDayNumber(dayNumber: number): IsoDate {
  if (!Number.isInteger(dayNumber) || dayNumber < FIRST_DAY_NUMBER || dayNumber > LAST_DAY_NUMBER) {
    throw new RangeError(`day out of the supported range 0000-01-01…9999-12-31 (day number ${dayNumber})`);
  }
  const { year, month, day } = civilFromDays(dayNumber);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** The day `n` calendar days after `day` (before it when `n` is negative). */
export function addDays(day: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`n must be a whole number of days, got ${showValue(n)}`);
  return fromDayNumber(toDayNumber(day, 'day') + n);
}

/** Number of calendar days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to, 'to') - toDayNumber(from, 'from');
}

/** The calendar day in Europe/Paris at `instant` — the only place where a clock reading becomes a day. */
export function parisToday(instant: Date): IsoDate {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError(`instant must be a valid Date, got ${showValue(instant)}`);
  }
  const paris = new TZDate(instant.getTime(), 'Europe/Paris');
  return fromDayNumber(daysFromCivil(paris.getFullYear(), paris.getMonth() + 1, paris.getDate()));
}

/** 1970-01-01 was a Thursday. */
function isWeekendDayNumber(dayNumber: number): boolean {
  const dayOfWeek = (((dayNumber + 4) % 7) + 7) % 7; // 0 = Sunday … 6 = Saturday
  return dayOfWeek === 0 || dayOfWeek === 6;
}

/** Gregorian Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher), as a day number. */
function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return daysFromCivil(year, month, day);
}

const FIXED_HOLIDAYS: Record<HolidaysRegion, readonly (readonly [month: number, day: number])[]> = {
  metropole: [
    [1, 1],
    [5, 1],
    [5, 8],
    [7, 14],
    [8, 15],
    [11, 1],
    [11, 11],
    [12, 25],
  ],
  alsace_moselle: [[12, 26]],
};

/** Offsets from Easter Sunday: Easter Monday, Ascension Thursday, Whit Monday; Good Friday in Alsace-Moselle. */
const EASTER_OFFSETS: Record<HolidaysRegion, readonly number[]> = {
  metropole: [1, 39, 50],
  alsace_moselle: [-2],
};

/** Alsace-Moselle keeps every mainland holiday and adds its own. */
function regionsApplying(region: HolidaysRegion): HolidaysRegion[] {
  return region === 'alsace_moselle' ? ['metropole', 'alsace_moselle'] : ['metropole'];
}

function isPublicHolidayDayNumber(dayNumber: number, region: HolidaysRegion): boolean {
  const { year, month, day } = civilFromDays(dayNumber);
  const easter = easterSunday(year);
  return regionsApplying(region).some(
    (applying) =>
      FIXED_HOLIDAYS[applying].some(([m, d]) => m === month && d === day) ||
      EASTER_OFFSETS[applying].some((offset) => easter + offset === dayNumber),
  );
}

/** French public holiday of `region` (mainland when omitted); no bridge days. */
export function isPublicHoliday(day: IsoDate, region: HolidaysRegion = 'metropole'): boolean {
  return isPublicHolidayDayNumber(toDayNumber(day, 'day'), requireOneOf(region, HOLIDAYS_REGIONS, 'region'));
}

/** Monday to Friday and not a public holiday of `region`. */
export function isBusinessDay(day: IsoDate, region: HolidaysRegion = 'metropole'): boolean {
  const dayNumber = toDayNumber(day, 'day');
  return (
    !isWeekendDayNumber(dayNumber) &&
    !isPublicHolidayDayNumber(dayNumber, requireOneOf(region, HOLIDAYS_REGIONS, 'region'))
  );
}

export function isWeekend(day: IsoDate): boolean {
  return isWeekendDayNumber(toDayNumber(day, 'day'));
}

/** `day` itself when it is a business day, else the nearest business day after it (step 1) or before it (−1). */
export function nearestBusinessDay(day: IsoDate, step: 1 | -1, region: HolidaysRegion): IsoDate {
  let candidate = day;
  while (!isBusinessDay(candidate, region)) candidate = addDays(candidate, step);
  return candidate;
}
