import { ConversationState, MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import pino from 'pino';
import { LiaisonBot } from '../../bot/liaisonBot';

export const silentLogger = pino({ level: 'silent' });

/** A LiaisonBot behind botbuilder's TestAdapter, on in-memory state (tests only). */
export function testBot() {
  const conversationState = new ConversationState(new MemoryStorage());
  const bot = new LiaisonBot({ conversationState, logger: silentLogger });
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
