import type { Activity } from 'botbuilder';
import type { LocalChannel, ReceivedActivity, TeamsUser } from './localChannel';
import { stringsOf, textOf } from './teamsCards';

/**
 * Talking to the real bot over HTTP through the local channel, as the end-to-end stories do: post an activity,
 * then wait until the bot's answers in that conversation hold an expected text.
 */

/** What the bot answered in `conversationId` since `from` (an index in channel.received), as text. */
export function answeredSince(channel: LocalChannel, from: number, conversationId: string): string {
  return channel.received
    .slice(from)
    .filter((activity) => activity.conversationId === conversationId)
    .map(textOf)
    .join('\n');
}

/**
 * Posts `activity` to the bot at `botBaseUrl` and waits until its answers in the poster's conversation (or
 * `conversationId`) hold `expected`; resolves with everything it answered there since the post.
 */
export async function exchange(
  channel: LocalChannel,
  botBaseUrl: string,
  activity: Partial<Activity>,
  expected: string,
  conversationId = activity.conversation?.id ?? '',
): Promise<{ answered: string; replies: ReceivedActivity[] }> {
  const from = channel.received.length;
  const response = await channel.post(botBaseUrl, activity);
  if (response.status >= 300) throw new Error(`the bot answered HTTP ${response.status}`);
  try {
    await channel.waitFor(
      (candidate) =>
        channel.received.indexOf(candidate) >= from &&
        candidate.conversationId === conversationId &&
        answeredSince(channel, from, conversationId).includes(expected),
    );
  } catch (error) {
    throw new Error(
      `after ${JSON.stringify(activity.text ?? activity.value)} posted to ${botBaseUrl}, expected «${expected}», ` +
        `got:\n${answeredSince(channel, from, conversationId)}\n(${(error as Error).message.slice(0, 200)})`,
    );
  }
  return {
    answered: answeredSince(channel, from, conversationId),
    replies: channel.received.slice(from).filter((candidate) => candidate.conversationId === conversationId),
  };
}

/** A message typed by `user`. */
export function say(
  channel: LocalChannel,
  botBaseUrl: string,
  user: TeamsUser,
  text: string,
  expected: string,
) {
  return exchange(channel, botBaseUrl, channel.messageFrom(user, text), expected);
}

/** A card's Action.Submit, as Teams posts it: a message with no text and the form in `value`. */
export function submit(
  channel: LocalChannel,
  botBaseUrl: string,
  user: TeamsUser,
  value: Record<string, unknown>,
  expected: string,
) {
  const { text: _none, ...message } = channel.messageFrom(user, '');
  return exchange(channel, botBaseUrl, { ...message, value }, expected);
}

/** An Action.Execute click (Universal Actions) as Teams posts it; resolves with the HTTP response. */
export function execute(
  channel: LocalChannel,
  botBaseUrl: string,
  user: TeamsUser,
  verb: string,
  data: Record<string, unknown>,
): Promise<Response> {
  return channel.post(
    botBaseUrl,
    channel.invokeFrom(user, 'adaptiveCard/action', {
      action: { type: 'Action.Execute', verb, data },
      trigger: 'manual',
    }),
  );
}

/** The card an Action.Execute answered with (the card Teams shows in its place), and its texts. */
export async function executedCard(response: Response): Promise<{ card: unknown; text: string }> {
  const body = (await response.json()) as { statusCode: number; type: string; value: unknown };
  if (response.status !== 200 || body.statusCode !== 200)
    throw new Error(`the invoke failed: ${response.status}`);
  return { card: body.value, text: stringsOf(body.value).join('\n') };
}

/** The functions above bound to one channel and one bot (whose address is known once it has started). */
export function conversationWith(channel: () => LocalChannel, botBaseUrl: () => string) {
  return {
    exchange: (activity: Partial<Activity>, expected: string, conversationId?: string) =>
      exchange(channel(), botBaseUrl(), activity, expected, conversationId),
    say: (user: TeamsUser, text: string, expected: string) =>
      say(channel(), botBaseUrl(), user, text, expected),
    submit: (user: TeamsUser, value: Record<string, unknown>, expected: string) =>
      submit(channel(), botBaseUrl(), user, value, expected),
    execute: (user: TeamsUser, verb: string, data: Record<string, unknown>) =>
      execute(channel(), botBaseUrl(), user, verb, data),
  };
}
