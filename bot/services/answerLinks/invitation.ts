// The invitation for an employee not on Teams (letter with QR code, or email) carrying the answer page's link.
import { parisToday } from '../../../domain';
import type { CompanySettingsStore } from '../settings/companySettingsStore';
import type { EmailSender } from '../../platform/messaging/emailSender';
import type { LiaisonCase } from '../cases';
import { emailLetter, type EmailLetterOutcome } from '../letters/email';
import { letterInputFromCase } from '../letters/input';
import { renderLetterPdf } from '../letters/pdf';
import type { AnswerLinks } from './answerLinks';

/**
 * The invitation for an employee who is not on Teams, carrying the answer page of the case's current offer: the
 * letter as a PDF (QR code and short URL printed on it), or the email with the link and that letter attached.
 * For the outbox renderer of the invitation when the company invites by email or by letter (inviteChannelOf),
 * and for the letter download route.
 */
export interface InvitationDeps {
  links: AnswerLinks;
  companySettings: Pick<CompanySettingsStore, 'get'>;
  now?: () => Date;
}

async function inputAndLink(deps: InvitationDeps, liaisonCase: LiaisonCase, lang: string) {
  const settings = await deps.companySettings.get(liaisonCase.tenantId, liaisonCase.companyId);
  const letterDate = parisToday((deps.now ?? (() => new Date()))());
  const input = letterInputFromCase(liaisonCase, settings, { letterDate });
  const url = await deps.links.answerUrl(liaisonCase, lang);
  return { input, answerLink: { url, shortUrl: deps.links.shortUrl(url) } };
}

/** The invitation letter of the current offer, with the answer page's QR code and short URL. */
export async function invitationLetterPdf(
  deps: InvitationDeps,
  liaisonCase: LiaisonCase,
  lang: string,
): Promise<Buffer> {
  const { input, answerLink } = await inputAndLink(deps, liaisonCase, lang);
  return renderLetterPdf(input, 'invitation', lang, { answerLink });
}

/** Emails the invitation of the current offer to the employee: the link in the message, the letter attached. */
export async function emailInvitation(
  deps: InvitationDeps & { sender: EmailSender | undefined },
  liaisonCase: LiaisonCase,
  lang: string,
): Promise<EmailLetterOutcome> {
  const { input, answerLink } = await inputAndLink(deps, liaisonCase, lang);
  return emailLetter({ sender: deps.sender, input, kind: 'invitation', language: lang, answerLink });
}
