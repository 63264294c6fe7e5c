import type { LiaisonCase } from '../cases';
import { translatorFor } from '../i18n';
import { companyNameOf, formatIsoDate, meetingMode } from '../../cards/caseCards';
import type { CompanySettings, SpstContact } from './companySettings';
import type { Email } from './emailSender';
import { icsContentType, meetingIcs } from './ics';

export { meetingIcs } from './ics';

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
  const location = meeting.mode === 'remote' ? meeting.link : meeting.place;
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
        content: meetingIcs({
          uid: liaisonCase.id,
          sequence: 0,
          method: 'REQUEST',
          date: meeting.date,
          ...(meeting.time ? { time: meeting.time } : {}),
          summary: t('spstNotice.eventTitle', { employeeName: employee.name, companyName }),
          description: [t('spstNotice.intro', { companyName }), t('spstNotice.noMedical')].join('\n'),
          ...(location ? { location } : {}),
          attendees: [{ email: contact.email, name: contact.name }],
          now,
        }),
        contentType: icsContentType('REQUEST'),
      },
    ],
  };
}

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );
}
