import type { Database, Queryable } from '../storage';
import type { Policy } from '../../domain';

/** The company's occupational health service (SPST) contact, usually outside the tenant. */
export interface SpstContact {
  name: string;
  email?: string;
  phone?: string;
  address?: string;
  website?: string;
  /** Their Entra object id, when they can be reached in Teams (and may acknowledge the notice there). */
  aadObjectId?: string;
}

/** The company's HR contact for employees (a person or a team). */
export interface HrContact {
  name: string;
  email?: string;
  phone?: string;
}

/** How the employee receives the invitation: a Teams card, an email with the answer link, or a paper letter. */
export type InviteChannel = 'teams' | 'email' | 'letter';
export const INVITE_CHANNELS: readonly InviteChannel[] = ['teams', 'email', 'letter'];

/** What Liaison remembers of one company, per tenant: asked once, reused for every case. */
export interface CompanySettings {
  /** Shown to the SPST: the case only knows the company's id. */
  companyName?: string;
  /** The Teams channel id where HR receives the case updates (as ConversationReferenceStore keys channels). */
  hrChannelId?: string;
  spstContact?: SpstContact;
  /** Whom employees may ask about the meeting at the company: shown with the FAQ answers and in the letters. */
  hrContact?: HrContact;
  headcount?: number;
  referentDesignated?: boolean;
  /**
   * The company's choices where the law is silent or ambiguous (RULES.md ⚙): counting window, "15 jours"
   * reading, public holidays of Alsace-Moselle… Absent fields keep domain/DEFAULT_POLICY.
   */
  policy?: Partial<Policy>;
  /**
   * "Invite by Teams / by email / by letter" (default Teams): how employees are invited; the email and the letter
   * carry the answer page's link (bot/answerPage). An employee without a Teams id is never invited by Teams.
   */
  inviteBy?: InviteChannel;
}

/** Per-company settings, every read and write scoped by tenant id. */
export class CompanySettingsStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * The company's settings; empty when nothing was recorded yet (or the company belongs to another tenant).
   * `queryable`: the transaction to read them in, when the caller is inside one.
   */
  async get(tenantId: string, companyId: string, queryable: Queryable = this.db): Promise<CompanySettings> {
    const [row] = await queryable.query<{ document: string }>(
      'SELECT document FROM company_settings WHERE tenant_id = $1 AND company_id = $2',
      [tenantId, companyId],
    );
    return row ? (JSON.parse(row.document) as CompanySettings) : {};
  }

  /** Records `changes` over the current settings (absent fields are kept) and returns the result. */
  async upsert(tenantId: string, companyId: string, changes: CompanySettings): Promise<CompanySettings> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ document: string }>(
        'SELECT document FROM company_settings WHERE tenant_id = $1 AND company_id = $2',
        [tenantId, companyId],
      );
      const current = row ? (JSON.parse(row.document) as CompanySettings) : {};
      const updated: CompanySettings = { ...current, ...changes };
      await tx.execute(
        `INSERT INTO company_settings (tenant_id, company_id, document, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id, company_id)
         DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at`,
        [tenantId, companyId, JSON.stringify(updated), this.now().toISOString()],
      );
      return updated;
    });
  }
}
