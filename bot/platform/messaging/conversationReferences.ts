// Conversation references saved from every turn, so the bot can write to a person or channel later.
import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { Database } from '../storage';

/** Whom a proactive message goes to: a person's 1:1 chat with the bot, or a Teams channel. */
export type ProactiveTarget = { aadObjectId: string } | { channelId: string };

interface TeamsChannelData {
  tenant?: { id?: string };
  channel?: { id?: string };
}

/** An unchanged reference is written again after this long, so that its age says when it was last in use. */
const REFRESH_UNCHANGED_MS = 6 * 60 * 60 * 1000;
/** How many recently written references this instance remembers (then it forgets them all and starts again). */
const MAX_REMEMBERED = 10_000;

/**
 * The conversation references the bot needs to write first: one per person (their 1:1 chat) and one per
 * channel, per tenant, refreshed from incoming turns so that a changed serviceUrl or locale is picked up. An
 * unchanged reference is not rewritten on every turn (it was the only write of a question's turn): only when it
 * changes, or every few hours.
 */
export class ConversationReferenceStore {
  private readonly lastWritten = new Map<string, { json: string; at: number }>();

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Remembers where to reach the sender (personal chat) or the channel (channel post); ignores the rest. */
  async saveFromActivity(activity: Activity): Promise<void> {
    const channelData = activity.channelData as TeamsChannelData | undefined;
    const tenantId = channelData?.tenant?.id;
    // Proactive continuations carry no channel data, so they never overwrite a reference.
    if (!tenantId || !activity.conversation) return;
    const reference = TurnContext.getConversationReference(activity);
    const conversationType = activity.conversation.conversationType;
    if (conversationType === 'personal' && activity.from?.aadObjectId) {
      // The incoming message's id is of no use to a later message, and would make every turn's reference new.
      await this.save(tenantId, 'user', activity.from.aadObjectId, { ...reference, activityId: undefined });
    } else if (conversationType === 'channel' && channelData.channel?.id) {
      // A reply thread's conversation id names the thread; a new post goes to the channel itself.
      const channelId = channelData.channel.id;
      await this.save(tenantId, 'channel', channelId, {
        ...reference,
        conversation: { ...activity.conversation, id: channelId },
        activityId: undefined,
      });
    }
  }

  find(tenantId: string, target: ProactiveTarget): Promise<Partial<ConversationReference> | undefined> {
    return 'aadObjectId' in target
      ? this.findUser(tenantId, target.aadObjectId)
      : this.findChannel(tenantId, target.channelId);
  }

  findUser(tenantId: string, aadObjectId: string): Promise<Partial<ConversationReference> | undefined> {
    return this.load(tenantId, 'user', aadObjectId);
  }

  findChannel(tenantId: string, channelId: string): Promise<Partial<ConversationReference> | undefined> {
    return this.load(tenantId, 'channel', channelId);
  }

  private async save(
    tenantId: string,
    kind: 'user' | 'channel',
    id: string,
    reference: Partial<ConversationReference>,
  ): Promise<void> {
    // Some activities (a conversationUpdate, say) carry no locale: the person's language is still the one known.
    if (!reference.locale) {
      const previous = await this.load(tenantId, kind, id);
      if (previous?.locale) reference = { ...reference, locale: previous.locale };
    }
    const key = `${tenantId}\u0000${kind}\u0000${id}`;
    const json = JSON.stringify(reference);
    const now = this.now();
    const last = this.lastWritten.get(key);
    if (last && last.json === json && now.getTime() - last.at < REFRESH_UNCHANGED_MS) return;
    await this.db.execute(
      `INSERT INTO conversation_references (tenant_id, target_kind, target_id, reference, updated_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id, target_kind, target_id)
       DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at`,
      [tenantId, kind, id, json, now.toISOString()],
    );
    if (this.lastWritten.size >= MAX_REMEMBERED) this.lastWritten.clear();
    this.lastWritten.set(key, { json, at: now.getTime() });
  }

  private async load(
    tenantId: string,
    kind: 'user' | 'channel',
    id: string,
  ): Promise<Partial<ConversationReference> | undefined> {
    const [row] = await this.db.query<{ reference: string }>(
      `SELECT reference FROM conversation_references
       WHERE tenant_id = $1 AND target_kind = $2 AND target_id = $3`,
      [tenantId, kind, id],
    );
    return row ? (JSON.parse(row.reference) as Partial<ConversationReference>) : undefined;
  }
}
