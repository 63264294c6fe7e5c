// The answer page's short signed codes, one per case and offer.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { parisToday } from '../../../domain';
import type { CompanySettings, CompanySettingsStore, InviteChannel } from '../settings/companySettingsStore';
import type { CaseStore, LiaisonCase } from '../cases';
import { languageOf, type Language } from '../../../language/i18n';
import { AppSecrets } from '../../platform/storage/secrets';
import { ANSWER_LINKS_TABLE } from '../../platform/storage/schema/answerLinks';
import type { Database } from '../../platform/storage';

/**
 * The answer links of bot/http/answerPage: one short code per case and offer, e.g. `/rdv/7KQ2-M9XD-4TPA-HW3C`.
 *
 * The code is the first 80 bits of HMAC-SHA256(key, tenant, case, offer) in Crockford base32 (16 characters,
 * typeable from a paper letter: case, hyphens and spaces do not matter, O reads 0 and I or L read 1). The key is
 * the letters' shared key store (AppSecrets, table app_secrets), so every instance makes and checks the same
 * codes across restarts. Nothing of the case is in the URL: the table answer_links maps the code back to the
 * case, and a code is accepted only when it is in the table AND its signature recomputes from the row.
 *
 * The link is good until the day of the case's CURRENT meeting (an old letter's code shows the current offer),
 * and only for that case's answers. The first opening of the page is recorded per offer, for the manager's
 * status card (`answerLinkStatus`).
 */

export const ANSWER_PATH = '/rdv';
const SECRET_NAME = 'answer-links';
// Bound into the signature: a MAC made for anything else with the same key never passes as a code.
const PURPOSE = 'liaison.answer.v1';
const CODE_BYTES = 10;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** What the manager's status card can say about the answer link of the current offer. */
export interface AnswerLinkStatus {
  /** The channel the invitation goes by: the company's setting, else what the employee can be reached on. */
  channel: InviteChannel;
  offer: number;
  /** A letter or an email carrying the link of the current offer was made. */
  linkIssued: boolean;
  /** The employee opened the answer page for the current offer (from any of their links). */
  opened: boolean;
  /** ISO instant of that first opening. */
  firstOpenedAt?: string;
}

interface AnswerLinkRow {
  code: string;
  tenant_id: string;
  case_id: string;
  offer: number;
  lang: string;
  created_at: string;
  first_opened_at: string | null;
}

export type AnswerLinkVerdict =
  | { status: 'valid'; code: string; case: LiaisonCase; lang: Language }
  /** Well formed and known, but the meeting day has passed (or the case is gone): the language is known. */
  | { status: 'expired'; lang: Language }
  /** Not a code Liaison made. */
  | { status: 'forged' };

/** The table, for bot/platform/storage/migrations.ts; also created on first use (IF NOT EXISTS) until it is listed there. */

export interface AnswerLinksOptions {
  /** Where people reach the bot, e.g. https://liaison.example.com (config.publicBaseUrl). */
  publicBaseUrl?: string;
  now?: () => Date;
}

/** Crockford base32 of `bytes`, 5 bits a character. */
function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += CROCKFORD[(value << (5 - bits)) & 31];
  return out;
}

/**
 * A code as typed or scanned, normalised: upper case, hyphens and spaces dropped, O→0, I/L→1. Null when it
 * cannot be a code (wrong length or characters): such a request never reaches the database.
 */
export function normaliseCode(raw: string): string | null {
  const code = raw.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const length = Math.ceil((CODE_BYTES * 8) / 5);
  if (code.length !== length) return null;
  return [...code].every((char) => CROCKFORD.includes(char)) ? code : null;
}

/** `7KQ2M9XD4TPAHW3C` → `7KQ2-M9XD-4TPA-HW3C`, as printed on the letter. */
export const groupedCode = (code: string): string => code.replace(/(.{4})(?=.)/g, '$1-');

export class AnswerLinks {
  private readonly secrets: AppSecrets;
  private readonly baseUrl: string;
  private readonly now: () => Date;
  private table: Promise<void> | undefined;

  constructor(
    private readonly deps: {
      db: Database;
      cases: Pick<CaseStore, 'get'>;
      companySettings: Pick<CompanySettingsStore, 'get'>;
    },
    options: AnswerLinksOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.secrets = new AppSecrets(deps.db, this.now);
    this.baseUrl = (options.publicBaseUrl ?? 'http://localhost:3978').replace(/\/+$/, '');
  }

  /** The code of the case's current offer, recorded so that it can be resolved (idempotent). */
  async codeFor(liaisonCase: LiaisonCase, lang: string): Promise<string> {
    // The row keeps the language of the latest letter or email made for this offer: the page opens in it.
    return this.ensureRow(liaisonCase, lang, 'DO UPDATE SET lang = excluded.lang');
  }

  private async ensureRow(liaisonCase: LiaisonCase, lang: string, onConflict: string): Promise<string> {
    await this.ensureTable();
    const code = await this.sign(liaisonCase.tenantId, liaisonCase.id, liaisonCase.offer);
    await this.deps.db.execute(
      `INSERT INTO answer_links (code, tenant_id, case_id, offer, lang, created_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (code) ${onConflict}`,
      [
        code,
        liaisonCase.tenantId,
        liaisonCase.id,
        liaisonCase.offer,
        languageOf(lang),
        this.now().toISOString(),
      ],
    );
    return code;
  }

  /** The page's full URL for the case's current offer, e.g. https://liaison.example.com/rdv/7KQ2M9XD4TPAHW3C. */
  answerUrl = async (liaisonCase: LiaisonCase, lang: string): Promise<string> =>
    `${this.baseUrl}${ANSWER_PATH}/${await this.codeFor(liaisonCase, lang)}`;

  /** The same, short and grouped for a paper letter: liaison.example.com/rdv/7KQ2-M9XD-4TPA-HW3C. */
  shortUrl = (url: string): string => {
    const [, hostAndPath = url] = /^https?:\/\/(.*)$/.exec(url) ?? [];
    return hostAndPath.replace(/([0-9A-Z]{16})$/, (code) => groupedCode(code));
  };

  /** What a code opens: the case it was made for, as it stands now (its current offer), or why not. */
  async resolve(raw: string): Promise<AnswerLinkVerdict> {
    const code = normaliseCode(raw);
    if (!code) return { status: 'forged' };
    await this.ensureTable();
    const [row] = await this.deps.db.query<AnswerLinkRow>('SELECT * FROM answer_links WHERE code = $1', [
      code,
    ]);
    if (!row) return { status: 'forged' };
    const expected = Buffer.from(await this.sign(row.tenant_id, row.case_id, Number(row.offer)));
    const given = Buffer.from(code);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { status: 'forged' };
    const lang = languageOf(row.lang);
    const liaisonCase = await this.deps.cases.get(row.tenant_id, row.case_id);
    // Good until the day of the current meeting: an old letter's code shows the new date until then.
    if (!liaisonCase || parisToday(this.now()) > liaisonCase.meeting.date) return { status: 'expired', lang };
    return { status: 'valid', code, case: liaisonCase, lang };
  }

  /** Records that the page was opened for the case's current offer (the first opening only). */
  async recordOpening(liaisonCase: LiaisonCase, lang: string): Promise<void> {
    const code = await this.ensureRow(liaisonCase, lang, 'DO NOTHING');
    await this.deps.db.execute(
      'UPDATE answer_links SET first_opened_at = $1 WHERE code = $2 AND first_opened_at IS NULL',
      [this.now().toISOString(), code],
    );
  }

  /**
   * For the manager's status card: which channel the invitation goes by and whether the employee opened the
   * answer page for the current offer.
   */
  answerLinkStatus = async (liaisonCase: LiaisonCase): Promise<AnswerLinkStatus> => {
    await this.ensureTable();
    const settings = await this.deps.companySettings.get(liaisonCase.tenantId, liaisonCase.companyId);
    const code = await this.sign(liaisonCase.tenantId, liaisonCase.id, liaisonCase.offer);
    const [row] = await this.deps.db.query<Pick<AnswerLinkRow, 'first_opened_at'>>(
      'SELECT first_opened_at FROM answer_links WHERE code = $1',
      [code],
    );
    return {
      channel: inviteChannelOf(liaisonCase, settings),
      offer: liaisonCase.offer,
      linkIssued: !!row,
      opened: !!row?.first_opened_at,
      ...(row?.first_opened_at ? { firstOpenedAt: row.first_opened_at } : {}),
    };
  };

  private async sign(tenantId: string, caseId: string, offer: number): Promise<string> {
    const key = await this.secrets.get(SECRET_NAME);
    const mac = createHmac('sha256', key).update(`${PURPOSE}\n${tenantId}\n${caseId}\n${offer}`).digest();
    return base32(mac.subarray(0, CODE_BYTES));
  }

  private ensureTable(): Promise<void> {
    this.table ??= this.deps.db
      .execute(ANSWER_LINKS_TABLE)
      .then(() => undefined)
      .catch((error: unknown) => {
        this.table = undefined; // two instances creating it at once: the next call finds it
        throw error;
      });
    return this.table;
  }
}

/**
 * The channel of the invitation: the company's choice, except Teams for an employee Liaison cannot reach there
 * (no Teams id) and email for one whose address is unknown: then email when it is known, else a letter.
 */
export function inviteChannelOf(liaisonCase: LiaisonCase, settings: CompanySettings): InviteChannel {
  const { aadObjectId, email } = liaisonCase.employee;
  const chosen = settings.inviteBy ?? 'teams';
  if (chosen === 'teams' && !aadObjectId) return email ? 'email' : 'letter';
  if (chosen === 'email' && !email) return 'letter';
  return chosen;
}
