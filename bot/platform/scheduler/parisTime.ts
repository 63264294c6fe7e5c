// The instant a Paris calendar day reaches a given hour: when a job falls due.
import { TZDate } from '@date-fns/tz';
import { isIsoDate, parisToday, type IsoDate } from '../../../domain';

/**
 * The instant at which `day` reaches `hour`:00 in Europe/Paris — how a calendar day given by the domain becomes
 * the moment a job may run (08:00 is 07:00 UTC in winter and 06:00 UTC in summer). The inverse of parisToday for
 * that day; no day arithmetic happens here.
 */
export function parisInstant(day: IsoDate, hour: number): Date {
  if (!isIsoDate(day)) throw new RangeError(`day must be a calendar day 'YYYY-MM-DD', got ${String(day)}`);
  if (!Number.isInteger(hour) || hour < 0 || hour > 23)
    throw new RangeError(`hour must be 0–23, got ${hour}`);
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const instant = new Date(new TZDate(year, month - 1, date, hour, 0, 0, 'Europe/Paris').getTime());
  // A guard against a time-zone surprise: the instant must still be on that Paris day.
  if (parisToday(instant) !== day) throw new RangeError(`${day} ${hour}:00 is not a time in Europe/Paris`);
  return instant;
}

/** `day` at `hour` in Paris, or `now` when that moment has already passed. */
export function dueInstant(day: IsoDate, hour: number, now: Date): Date {
  const instant = parisInstant(day, hour);
  return instant.getTime() < now.getTime() ? now : instant;
}
