// The email that carries a letter as a PDF attachment, in the letter's language.
import type { Email, EmailAttachment, EmailSender } from '../../platform/messaging/emailSender';
import { escapeHtml } from '../../platform/html';
import { formatIsoDate } from '../../../language/dates';
import { translatorFor } from '../../../language/i18n';
import { composeLetter, letterFilename } from './content';
import { isInvitationInput, type LetterInput, type LetterKind } from './input';
import { renderContent, type RenderOptions } from './pdf';

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
  /** The invitation's answer page (bot/http/answerPage): a link in the message, a QR code on the letter. */
  answerLink?: RenderOptions['answerLink'],
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
    ...(answerLink
      ? [translatorFor(content.language, 'answerPage')('letter.emailLink', { url: '\u0000' })]
      : []),
    t('email.reply'),
    t('email.signature', { companyName }),
  ];
  const pdf = await renderContent(content, answerLink ? { answerLink } : {});
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
    // The answer link's place is marked with NUL in its sentence: the URL itself in the text, a link in the HTML.
    text: paragraphs.join('\n\n').replace('\u0000', answerLink?.url ?? ''),
    html: paragraphs
      .map((paragraph) => `<p>${escapeHtml(paragraph).replace('\u0000', answerAnchor(answerLink?.url))}</p>`)
      .join('\n'),
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
  answerLink?: RenderOptions['answerLink'];
}): Promise<EmailLetterOutcome> {
  if (!args.sender) return { status: 'email_not_configured' };
  const to = args.to ?? args.input.employee.email;
  if (!to) return { status: 'no_recipient' };
  await args.sender.send(await composeLetterEmail(args.input, args.kind, args.language, to, args.answerLink));
  return { status: 'sent', to };
}

const answerAnchor = (url: string | undefined) =>
  url ? `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>` : '';
