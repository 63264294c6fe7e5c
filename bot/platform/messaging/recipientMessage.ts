// A proactive message written in its recipient's language (the locale of their last turn).
import type { Activity } from 'botbuilder';
import type { ConversationReferenceStore, ProactiveTarget } from './conversationReferences';
import type { RenderedMessage } from './outboxDispatcher';

/**
 * A proactive message written in its recipient's language: the locale of their last turn with the bot (French
 * when Liaison never heard from them), as renderers need it.
 */
export async function messageInRecipientLanguage(
  references: ConversationReferenceStore,
  tenantId: string,
  target: ProactiveTarget,
  build: (locale: string | undefined) => Partial<Activity>,
): Promise<RenderedMessage> {
  const reference = await references.find(tenantId, target);
  return { tenantId, target, activity: build(reference?.locale) };
}
