import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import {
  ConversationReferenceStore,
  ProactiveSender,
  type ProactiveSenderOptions,
} from '../../../../bot/platform/messaging';
import { freshSqlite, type TestDatabase } from '../../../support/databases';
import { silentLogger } from '../../../support/bot';
import { LocalChannel, type TeamsUser } from '../../../support/localChannel';

export const TENANT = 'tenant-a';

export const user = (aadObjectId: string): TeamsUser => ({ aadObjectId, tenantId: TENANT });

/** A local-mode adapter (no app id: the connector calls carry no token), a database and a local channel. */
export async function messagingHarness(senderOptions: Partial<ProactiveSenderOptions> = {}) {
  const database: TestDatabase = await freshSqlite();
  const channel = await LocalChannel.start();
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const references = new ConversationReferenceStore(database.db);
  const sender = new ProactiveSender({
    adapter,
    botAppId: '',
    references,
    logger: silentLogger,
    ...senderOptions,
  });
  return {
    db: database.db,
    channel,
    references,
    sender,
    /** As if the person had written to the bot once: their reference is stored. */
    knownUser: async (aadObjectId: string) => {
      const person = user(aadObjectId);
      await references.saveFromActivity(channel.messageFrom(person, 'hello'));
      return person;
    },
    dispose: async () => {
      await channel.close();
      await database.dispose();
    },
  };
}

export type MessagingHarness = Awaited<ReturnType<typeof messagingHarness>>;
