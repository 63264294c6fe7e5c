import type { LiaisonCase } from '../cases';
import { translatorFor } from '../i18n';
import { companyNameOf, formatIsoDate, meetingMode } from '../../cards/caseCards';
import type { CompanySettings, SpstContact } from './companySettings';
import type { Email } from './emailSender';

// The SPST is a French service: its email is always in French, whatever the manager's language.
const SPST_LANGUAGE = 'fr';

/**
 * The SPST notice as an email: plain text and HTML with the same sentences, and the meeting as an .ics
 * invitation. Names, job title, date and mode only — the case holds no medical information, nor does this.
 */
export function spstNoticeEmail(
  liaisonCase: LiaisonCase,
  contact: SpstContact & { email: string },
  settings: CompanySettings,
  now: Date,
): Email {
  const t = translatorFor(SPST_LANGUAGE, 'email');
  const companyName = companyNameOf(settings, t);
  const date = formatIsoDate(liaisonCase.meeting.date, t);
  const { meeting, employee } = liaisonCase;
  const facts = [
    t('spstNotice.employee', { name: employee.name }),
    ...(employee.jobTitle ? [t('spstNotice.jobTitle', { jobTitle: employee.jobTitle })] : []),
    meeting.time ? t('spstNotice.dateAndTime', { date, time: meeting.time }) : t('spstNotice.date', { date }),
    t('spstNotice.mode', { mode: meetingMode(meeting, t) }),
    t('spstNotice.initiator', {
      initiator: t(liaisonCase.initiator === 'employer' ? 'case.employer' : 'case.employee', { ns: 'cards' }),
    }),
    t('spstNotice.employerContact', {
      contact: t('case.managerForOthers', { ns: 'cards', name: liaisonCase.manager.name }),
    }),
  ];
  const paragraphs = [
    [t('spstNotice.greeting', { name: contact.name })],
    [t('spstNotice.intro', { companyName })],
    facts,
    [t(liaisonCase.spst.attendance === 'attend' ? 'spstNotice.attend' : 'spstNotice.informed')],
    [t('spstNotice.noMedical'), t('spstNotice.calendar')],
    [t('spstNotice.signature', { companyName })],
  ];
  return {
    to: contact.email,
    subject: t('spstNotice.subject', { date, companyName }),
    text: paragraphs.map((lines) => lines.join('\n')).join('\n\n'),
    html: paragraphs.map((lines) => `<p>${lines.map(escapeHtml).join('<br>')}</p>`).join('\n'),
    attachments: [
      {
        filename: 'rendez-vous-de-liaison.ics',
        content: meetingIcs(liaisonCase, {
          summary: t('spstNotice.eventTitle', { employeeName: employee.name, companyName }),
          description: [t('spstNotice.intro', { companyName }), t('spstNotice.noMedical')].join('\n'),
          now,
        }),
        contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
      },
    ],
  };
}

/**
 * An iCalendar (RFC 5545) event whose UID is the case id, so that a calendar updates rather than duplicates it.
 * The start is a floating local time (the meeting's time in France, as the SPST reads it) or, without a time,
 * the whole day.
 */
export function meetingIcs(
  liaisonCase: LiaisonCase,
  text: { summary: string; description: string; now: Date },
): string {
  const { meeting } = liaisonCase;
  const day = meeting.date.replace(/-/g, '');
  const start = meeting.time
    ? [`DTSTART:${day}T${meeting.time.replace(':', '')}00`, 'DURATION:PT1H']
    : [`DTSTART;VALUE=DATE:${day}`];
  const location = meeting.mode === 'in_person' ? meeting.place : meeting.link;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Liaison//Rendez-vous de liaison//FR',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${liaisonCase.id}`,
    `DTSTAMP:${text.now
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '')}`,
    ...start,
    `SUMMARY:${escapeIcsText(text.summary)}`,
    `DESCRIPTION:${escapeIcsText(text.description)}`,
    ...(location ? [`LOCATION:${escapeIcsText(location)}`] : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldIcsLine).join('\r\n') + '\r\n';
}

function escapeIcsText(value: string): string {
  return value.replace(/[\\;,]/g, (char) => `\\${char}`).replace(/\r?\n/g, '\\n');
}

/** RFC 5545 §3.1: lines longer than 75 octets continue on the next line after a space. */
function foldIcsLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  for (const char of line) {
    const limit = parts.length === 0 ? 75 : 74;
    if (Buffer.byteLength(current + char, 'utf8') > limit) {
      parts.push(current);
      current = '';
    }
    current += char;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );
}
