// What Liaison remembers of one company (its SPST and HR contacts, its choices where the law is silent): types only.
import type { Policy } from './policy';

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
   * The company's choices where the law is silent or ambiguous (docs/rules.md#a-companys-policy): counting window, "15 jours"
   * reading, public holidays of Alsace-Moselle… Absent fields keep domain/DEFAULT_POLICY.
   */
  policy?: Partial<Policy>;
  /**
   * "Invite by Teams / by email / by letter" (default Teams): how employees are invited; the email and the letter
   * carry the answer page's link (bot/http/answerPage). An employee without a Teams id is never invited by Teams.
   */
  inviteBy?: InviteChannel;
}

/**
 * The settings as the HR tab's form shows and sends them (bot/http/tab/settings.ts writes them, tab/src reads them):
 * flat, text fields empty when unset.
 */
export interface SettingsView {
  companyName: string;
  spstName: string;
  spstEmail: string;
  spstPhone: string;
  spstAddress: string;
  spstWebsite: string;
  hrName: string;
  hrEmail: string;
  hrPhone: string;
  hrChannelId: string;
  headcount: number | null;
  referentDesignated: boolean;
  /** From the domain: a référent handicap is mandatory from 250 employees (docs/rules.md#r-part-03). */
  referentMandatory: boolean;
  /** The company's choices where the law leaves one (docs/rules.md#a-companys-policy), as the settings card writes them. */
  lookbackDays: string;
  proposalRule: string;
  eligibilityMode: string;
  holidaysRegion: string;
}
