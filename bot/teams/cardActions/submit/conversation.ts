// A submitted card that belongs to the conversation under way: given to it, or answered when there is none.
import type { CardSubmit } from '../types';

/**
 * The dialog under way takes the submission (its inputs are in the value); with none, the person is told, in their
 * language, that the bot got nothing it can use. Text typed with it is answered like any message.
 */
export async function toConversation({ context, typed, t, routes }: CardSubmit): Promise<void> {
  if (typed !== '') return routes.answerText(context, typed);
  if (await routes.caseDialogs.continueOrStart(context)) return;
  await context.sendActivity(t('emptyMessage'));
}
