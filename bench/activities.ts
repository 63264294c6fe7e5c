// The activities the bench posts, shaped as Teams sends them, with expectReplies.
/**
 * The activities the bench posts, shaped as Teams sends them to a bot in a 1:1 chat, with
 * `deliveryMode: "expectReplies"` so that the replies come back in the HTTP response and no channel is needed.
 */
export const BENCH_TENANT = 'bench-tenant';

export interface Person {
  id: string;
  aadObjectId: string;
  name: string;
}

let activityCounter = 0;

function base(conversationId: string, from: Person, locale: string) {
  activityCounter += 1;
  return {
    id: `bench-${activityCounter}`,
    channelId: 'msteams',
    // Never called back: expectReplies keeps the replies in the HTTP response.
    serviceUrl: 'http://127.0.0.1:9/',
    deliveryMode: 'expectReplies',
    timestamp: new Date().toISOString(),
    locale,
    from,
    recipient: { id: 'bench-bot', name: 'Liaison' },
    conversation: { id: conversationId, conversationType: 'personal', tenantId: BENCH_TENANT },
    channelData: { tenant: { id: BENCH_TENANT } },
  };
}

export function messageActivity(conversationId: string, from: Person, text: string, locale = 'fr-FR') {
  return { ...base(conversationId, from, locale), type: 'message', text };
}

/** A click on an `Action.Execute` button of an Adaptive Card (Universal Actions). */
export function cardActionActivity(
  conversationId: string,
  from: Person,
  verb: string,
  data: Record<string, unknown>,
  locale = 'fr-FR',
) {
  return {
    ...base(conversationId, from, locale),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data } },
  };
}

/** The texts of the replies of an expectReplies response body (message texts and card JSON alike). */
export function repliesOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { activities?: unknown[] };
    return JSON.stringify(parsed.activities ?? parsed);
  } catch {
    return '';
  }
}
