// The shape of an incoming Bot Framework activity, checked before the adapter sees it.
import { z } from 'zod';

/**
 * The shape of an incoming Bot Framework activity, checked BEFORE the adapter sees it (finding 4): the SDK throws
 * on a missing or odd `type` (validateAndFixActivity) and on a non-string `serviceUrl` (`toLowerCase is not a
 * function`), and answers those with a 500 carrying the error's message. Every field the SDK or the bot reads as
 * a string or an object is typed here; other fields pass through untouched.
 */
const text = (max: number) => z.string().max(max);
const account = z
  .object({
    id: text(1000).optional(),
    name: text(1000).optional(),
    aadObjectId: text(200).optional(),
    role: text(50).optional(),
  })
  .passthrough();

const httpUrl = text(2048).refine((value) => {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}, 'expected an http(s) URL');

const isoTime = text(64).refine((value) => !Number.isNaN(Date.parse(value)), 'expected a date-time');

export const activityShape = z
  .object({
    type: z.string().min(1).max(64),
    id: text(1000).optional(),
    serviceUrl: httpUrl.optional(),
    channelId: text(100).optional(),
    timestamp: isoTime.optional(),
    localTimestamp: isoTime.optional(),
    expiration: isoTime.optional(),
    locale: text(100).optional(),
    localTimezone: text(100).optional(),
    text: z.string().optional(),
    textFormat: text(50).optional(),
    inputHint: text(50).optional(),
    deliveryMode: text(50).optional(),
    name: text(200).optional(),
    valueType: text(200).optional(),
    replyToId: text(1000).optional(),
    action: text(100).optional(),
    from: account.optional(),
    recipient: account.optional(),
    conversation: z
      .object({
        id: text(1000),
        tenantId: text(200).optional(),
        conversationType: text(50).optional(),
        name: text(1000).optional(),
        isGroup: z.boolean().optional(),
      })
      .passthrough()
      .optional(),
    channelData: z
      .object({
        tenant: z
          .object({ id: text(200).optional() })
          .passthrough()
          .optional(),
      })
      .passthrough()
      .optional(),
    attachments: z
      .array(z.object({ contentType: text(200), name: text(1000).optional() }).passthrough())
      .max(50)
      .optional(),
    entities: z
      .array(z.object({ type: text(200).optional() }).passthrough())
      .max(50)
      .optional(),
    membersAdded: z.array(account).max(500).optional(),
    membersRemoved: z.array(account).max(500).optional(),
    relatesTo: z.object({}).passthrough().optional(),
    value: z.unknown().optional(),
  })
  .passthrough();

export type ActivityBody = z.infer<typeof activityShape>;

/** The activity, or the names of the fields that are wrong (no value echoed). */
export function parseActivity(body: unknown): { activity: ActivityBody } | { problems: string[] } {
  const parsed = activityShape.safeParse(body);
  if (parsed.success) return { activity: parsed.data };
  const fields = parsed.error.issues.map((issue) => issue.path.map(String).join('.') || '(body)');
  return { problems: [...new Set(fields)].slice(0, 10) };
}
