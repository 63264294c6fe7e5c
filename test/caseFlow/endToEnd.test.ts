import type { Activity } from 'botbuilder';
import { createApp, type LiaisonApp } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import { addDays, parisToday } from '../../domain';
import { silentLogger } from '../support/bot';
import { freshSqlite, type TestDatabase } from '../support/databases';
import { LocalChannel, personalConversationId, type TeamsUser } from '../support/localChannel';
import { COMPANY, HR_CHANNEL, SETTINGS, sampleStartRequest } from './harness';
import { leaves, parseMime } from './mime';
import { startSmtpServer } from './smtpServer';

const TENANT = 'tenant-a';
const employee: TeamsUser = { aadObjectId: 'aad-employee', tenantId: TENANT, locale: 'fr-FR' };
const spst: TeamsUser = { aadObjectId: 'aad-spst', tenantId: TENANT, locale: 'fr-FR' };

/**
 * The whole story in one process: the app as bot/app.ts wires it (HTTP server, outbox dispatcher, SMTP), the
 * local channel standing in for Teams and a local SMTP server for the SPST's mailbox.
 */
describe('a case started with startCase, end to end', () => {
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

  test('invitation and SPST notice (card and email) go out; the acceptance reaches the HR channel', async () => {
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
    const request = sampleStartRequest({ requestDate: today });
    const started = await app.caseFlow.startCase({
      ...request,
      meeting: { ...request.meeting, date: addDays(today, 14) },
    });
    if (started.status !== 'started') throw new Error(`not started: ${JSON.stringify(started)}`);
    const caseId = started.case.id;

    const isCardFor =
      (conversationId: string, verb: string) =>
      (activity: { conversationId: string; attachments?: unknown[] }) =>
        activity.conversationId === conversationId &&
        JSON.stringify(activity.attachments ?? []).includes(verb);
    await channel.waitFor(isCardFor(personalConversationId('aad-employee'), 'invitation.accept'));
    await channel.waitFor(isCardFor(personalConversationId('aad-spst'), 'spst.acknowledge'));
    await smtp.waitForMessage();
    const calendar = leaves(parseMime(smtp.messages[0] ?? '')).find((part) =>
      part.headers.get('content-type')?.startsWith('text/calendar'),
    );
    expect(calendar?.body).toContain(`\r\nUID:${caseId}\r\n`);

    const accept = await post({
      ...channel.messageFrom(employee, ''),
      type: 'invoke',
      name: 'adaptiveCard/action',
      text: undefined,
      value: { action: { type: 'Action.Execute', verb: 'invitation.accept', data: { caseId } } },
    });
    expect(accept.status).toBe(200);
    const hrUpdate = await channel.waitFor((activity) => activity.conversationId === HR_CHANNEL);
    expect(JSON.stringify(hrUpdate.attachments)).toContain('Camille Martin');
  });
});
