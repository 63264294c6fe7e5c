import { ConversationState, MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import pino from 'pino';
import { AccessControl } from '../../bot/services/access';
import { CaseService, CompanySettingsStore } from '../../bot/services/caseFlow';
import { CaseStore, Outbox } from '../../bot/services/cases';
import { CompanySettingsCommands } from '../../bot/teams/companySettingsCommands';
import { LiaisonBot } from '../../bot/teams/liaisonBot';
import { migrate } from '../../bot/platform/storage';
import { SqliteDatabase } from '../../bot/platform/storage/sqlite';

export const silentLogger = pino({ level: 'silent' });

/** The bot's dependencies on in-memory state and an in-memory SQLite database (tests only). */
export async function testBotDeps() {
  const db = new SqliteDatabase(':memory:');
  await migrate(db);
  const cases = new CaseStore(db);
  const companySettings = new CompanySettingsStore(db);
  const caseService = new CaseService({
    db,
    cases,
    outbox: new Outbox(db),
    companySettings,
    isHr: async () => false,
    emailEnabled: false,
  });
  return {
    conversationState: new ConversationState(new MemoryStorage()),
    logger: silentLogger,
    cardActions: { cases, caseService },
    caseDialogs: { continueOrStart: async () => false },
    companySettings: new CompanySettingsCommands({
      settings: companySettings,
      access: new AccessControl({ db, hrAdmins: [], localMode: false }),
      logger: silentLogger,
    }),
  };
}

/** A LiaisonBot behind botbuilder's TestAdapter. */
export async function testBot(): Promise<TestAdapter> {
  const bot = new LiaisonBot(await testBotDeps());
  return new TestAdapter((context) => bot.run(context));
}

export function message(text: string, locale?: string): Partial<Activity> {
  return { type: 'message', text, locale };
}

export function adaptiveCardOf(activity: Partial<Activity>): Record<string, unknown> {
  const attachment = activity.attachments?.[0];
  expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return attachment?.content as Record<string, unknown>;
}

/** Every text a person would read on a card: TextBlocks, facts, button titles, input labels. */
export function cardTexts(card: unknown): string[] {
  if (Array.isArray(card)) return card.flatMap(cardTexts);
  if (!card || typeof card !== 'object') return [];
  const node = card as Record<string, unknown>;
  const own = ['text', 'title', 'label', 'placeholder', 'value']
    .map((key) => node[key])
    .filter((value): value is string => typeof value === 'string');
  return [...own, ...Object.values(node).flatMap(cardTexts)];
}
