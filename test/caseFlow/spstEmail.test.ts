import { EmailSender, meetingIcs } from '../../bot/caseFlow';
import { TENANT } from '../messaging/harness';
import { decodeHeader, leaves, parseMime } from './mime';
import { startSmtpServer } from './smtpServer';
import { COMPANY, deliveryHarness, SETTINGS, sampleStartRequest, type DeliveryHarness } from './harness';

describe('the SPST notice by email', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let emailSender: EmailSender;
  let harness: DeliveryHarness;

  beforeEach(async () => {
    smtp = await startSmtpServer();
    emailSender = new EmailSender({ url: smtp.url, from: 'Liaison <liaison@example.com>' });
    harness = await deliveryHarness(emailSender);
    await harness.companySettings.upsert(TENANT, COMPANY, SETTINGS);
  });
  afterEach(async () => {
    await harness.dispatcher.stop();
    await harness.dispose();
    emailSender.close();
    await smtp.close();
  });

  test('is sent in French with an .ics invitation whose UID is the case id, and no medical information', async () => {
    const result = await harness.caseFlow.startCase(sampleStartRequest());
    if (result.status !== 'started') throw new Error('not started');
    await harness.dispatcher.dispatchDue();
    expect(smtp.messages).toHaveLength(1);
    const mail = parseMime(smtp.messages[0] ?? '');
    const partOfType = (type: string) =>
      leaves(mail).find((part) => part.headers.get('content-type')?.startsWith(type));
    const text = partOfType('text/plain')?.body ?? '';

    expect(decodeHeader(mail.headers.get('subject') ?? '')).toBe(
      'Rendez-vous de liaison le 20/11/2026 — Boulangerie Dupain',
    );
    expect(mail.headers.get('to')).toBe('spst@example.org');
    expect(text).toContain('Bonjour Dr Durand,');
    expect(text).toContain('Salarié : Camille Martin');
    expect(text).toContain('Poste : Comptable');
    expect(text).toContain('Date : 20/11/2026 à 10:00');
    expect(text).toContain('Modalité : Sur place : Salle 2');
    expect(text).toContain('Ce message ne contient aucune information médicale.');
    expect(partOfType('text/html')?.body).toContain('<p>Bonjour Dr Durand,</p>');

    const ics = partOfType('text/calendar');
    expect(ics?.headers.get('content-disposition')).toContain('rendez-vous-de-liaison.ics');
    const calendar = ics?.body ?? '';
    expect(calendar).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(calendar).toContain(`\r\nUID:${result.case.id}\r\n`);
    expect(ics?.headers.get('content-type')).toContain('method=REQUEST');
    expect(calendar).toContain('\r\nMETHOD:REQUEST\r\n');
    expect(calendar).toContain('\r\nSEQUENCE:0\r\n');
    expect(calendar).toContain('\r\nDTSTART;TZID=Europe/Paris:20261120T100000\r\n');
    expect(calendar).toContain('\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n');
    expect(calendar).toContain('\r\nLOCATION:Salle 2\r\n');
    expect(calendar).toContain('\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n');

    const statuses = await harness.db.query<{ kind: string; status: string }>(
      "SELECT kind, status FROM outbox WHERE kind = 'spst.email'",
    );
    expect(statuses).toEqual([{ kind: 'spst.email', status: 'sent' }]);
  });

  test('is kept for a retry while the SMTP server is unreachable', async () => {
    await smtp.close();
    await harness.caseFlow.startCase(sampleStartRequest());
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
