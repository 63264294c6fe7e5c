// The meeting as iCalendar (RFC 5545/5546), with a stable UID so calendars update or cancel it.
/**
 * iCalendar (RFC 5545 / iTIP RFC 5546) for the meeting: one VEVENT whose UID is stable (the case id), so that a
 * calendar updates — or, with METHOD:CANCEL, removes — the event it already holds rather than adding another.
 *
 * Every text value is escaped (backslash, semicolon, comma, every line break including a bare CR, and every other
 * control character removed), so that a value typed by a user (a place, a name) can never add a property or a
 * component. Lines are folded at 75 octets without splitting a UTF-8 character.
 */

export type IcsMethod = 'REQUEST' | 'CANCEL';

export interface IcsPerson {
  email: string;
  name?: string;
}

export interface MeetingIcsInput {
  /** Stable across every version of the event: the case id. */
  uid: string;
  /** 0 for the first invitation; one more for every change or cancellation of the same UID. */
  sequence: number;
  method: IcsMethod;
  /** `YYYY-MM-DD`, the day in France. */
  date: string;
  /** `HH:MM`, the local time in France; without it the event is the whole day. */
  time?: string;
  /** Duration in minutes of a timed event (default 60). */
  durationMinutes?: number;
  summary: string;
  description: string;
  location?: string;
  organizer?: IcsPerson;
  attendees?: IcsPerson[];
  /** DTSTAMP: when this version was made. */
  now: Date;
}

export const PARIS_TZID = 'Europe/Paris';

/** The rules of Europe/Paris since 1996 (last Sunday of March / October, at 01:00 UTC). */
const PARIS_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${PARIS_TZID}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The meeting as a complete VCALENDAR, lines joined with CRLF and folded. */
export function meetingIcs(input: MeetingIcsInput): string {
  const date = ISO_DATE.exec(input.date);
  if (!date) throw new Error(`meetingIcs: the date must be YYYY-MM-DD, got ${JSON.stringify(input.date)}`);
  const time = input.time === undefined ? undefined : TIME.exec(input.time);
  if (time === null) throw new Error(`meetingIcs: the time must be HH:MM, got ${JSON.stringify(input.time)}`);
  if (!Number.isInteger(input.sequence) || input.sequence < 0) {
    throw new Error('meetingIcs: the sequence must be a non-negative integer');
  }
  const day = `${date[1]}${date[2]}${date[3]}`;
  const duration = Math.max(1, Math.round(input.durationMinutes ?? 60));
  const start = time
    ? [`DTSTART;TZID=${PARIS_TZID}:${day}T${time[1]}${time[2]}00`, `DURATION:PT${duration}M`]
    : [`DTSTART;VALUE=DATE:${day}`];
  const cancel = input.method === 'CANCEL';
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Liaison//Rendez-vous de liaison//FR',
    'CALSCALE:GREGORIAN',
    `METHOD:${cancel ? 'CANCEL' : 'REQUEST'}`,
    ...(time ? PARIS_VTIMEZONE : []),
    'BEGIN:VEVENT',
    `UID:${escapeIcsText(input.uid)}`,
    `SEQUENCE:${input.sequence}`,
    `DTSTAMP:${icsUtc(input.now)}`,
    ...start,
    `SUMMARY:${escapeIcsText(input.summary)}`,
    `DESCRIPTION:${escapeIcsText(input.description)}`,
    ...(input.location ? [`LOCATION:${escapeIcsText(input.location)}`] : []),
    ...(input.organizer
      ? [`ORGANIZER${personParams(input.organizer)}:mailto:${mailto(input.organizer.email)}`]
      : []),
    ...(input.attendees ?? []).map(
      (attendee) =>
        `ATTENDEE${personParams(attendee)};ROLE=REQ-PARTICIPANT` +
        `${cancel ? '' : ';PARTSTAT=NEEDS-ACTION;RSVP=FALSE'}:mailto:${mailto(attendee.email)}`,
    ),
    `STATUS:${cancel ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldIcsLine).join('\r\n') + '\r\n';
}

/** The MIME type of an .ics made by {@link meetingIcs} with this method. */
export function icsContentType(method: IcsMethod): string {
  return `text/calendar; charset=utf-8; method=${method}`;
}

/** A UTC DATE-TIME: `YYYYMMDDTHHMMSSZ`. */
function icsUtc(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/**
 * RFC 5545 §3.3.11 TEXT: `\`, `;`, `,` escaped; every line break (CRLF, LF, a bare CR, U+0085, U+2028, U+2029)
 * becomes `\n`; every other control character (C0 except HTAB, DEL, C1) is dropped.
 */
export function escapeIcsText(value: string): string {
  return (
    value
      .replace(/[\\;,]/g, (char) => `\\${char}`)
      .replace(/\r\n|[\r\n\u0085\u2028\u2029]/g, '\\n')
      // eslint-disable-next-line no-control-regex -- control characters are what this removes
      .replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g, '')
  );
}

/** A parameter value (§3.2): always quoted, without DQUOTE or control characters. */
function paramValue(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  return `"${value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029"]/g, '')}"`;
}

function personParams(person: IcsPerson): string {
  return person.name ? `;CN=${paramValue(person.name)}` : '';
}

/** An address inside a `mailto:` URI: nothing that could end the line or the value. */
function mailto(email: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  return email.replace(/[\u0000-\u0020\u007f-\u009f\u2028\u2029"<>\\;,:]/g, (char) =>
    char === ':' ? '%3A' : '',
  );
}

/** RFC 5545 §3.1: a line longer than 75 octets continues on the next line after one space. */
export function foldIcsLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let currentBytes = 0;
  for (const char of line) {
    const bytes = Buffer.byteLength(char, 'utf8');
    const limit = parts.length === 0 ? 75 : 74;
    if (currentBytes + bytes > limit) {
      parts.push(current);
      current = '';
      currentBytes = 0;
    }
    current += char;
    currentBytes += bytes;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
