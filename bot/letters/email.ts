import type { Email, EmailAttachment, EmailSender } from '../caseFlow/emailSender';
import { formatIsoDate } from '../../cards/caseCards';
import { translatorFor } from '../i18n';
import { composeLetter, letterFilename } from './content';
import { isInvitationInput, type LetterInput, type LetterKind } from './input';
import { renderContent } from './pdf';

export type EmailLetterOutcome =
  | { status: 'sent'; to: string }
  /** SMTP_URL / SMTP_FROM are not set: nothing was sent; offer the download link instead. */
  | { status: 'email_not_configured' }
  /** Neither `to` nor the employee's email is known. */
  | { status: 'no_recipient' };

/**
 * The email that carries a letter: a short message in the letter's language and the letter itself as a PDF
 * attachment. The body repeats no more than the letter (names, date; never anything medical).
 */
export async function composeLetterEmail(
  input: LetterInput,
  kind: LetterKind,
  language: string,
  to: string,
): Promise<Email> {
  const content = composeLetter(input, kind, language);
  const t = translatorFor(content.language, 'letters');
  const companyName = input.company.name;
  const date = isInvitationInput(input) ? formatIsoDate(input.meeting.date, t) : '';
  const paragraphs = [
    t('email.greeting', { name: input.employee.name }),
    kind === 'invitation'
      ? t('email.bodyInvitation', { companyName, date })
      : t('email.bodyInformation', { companyName }),
    t('email.reply'),
    t('email.signature', { companyName }),
  ];
  const pdf = await renderContent(content);
  // EmailSender's attachments are strings: the PDF travels base64-encoded and nodemailer decodes it as such.
  const attachment: EmailAttachment & { encoding: 'base64' } = {
    filename: letterFilename(input, kind),
    content: pdf.toString('base64'),
    contentType: 'application/pdf',
    encoding: 'base64',
  };
  return {
    to,
    subject:
      kind === 'invitation'
        ? t('email.subjectInvitation', { companyName, date })
        : t('email.subjectInformation', { companyName }),
    text: paragraphs.join('\n\n'),
    html: paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n'),
    attachments: [attachment],
  };
}

/**
 * Emails the letter to `to` (default: the employee's email in the input) through the bot's EmailSender — the
 * one bot/app.ts builds from SMTP_URL and SMTP_FROM; pass undefined when SMTP is not configured.
 */
export async function emailLetter(args: {
  sender: EmailSender | undefined;
  input: LetterInput;
  kind: LetterKind;
  language: string;
  to?: string;
}): Promise<EmailLetterOutcome> {
  if (!args.sender) return { status: 'email_not_configured' };
  const to = args.to ?? args.input.employee.email;
  if (!to) return { status: 'no_recipient' };
  await args.sender.send(await composeLetterEmail(args.input, args.kind, args.language, to));
  return { status: 'sent', to };
}

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );
}
