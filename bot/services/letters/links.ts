// The signed, expiring download links of letters and proof files (GET /letters/<token>).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { LANGUAGES, type Language } from '../../../language/i18n';
import type { Database } from '../../platform/storage';
import { LETTER_KINDS, type LetterKind } from './input';

/** What a link may point at: a letter, or the case's proof file as a PDF or as JSON (for HR and the manager). */
export type LinkKind = LetterKind | 'proof_pdf' | 'proof_json';
export const LINK_KINDS: readonly LinkKind[] = [...LETTER_KINDS, 'proof_pdf', 'proof_json'];
import { AppSecrets } from '../../platform/storage/secrets';

/** What a download link points at: one letter (or the proof file) of one case, in one language. Ids only. */
export interface LetterRef {
  tenantId: string;
  caseId: string;
  kind: LinkKind;
  lang: Language;
}

export type LinkVerdict =
  | { status: 'valid'; ref: LetterRef }
  /** Well signed but too old: the language is known, so the refusal can be in it. */
  | { status: 'expired'; lang: Language }
  /** Not made by Liaison (altered, truncated, another secret). */
  | { status: 'forged' };

export const LETTERS_PATH = '/letters';
export const DEFAULT_LINK_TTL_SECONDS = 7 * 24 * 3600;
const SECRET_NAME = 'letter-links';
// Bound into the signature, so that a signature made for another purpose with the same secret never passes here.
const PURPOSE = 'liaison.letter.v1';

interface TokenPayload {
  t: string;
  c: string;
  k: LinkKind;
  l: Language;
  /** Expiry, in seconds since 1970. */
  exp: number;
}

export interface LetterLinksOptions {
  /** Where people reach the bot, e.g. https://liaison.example.com; default http://localhost:<port>. */
  publicBaseUrl?: string;
  port?: number;
  ttlSeconds?: number;
  now?: () => Date;
}

/**
 * Signed, expiring download links for the letters: `<base>/letters/<token>`, where the token is
 * base64url(JSON {tenant, case, kind, lang, exp}) "." base64url(HMAC-SHA256). The key lives in the database (see
 * AppSecrets), so every instance verifies what any other signed, across restarts.
 */
export class LetterLinks {
  private readonly secrets: AppSecrets;
  private readonly baseUrl: string;
  private readonly ttlSeconds: number;
  private readonly now: () => Date;

  constructor(db: Database, options: LetterLinksOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.secrets = new AppSecrets(db, this.now);
    this.baseUrl = (options.publicBaseUrl ?? `http://localhost:${options.port ?? 3978}`).replace(/\/+$/, '');
    this.ttlSeconds = options.ttlSeconds ?? DEFAULT_LINK_TTL_SECONDS;
  }

  /** The full download URL of a letter, valid for the link lifetime (7 days by default). */
  letterLink = async (tenantId: string, caseId: string, kind: LinkKind, lang: Language): Promise<string> =>
    `${this.baseUrl}${LETTERS_PATH}/${await this.sign({ tenantId, caseId, kind, lang })}`;

  async sign(ref: LetterRef): Promise<string> {
    const payload: TokenPayload = {
      t: ref.tenantId,
      c: ref.caseId,
      k: ref.kind,
      l: ref.lang,
      exp: Math.floor(this.now().getTime() / 1000) + this.ttlSeconds,
    };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${(await this.mac(body)).toString('base64url')}`;
  }

  async verify(token: string): Promise<LinkVerdict> {
    const [body, signature, ...rest] = token.split('.');
    if (!body || !signature || rest.length > 0) return { status: 'forged' };
    const expected = await this.mac(body);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: 'forged' };
    const payload = parsePayload(body);
    if (!payload) return { status: 'forged' };
    if (payload.exp * 1000 <= this.now().getTime()) return { status: 'expired', lang: payload.l };
    return {
      status: 'valid',
      ref: { tenantId: payload.t, caseId: payload.c, kind: payload.k, lang: payload.l },
    };
  }

  private async mac(body: string): Promise<Buffer> {
    const key = await this.secrets.get(SECRET_NAME);
    return createHmac('sha256', key).update(`${PURPOSE}.${body}`).digest();
  }
}

function parsePayload(body: string): TokenPayload | null {
  try {
    const value = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<TokenPayload>;
    const ok =
      typeof value.t === 'string' &&
      typeof value.c === 'string' &&
      (LINK_KINDS as readonly unknown[]).includes(value.k) &&
      (LANGUAGES as readonly unknown[]).includes(value.l) &&
      typeof value.exp === 'number';
    return ok ? (value as TokenPayload) : null;
  } catch {
    return null;
  }
}
