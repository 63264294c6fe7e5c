import { ConversationState } from 'botbuilder';
import { createAdapter } from './adapter';
import type { Config } from './config';
import { LiaisonBot } from './liaisonBot';
import type { Logger } from './logger';
import { createServer, type LiaisonServer } from './server';
import { DatabaseStateStorage, openDatabase, type Database } from './storage';

export interface LiaisonApp {
  db: Database;
  http: LiaisonServer;
  /** Graceful stop: finish the turns under way, then close storage. */
  stop(): Promise<void>;
}

/** Wires storage, state, adapter, bot and HTTP server together from a validated configuration. */
export async function createApp(config: Config, logger: Logger): Promise<LiaisonApp> {
  const db = await openDatabase(config.storage);
  const conversationState = new ConversationState(new DatabaseStateStorage(db));
  const adapter = createAdapter(config, conversationState, logger);
  const bot = new LiaisonBot({ conversationState, logger });
  const http = createServer({ config, adapter, bot, db, logger });
  return {
    db,
    http,
    stop: async () => {
      await http.drain();
      await db.close();
    },
  };
}
