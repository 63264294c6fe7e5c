import { EmailSender } from '../../../../bot/services/caseFlow';
import { translatorFor } from '../../../../language/i18n';
import { emailLetter, informationLetterInput, letterInputFromCase } from '../../../../bot/services/letters';
import { decodeHeader, leaves, parseMime } from '../caseFlow/mime';
import { startSmtpServer } from '../caseFlow/smtpServer';
import { MEDICAL_WORDS, SETTINGS, storedCase } from './fixtures';

const input = letterInputFromCase(storedCase(), SETTINGS, { letterDate: '2026-11-23' });

describe('emailing a letter through the local SMTP server', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let sender: EmailSender;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    sender = new EmailSender({ url: smtp.url, from: 'Liaison <liaison@example.com>' });
  });
  afterAll(async () => {
    sender?.close();
    await smtp?.close();
  });
  beforeEach(() => smtp.messages.splice(0));

  test.each([
    [
      'fr',
      'Boulangerie Dupain & Fils — invitation à un rendez-vous de liaison le 07/12/2026',
      'Bonjour Zoé Lefèvre,',
    ],
    [
      'en',
      'Boulangerie Dupain & Fils — invitation to a liaison meeting on 7 December 2026',
      'Hello Zoé Lefèvre,',
    ],
  ])('the invitation in %s: subject, a short text, the PDF attached', async (lang, subject, greeting) => {
    const outcome = await emailLetter({ sender, input, kind: 'invitation', language: lang });
    expect(outcome).toEqual({ status: 'sent', to: 'zoe.lefevre@example.org' });
    await smtp.waitForMessage();
    const message = parseMime(smtp.messages[0] ?? '');
    expect(decodeHeader(message.headers.get('subject') ?? '')).toBe(subject);
    expect(message.headers.get('to')).toContain('zoe.lefevre@example.org');
    const parts = leaves(message);
    const text = parts.find((part) => part.headers.get('content-type')?.startsWith('text/plain'));
    expect(text?.body).toContain(greeting);
    expect(text?.body).toContain(translatorFor(lang, 'letters')('email.reply'));
    for (const word of MEDICAL_WORDS) expect(text?.body.toLowerCase()).not.toContain(word);
    const pdf = parts.find((part) => part.headers.get('content-type')?.startsWith('application/pdf'));
    expect(pdf?.headers.get('content-disposition')).toContain('liaison-invitation-2026-12-07.pdf');
    expect(pdf?.body.startsWith('%PDF-')).toBe(true);
    expect(pdf?.body).toContain('%%EOF');
  });

  test('the information letter goes to the address given, even when the case has none', async () => {
    const information = informationLetterInput({
      employeeName: 'Zoé Lefèvre',
      settings: SETTINGS,
      companyId: 'company-1',
      letterDate: '2026-11-23',
    });
    const outcome = await emailLetter({
      sender,
      input: information,
      kind: 'information',
      language: 'fr',
      to: 'zoe@perso.example',
    });
    expect(outcome).toEqual({ status: 'sent', to: 'zoe@perso.example' });
    await smtp.waitForMessage();
    const parts = leaves(parseMime(smtp.messages[0] ?? ''));
    const pdf = parts.find((part) => part.headers.get('content-type')?.startsWith('application/pdf'));
    expect(pdf?.headers.get('content-disposition')).toContain('liaison-information-2026-11-23.pdf');
  });

  test('no address known: nothing is sent', async () => {
    const outcome = await emailLetter({
      sender,
      input: { ...input, employee: { name: 'Zoé Lefèvre' } },
      kind: 'invitation',
      language: 'fr',
    });
    expect(outcome).toEqual({ status: 'no_recipient' });
    expect(smtp.messages).toHaveLength(0);
  });
});

test('without SMTP settings the outcome says so', async () => {
  await expect(
    emailLetter({ sender: undefined, input, kind: 'invitation', language: 'en' }),
  ).resolves.toEqual({
    status: 'email_not_configured',
  });
});
