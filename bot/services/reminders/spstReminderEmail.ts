// The day-before reminder to the SPST by email (French; names, date and mode only).
import type { LiaisonCase } from '../cases';
import type { CompanySettings, Email, SpstContact } from '../caseFlow';
import { translatorFor } from '../../../language/i18n';
import { emailBody } from '../../platform/html';
import { companyNameOf, meetingMode } from '../../../cards/caseCards';
import { formatIsoDate } from '../../../language/dates';

// The SPST is a French service: like its notice (bot/services/caseFlow/spstEmail.ts), its reminder is in French.
const SPST_LANGUAGE = 'fr';

/** The day-before reminder to the SPST contact by email: names, date and mode only, nothing medical. */
export function spstReminderEmail(
  liaisonCase: LiaisonCase,
  contact: SpstContact & { email: string },
  settings: CompanySettings,
): Email {
  const t = translatorFor(SPST_LANGUAGE, 'reminders');
  const companyName = companyNameOf(settings, t);
  const { meeting } = liaisonCase;
  const date = formatIsoDate(meeting.date, translatorFor(SPST_LANGUAGE, 'cards'));
  const mode = meetingMode(meeting, translatorFor(SPST_LANGUAGE, 'cards'));
  const paragraphs = [
    [t('spstEmail.greeting', { name: contact.name })],
    [t('spstEmail.intro', { companyName })],
    [
      t('spstEmail.employee', { name: liaisonCase.employee.name }),
      meeting.time ? t('spstEmail.dateAndTime', { date, time: meeting.time }) : t('spstEmail.date', { date }),
      t('spstEmail.mode', { mode }),
    ],
    [t('spstEmail.noMedical')],
    [t('spstEmail.signature', { companyName })],
  ];
  return {
    to: contact.email,
    subject: t('spstEmail.subject', { date, companyName }),
    ...emailBody(paragraphs),
    attachments: [],
  };
}
