// The SPST notice by email (always in French), with its .ics invitation.
import type { LiaisonCase } from '../cases';
import { translatorFor } from '../../../language/i18n';
import type { Meeting } from '../../../domain';
import { companyNameOf, meetingMode } from '../../../cards/caseCards';
import { formatIsoDate } from '../../../language/dates';
import { employerContactOf, type SpstNoticeKind } from '../../../cards/noticeCards';
import type { CompanySettings, SpstContact } from '../settings/companySettingsStore';
import type { Email } from '../../platform/messaging/emailSender';
import { emailBody } from '../../platform/html';
import { icsContentType, meetingIcs, type IcsPerson } from './ics';

export { meetingIcs } from './ics';

// The SPST is a French service: its email is always in French, whatever the manager's language.
const SPST_LANGUAGE = 'fr';

export interface SpstEmailInput {
  liaisonCase: LiaisonCase;
  /** The first notice of the case, the change to a new date, or the cancellation. */
  notice: SpstNoticeKind;
  /** With a change: the meeting of the previous offer, named as the one this replaces. */
  replaces?: Meeting;
  contact: SpstContact & { email: string };
  settings: CompanySettings;
  /** Who sends the calendar event (SMTP_FROM), as ORGANIZER of the .ics. */
  organizer?: IcsPerson;
  now: Date;
}

/**
 * The .ics SEQUENCE of a message about the case's current offer: offer 1 is SEQUENCE 0, each new date one more,
 * and the cancellation one more again than the last date sent — so that a calendar always takes the latest.
 */
export function icsSequence(offer: number, notice: SpstNoticeKind): number {
  return notice === 'cancellation' ? offer : offer - 1;
}

/**
 * The SPST's email for one notice of the case: plain text and HTML with the same sentences, and the meeting as an
 * .ics whose UID is the case id — METHOD:REQUEST for a notice or a change (the same event, updated), METHOD:CANCEL
 * with STATUS:CANCELLED for a cancellation. Identity, date and modality, and the employer's contact only
 * (R-DATA-04): never why the meeting will not take place, never anything medical. Replies go to the company's HR
 * contact when one is set.
 */
export function spstNoticeEmail(input: SpstEmailInput): Email {
  const { liaisonCase, notice, replaces, contact, settings, now } = input;
  const t = translatorFor(SPST_LANGUAGE, 'email');
  const key = (name: string) => `spstNotice.${name}`;
  const companyName = companyNameOf(settings, t);
  const { meeting, employee } = liaisonCase;
  const date = formatIsoDate(meeting.date, t);
  const cancellation = notice === 'cancellation';
  const change = notice === 'change' && replaces !== undefined;
  const replacesDate = replaces ? formatIsoDate(replaces.date, t) : undefined;
  const employer = employerContactOf(liaisonCase, settings.hrContact);
  const replyTo = settings.hrContact?.email;
  const location = meeting.mode === 'remote' ? meeting.link : meeting.place;

  const facts = [
    t(key('employee'), { name: employee.name }),
    ...(employee.jobTitle ? [t(key('jobTitle'), { jobTitle: employee.jobTitle })] : []),
    t(key(cancellation ? 'cancelledDate' : 'dateAndTime'), { date, time: meeting.time }),
    t(key('mode'), { mode: meetingMode(meeting, t) }),
    t(key('initiator'), {
      initiator: t(liaisonCase.initiator === 'employer' ? 'case.employer' : 'case.employee', { ns: 'cards' }),
    }),
    t(key('employerContact'), { contact: employer.name }),
    ...(employer.email ? [t(key('employerEmail'), { email: employer.email })] : []),
    ...(employer.phone ? [t(key('employerPhone'), { phone: employer.phone })] : []),
    ...(employer.organiser ? [t(key('organiser'), { name: employer.organiser })] : []),
  ];
  const intro = cancellation
    ? [t(key('introCancellation'), { companyName })]
    : change
      ? [
          t(key('introChange'), { companyName }),
          t(key('replaces'), { replacesDate, replacesTime: replaces.time }),
        ]
      : [t(key('intro'), { companyName })];
  const whatToDo = cancellation
    ? t(key('nothingToDo'))
    : t(liaisonCase.spst.attendance === 'attend' ? key('attend') : key('informed'));
  const calendar = t(key(cancellation ? 'calendarCancellation' : change ? 'calendarChange' : 'calendar'));
  const paragraphs = [
    [t(key('greeting'), { name: contact.name })],
    intro,
    facts,
    [whatToDo],
    [t(key('noMedical')), calendar, ...(replyTo ? [t(key('replyTo'))] : [])],
    [t(key('signature'), { companyName })],
  ];
  const subject = cancellation
    ? t(key('subjectCancellation'), { date, companyName })
    : change
      ? t(key('subjectChange'), { date, replacesDate, companyName })
      : t(key('subject'), { date, companyName });
  const method = cancellation ? 'CANCEL' : 'REQUEST';

  return {
    to: contact.email,
    ...(replyTo ? { replyTo } : {}),
    subject,
    ...emailBody(paragraphs),
    attachments: [
      {
        filename: 'rendez-vous-de-liaison.ics',
        content: meetingIcs({
          uid: liaisonCase.id,
          sequence: icsSequence(liaisonCase.offer, notice),
          method,
          date: meeting.date,
          time: meeting.time,
          summary: t(key('eventTitle'), { employeeName: employee.name, companyName }),
          description: [...intro, t(key('noMedical'))].join('\n'),
          ...(location ? { location } : {}),
          ...(input.organizer ? { organizer: input.organizer } : {}),
          attendees: [{ email: contact.email, name: contact.name }],
          now,
        }),
        contentType: icsContentType(method),
      },
    ],
  };
}
