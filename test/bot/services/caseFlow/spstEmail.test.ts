import { EmailSender, meetingIcs } from '../../../../bot/services/caseFlow';
import { TENANT } from '../../platform/messaging/harness';
import { decodeHeader, leaves, parseMime } from './mime';
import { startSmtpServer } from './smtpServer';
import { COMPANY, deliveryHarness, EMPLOYEE, MANAGER, SETTINGS, type DeliveryHarness } from './harness';

describe('the SPST notice by email', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let emailSender: EmailSender;
  let harness: DeliveryHarness;

  beforeEach(async () => {
    smtp = await startSmtpServer();
    emailSender = new EmailSender({ url: smtp.url, from: 'Liaison <liaison@example.com>' });
    harness = await deliveryHarness(emailSender);
    await harness.companySettings.upsert(TENANT, COMPANY, { ...SETTINGS, hrChannelId: undefined });
  });
  afterEach(async () => {
    await harness.dispatcher.stop();
    await harness.dispose();
    emailSender.close();
    await smtp.close();
  });

  const mails = () =>
    smtp.messages.map((raw) => {
      const mail = parseMime(raw);
      const partOfType = (type: string) =>
        leaves(mail).find((part) => part.headers.get('content-type')?.startsWith(type));
      return {
        headers: mail.headers,
        subject: decodeHeader(mail.headers.get('subject') ?? ''),
        text: partOfType('text/plain')?.body ?? '',
        html: partOfType('text/html')?.body ?? '',
        ics: partOfType('text/calendar'),
        calendar: (partOfType('text/calendar')?.body ?? '').replace(/\r\n /g, ''),
      };
    });

  test('is sent in French with an .ics invitation whose UID is the case id, and no medical information', async () => {
    const liaisonCase = await harness.open();
    await harness.drain();
    expect(smtp.messages).toHaveLength(1);
    const [mail] = mails();
    if (!mail) throw new Error('no mail');

    expect(mail.subject).toBe('Rendez-vous de liaison le 20/11/2026 — Boulangerie Dupain');
    expect(mail.headers.get('to')).toBe('spst@example.org');
    expect(mail.text).toContain('Bonjour Dr Durand,');
    expect(mail.text).toContain('Salarié : Camille Martin');
    expect(mail.text).toContain('Poste : Comptable');
    expect(mail.text).toContain('Date : 20/11/2026 à 10:00');
    expect(mail.text).toContain('Modalité : Sur place : Salle 2');
    expect(mail.text).toContain('Ce message ne contient aucune information médicale.');
    expect(mail.html).toContain('<p>Bonjour Dr Durand,</p>');

    expect(mail.ics?.headers.get('content-disposition')).toContain('rendez-vous-de-liaison.ics');
    const { calendar } = mail;
    expect(calendar).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(calendar).toContain(`\r\nUID:${liaisonCase.id}\r\n`);
    expect(mail.ics?.headers.get('content-type')).toContain('method=REQUEST');
    expect(calendar).toContain('\r\nMETHOD:REQUEST\r\n');
    expect(calendar).toContain('\r\nSEQUENCE:0\r\n');
    expect(calendar).toContain('\r\nDTSTART;TZID=Europe/Paris:20261120T100000\r\n');
    expect(calendar).toContain('\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n');
    expect(calendar).toContain('\r\nLOCATION:Salle 2\r\n');
    expect(calendar).toContain('\r\nORGANIZER;CN="Liaison":mailto:liaison@example.com\r\n');
    expect(calendar).toContain('\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n');

    const statuses = await harness.db.query<{ kind: string; status: string }>(
      "SELECT kind, status FROM outbox WHERE kind = 'spst.email'",
    );
    expect(statuses).toEqual([{ kind: 'spst.email', status: 'sent' }]);
  });

  test("#12.16 gives the employer contact's name, email and phone, and replies go to the HR contact", async () => {
    await harness.open();
    await harness.drain();
    const [mail] = mails();
    expect(mail?.headers.get('reply-to')).toBe('rh@dupain.example');
    expect(mail?.text).toContain('Contact employeur : Service RH');
    expect(mail?.text).toContain('E-mail : rh@dupain.example');
    expect(mail?.text).toContain('Téléphone : 01 99 88 77 66');
    expect(mail?.text).toContain('Organisé par : Louis Bernard');
  });

  test('#12.16 without an HR contact, the organiser is the contact and there is no Reply-To', async () => {
    await harness.companySettings.upsert(TENANT, COMPANY, { ...SETTINGS, hrContact: undefined });
    await harness.open();
    await harness.drain();
    const [mail] = mails();
    expect(mail?.headers.has('reply-to')).toBe(false);
    expect(mail?.text).toContain('Contact employeur : Louis Bernard');
    expect(mail?.text).not.toContain('Organisé par');
  });

  test('#12.3 a new date is a change: same UID, SEQUENCE 1, REQUEST, naming the meeting it replaces', async () => {
    const liaisonCase = await harness.open();
    await harness.drain();
    await harness.change(
      liaisonCase.id,
      { type: 'propose_again', meeting: { date: '2026-11-24', time: '14:00', mode: 'remote' } },
      MANAGER,
    );
    await harness.drain();
    expect(smtp.messages).toHaveLength(2);
    const change = mails()[1];
    if (!change) throw new Error('no change');
    expect(change.subject).toBe(
      'Changement de date : rendez-vous de liaison le 24/11/2026 (au lieu du 20/11/2026) — Boulangerie Dupain',
    );
    expect(change.text).toContain('Ce rendez-vous remplace celui du 20/11/2026 à 10:00.');
    expect(change.text).toContain('Date : 24/11/2026 à 14:00');
    expect(change.calendar).toContain(`\r\nUID:${liaisonCase.id}\r\n`);
    expect(change.calendar).toContain('\r\nMETHOD:REQUEST\r\n');
    expect(change.calendar).toContain('\r\nSEQUENCE:1\r\n');
    expect(change.calendar).toContain('\r\nDTSTART;TZID=Europe/Paris:20261124T140000\r\n');
    expect(change.calendar).toContain('\r\nSTATUS:CONFIRMED\r\n');
  });

  test('#12.3 a cancellation after a new date: METHOD:CANCEL, STATUS:CANCELLED, a SEQUENCE above the last request', async () => {
    const liaisonCase = await harness.open();
    await harness.drain();
    await harness.change(
      liaisonCase.id,
      { type: 'propose_again', meeting: { date: '2026-11-24', time: '14:00', mode: 'remote' } },
      MANAGER,
    );
    await harness.drain();
    await harness.change(liaisonCase.id, { type: 'cancel' }, MANAGER);
    await harness.drain();
    expect(smtp.messages).toHaveLength(3);
    const cancellation = mails()[2];
    if (!cancellation) throw new Error('no cancellation');
    expect(cancellation.subject).toBe(
      'Annulation : rendez-vous de liaison du 24/11/2026 — Boulangerie Dupain',
    );
    expect(cancellation.text).toContain("n'aura pas lieu");
    expect(cancellation.text).toContain('Date annulée : 24/11/2026 à 14:00');
    expect(cancellation.ics?.headers.get('content-type')).toContain('method=CANCEL');
    expect(cancellation.calendar).toContain(`\r\nUID:${liaisonCase.id}\r\n`);
    expect(cancellation.calendar).toContain('\r\nMETHOD:CANCEL\r\n');
    expect(cancellation.calendar).toContain('\r\nSTATUS:CANCELLED\r\n');
    expect(cancellation.calendar).toContain('\r\nSEQUENCE:2\r\n');
  });

  test("#12.3 a decline is a cancellation too, and never says it was the employee's refusal", async () => {
    const liaisonCase = await harness.open();
    await harness.drain();
    await harness.change(liaisonCase.id, { type: 'decline', offer: 1 }, EMPLOYEE);
    await harness.drain();
    const cancellation = mails()[1];
    expect(cancellation?.subject).toContain('Annulation');
    expect(cancellation?.calendar).toContain('\r\nMETHOD:CANCEL\r\n');
    expect(cancellation?.calendar).toContain('\r\nSEQUENCE:1\r\n');
    expect(`${cancellation?.subject}\n${cancellation?.text}`).not.toMatch(/refus|décliné/i);
  });

  test('is kept for a retry while the SMTP server is unreachable', async () => {
    await smtp.close();
    await harness.open();
    await harness.dispatcher.dispatchDue();
    const [row] = await harness.db.query<{ status: string; last_error: string }>(
      "SELECT status, last_error FROM outbox WHERE kind = 'spst.email'",
    );
    expect(row?.status).toBe('pending');
    expect(row?.last_error).toMatch(/^SMTP: /);
    smtp = await startSmtpServer(); // closed again after the test
  });
});

describe('meetingIcs', () => {
  const at = new Date('2026-11-05T09:00:00.000Z');
  const event = (meeting: { date: string; link: string }, summary = 'Rendez-vous') =>
    meetingIcs({
      uid: 'case-1',
      sequence: 0,
      method: 'REQUEST',
      date: meeting.date,
      summary,
      description: 'Ligne 1\nLigne 2',
      location: meeting.link,
      now: at,
    });

  test('a meeting without a time is a whole day; text is escaped and long lines folded', () => {
    const ics = event(
      { date: '2026-11-20', link: 'https://meet.example.org/a;b,c' },
      'Rendez-vous de liaison — une très longue description qui dépasse soixante-quinze octets',
    );
    expect(ics).toContain('\r\nDTSTART;VALUE=DATE:20261120\r\n');
    expect(ics).toContain('\r\nDTSTAMP:20261105T090000Z\r\n');
    expect(ics).toContain('\r\nDESCRIPTION:Ligne 1\\nLigne 2\r\n');
    expect(ics).toContain('\r\nLOCATION:https://meet.example.org/a\\;b\\,c\r\n');
    expect(ics).not.toContain('DURATION');
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(ics.replace(/\r\n /g, '')).toContain(
      'SUMMARY:Rendez-vous de liaison — une très longue description qui dépasse soixante-quinze octets',
    );
  });
});
