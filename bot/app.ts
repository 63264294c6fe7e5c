import { ConversationState } from 'botbuilder';
import { createAdapter } from './adapter';
import { CaseStore, Outbox } from './cases';
import type { Config } from './config';
import { LiaisonBot } from './liaisonBot';
import type { Logger } from './logger';
import {
  ConversationReferenceStore,
  OutboxDispatcher,
  PLAIN_MESSAGE_KIND,
  ProactiveSender,
  renderPlainMessage,
} from './messaging';
import { createServer, type LiaisonServer } from './server';
import { DatabaseStateStorage, openDatabase, type Database } from './storage';

export interface LiaisonApp {
  db: Database;
  http: LiaisonServer;
  /** Graceful stop: finish the turns and the outbox batch under way, then close storage. */
  stop(): Promise<void>;
}

/** Wires storage, state, adapter, bot, proactive messaging and HTTP server together from a validated configuration. */
export async function createApp(config: Config, logger: Logger): Promise<LiaisonApp> {
  const db = await openDatabase(config.storage);
  const conversationState = new ConversationState(new DatabaseStateStorage(db));
  const adapter = createAdapter(config, conversationState, logger);

  const references = new ConversationReferenceStore(db);
  // Every incoming turn refreshes where its person or channel can be reached later; a failure to remember
  // must not cost the user their answer.
  adapter.use(async (context, next) => {
    await references
      .saveFromActivity(context.activity)
      .catch((error: Error) =>
        logger.error({ err: { message: error.message } }, 'could not save the conversation reference'),
      );
    await next();
  });
  const outbox = new Outbox(db);
  const dispatcher = new OutboxDispatcher({
    outbox,
    sender: new ProactiveSender({ adapter, botAppId: config.microsoftApp?.id ?? '', references, logger }),
    renderers: new Map([[PLAIN_MESSAGE_KIND, renderPlainMessage]]),
    logger,
    // The dispatcher logs it; telling the manager and HR (with the fallback) comes with the case flow.
    onUndeliverable: () => undefined,
  });

  const bot = new LiaisonBot({
    conversationState,
    logger,
    cardActions: { cases: new CaseStore(db), outbox },
  });
  const http = createServer({ config, adapter, bot, db, logger });
  dispatcher.start();
  return {
    db,
    http,
    stop: async () => {
      await http.drain();
      await dispatcher.stop();
      await db.close();
    },
  };
}
