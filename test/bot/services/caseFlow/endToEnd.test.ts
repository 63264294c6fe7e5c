import type { Activity } from 'botbuilder';
import { createApp, type LiaisonApp } from '../../../../bot/app';
import { loadConfig } from '../../../../bot/platform/config';
import { addDays, parisToday } from '../../../../domain';
import { silentLogger } from '../../../support/bot';
import { freshSqlite, type TestDatabase } from '../../../support/databases';
import { LocalChannel, personalConversationId, type TeamsUser } from '../../../support/localChannel';
import { COMPANY, EMPLOYEE, HR_CHANNEL, MANAGER, SETTINGS, sampleOpenRequest } from './harness';
import { leaves, parseMime } from './mime';
import { startSmtpServer } from './smtpServer';

const TENANT = 'tenant-a';
const employee: TeamsUser = { aadObjectId: 'aad-employee', tenantId: TENANT, locale: 'fr-FR' };
const spst: TeamsUser = { aadObjectId: 'aad-spst', tenantId: TENANT, locale: 'fr-FR' };

/**
 * The whole story in one process: the app as bot/app.ts wires it (HTTP server, outbox dispatcher, SMTP), the
 * local channel standing in for Teams and a local SMTP server for the SPST's mailbox.
 */
describe('a case opened with CaseService, end to end', () => {
  let database: TestDatabase;
  let channel: LocalChannel;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let app: LiaisonApp;
  let baseUrl: string;

  beforeAll(async () => {
    database = await freshSqlite();
    await database.db.close();
    channel = await LocalChannel.start();
    smtp = await startSmtpServer();
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      LOG_LEVEL: 'silent',
      SMTP_URL: smtp.url,
      SMTP_FROM: 'liaison@example.com',
    });
    app = await createApp(config, silentLogger);
    baseUrl = `http://127.0.0.1:${await app.http.listen()}`;
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.close();
    await channel?.close();
    await database?.dispose();
  });

  const post = (activity: Partial<Activity>) =>
    fetch(`${baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });

  const isCardFor =
    (conversationId: string, text: string) =>
    (activity: { conversationId: string; attachments?: unknown[] }) =>
      activity.conversationId === conversationId && JSON.stringify(activity.attachments ?? []).includes(text);
  const calendarOf = (raw: string | undefined) =>
    leaves(parseMime(raw ?? '')).find((part) => part.headers.get('content-type')?.startsWith('text/calendar'))
      ?.body ?? '';

  test("#12.16 #12.3 the opening reaches the employee, the SPST (card and email) and HR; a decline cancels the SPST's meeting and HR sees the answer", async () => {
    // Everyone has talked to the bot once, HR from its channel: their conversation references are stored.
    await channel.postMessage(baseUrl, employee, 'bonjour');
    await channel.postMessage(baseUrl, spst, 'bonjour');
    const hrPost = channel.messageFrom(
      { aadObjectId: 'aad-hr', tenantId: TENANT, locale: 'fr-FR' },
      'bonjour',
    );
    await post({
      ...hrPost,
      conversation: { ...hrPost.conversation, id: `${HR_CHANNEL};messageid=1`, conversationType: 'channel' },
      channelData: { tenant: { id: TENANT }, channel: { id: HR_CHANNEL } },
    });
    await app.companySettings.upsert(TENANT, COMPANY, SETTINGS);

    const today = parisToday(new Date());
    const request = sampleOpenRequest({ requestDate: today });
    const opened = await app.caseService.open(
      {
        ...request,
        absences: [{ kind: 'maladie', start: addDays(today, -60), end: addDays(today, 60) }],
        meeting: { ...request.meeting, date: addDays(today, 14) },
      },
      MANAGER,
    );
    if (opened.outcome !== 'applied') throw new Error(`not opened: ${JSON.stringify(opened)}`);
    const caseId = opened.case.id;

    await channel.waitFor(isCardFor(personalConversationId('aad-employee'), caseId));
    await channel.waitFor(isCardFor(personalConversationId('aad-spst'), 'spst.acknowledge'));
    const opening = await channel.waitFor(isCardFor(HR_CHANNEL, 'Camille Martin'));
    expect(JSON.stringify(opening.attachments)).toContain("l'invitation est partie");
    await smtp.waitForMessage();
    const notice = calendarOf(smtp.messages[0]);
    expect(notice).toContain(`\r\nUID:${caseId}\r\n`);
    expect(notice).toContain('\r\nMETHOD:REQUEST\r\n');

    const declined = await app.caseService.change(TENANT, caseId, { type: 'decline', offer: 1 }, EMPLOYEE);
    expect(declined.outcome).toBe('applied');
    await channel.waitFor(isCardFor(HR_CHANNEL, 'a refusé le rendez-vous de liaison'));
    await channel.waitFor(
      isCardFor(personalConversationId('aad-spst'), 'Annulation : rendez-vous de liaison'),
    );
    const start = Date.now();
    while (smtp.messages.length < 2 && Date.now() - start < 5000) await new Promise((r) => setTimeout(r, 50));
    const cancellation = calendarOf(smtp.messages[1]);
    expect(cancellation).toContain(`\r\nUID:${caseId}\r\n`);
    expect(cancellation).toContain('\r\nMETHOD:CANCEL\r\n');
    expect(cancellation).toContain('\r\nSTATUS:CANCELLED\r\n');
  }, 20_000);
});
