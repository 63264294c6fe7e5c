/**
 * Helpers to read what the bot sent to the local channel (test/support/localChannel.ts) and to answer its cards
 * the way Teams does — for the suites that drive the real bot over HTTP (test/e2e).
 */
import type { ReceivedActivity } from './localChannel';

/** Every string an activity carries — its text and every string inside its cards — to look for a sentence in. */
export function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(stringsOf);
  return [];
}

/** The text of an activity and of its cards, one string per line. */
export const textOf = (activity: { text?: string; attachments?: unknown }) =>
  [activity.text ?? '', ...stringsOf(activity.attachments ?? [])].join('\n');

/** The first Adaptive Card of an activity. */
export function cardOf(activity: ReceivedActivity): Record<string, unknown> {
  const attachment = activity.attachments?.find(
    (candidate) => candidate.contentType === 'application/vnd.microsoft.card.adaptive',
  );
  if (!attachment) throw new Error(`no Adaptive Card in ${JSON.stringify(activity.activity)}`);
  return attachment.content as Record<string, unknown>;
}

/** Every object of a card (depth first), to find its inputs and actions. */
export function objectsOf(value: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(value)) return value.flatMap(objectsOf);
  if (typeof value !== 'object' || value === null) return [];
  const object = value as Record<string, unknown>;
  return [object, ...Object.values(object).flatMap(objectsOf)];
}

/**
 * What Teams posts when the card's Action.Submit is clicked: the action's data merged with every input's value
 * (as the card prefilled it, unless `typed` says what the person changed). Teams sends input values as strings.
 */
export function submission(
  card: Record<string, unknown>,
  typed: Record<string, string>,
): Record<string, unknown> {
  const inputs = objectsOf(card.body).filter(
    (object) =>
      typeof object.type === 'string' && object.type.startsWith('Input.') && typeof object.id === 'string',
  );
  const values = Object.fromEntries(
    inputs.map((input) => [input.id as string, input.value === undefined ? '' : String(input.value)]),
  );
  const submit = objectsOf(card.actions).find((object) => object.type === 'Action.Submit');
  if (!submit) throw new Error('the card has no Action.Submit');
  for (const key of Object.keys(typed)) {
    if (!(key in values))
      throw new Error(`the card has no input "${key}": ${Object.keys(values).join(', ')}`);
  }
  return { ...values, ...typed, ...(submit.data as Record<string, unknown>) };
}

/** Resolves once `done(await read())` holds, polling every 100 ms; fails with what it last saw. */
export async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`not reached within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
