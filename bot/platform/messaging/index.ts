// bot/platform/messaging: proactive messages, from the outbox to Teams or email.
/**
 * bot/platform/messaging — messages the bot sends on its own initiative: the conversation references that make them
 * possible (saved from every incoming turn), the ProactiveSender that delivers one within Teams' limits
 * (throttling, 403 for someone without the app, 404, 100 KB), and the OutboxDispatcher that drains the outbox
 * through it (or lets a renderer deliver elsewhere, e.g. by email) and reports what cannot be delivered.
 */
export { ConversationReferenceStore, type ProactiveTarget } from './conversationReferences';
export {
  MAX_ACTIVITY_BYTES,
  ProactiveSender,
  type ProactiveSenderOptions,
  type SendResult,
} from './proactiveSender';
export {
  OutboxDispatcher,
  PLAIN_MESSAGE_KIND,
  renderPlainMessage,
  type DeliveredElsewhere,
  type OutboxDispatcherOptions,
  type PlainMessagePayload,
  type RenderedMessage,
  type Renderer,
  type UndeliverableResult,
} from './outboxDispatcher';
export { messageInRecipientLanguage } from './recipientMessage';
