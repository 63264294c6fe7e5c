// Signed, expiring, single-use links, with a key shared by every instance through the database.
/**
 * Signed, expiring, single-use links (e.g. the download of an employee's data export). A token is
 * `<base64url payload>.<base64url HMAC-SHA256>`; the key is shared by every instance through the database
 * (AppSecrets, bot/platform/storage/secrets.ts: created by the first instance that needs it), so a link made by one instance opens on
 * another. Nothing in the token is secret (it names ids, not data), but it cannot be forged or extended.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Database } from './storage';
import { AppSecrets } from './storage/secrets';

export interface LinkClaims {
  /** What the link is for, e.g. 'privacy.export': a token made for one purpose never opens another. */
  purpose: string;
  tenantId: string;
  companyId: string;
  /** Anything else the purpose needs (ids only, no personal text where avoidable). */
  subject: Record<string, string>;
}

export interface SignedClaims extends LinkClaims {
  /** The link's id, recorded when it is used. */
  id: string;
  /** Expiry, milliseconds since the epoch. */
  exp: number;
}

export type VerifyResult =
  | { ok: true; claims: SignedClaims }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'wrong_purpose' | 'expired' | 'used' };

const SECRET_NAME = 'link-signing-key';
const encode = (value: Buffer | string) => Buffer.from(value).toString('base64url');

export class LinkSigner {
  private readonly secrets: AppSecrets;

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.secrets = new AppSecrets(db, now);
  }

  /** A token for `claims`, valid for `ttlMs`. */
  async sign(claims: LinkClaims, ttlMs: number): Promise<string> {
    const signed: SignedClaims = { ...claims, id: randomUUID(), exp: this.now().getTime() + ttlMs };
    const payload = encode(JSON.stringify(signed));
    return `${payload}.${encode(await this.mac(payload))}`;
  }

  /**
   * Checks the token's signature, purpose and expiry. With `consume`, the link is also marked used (atomically:
   * of two instances opening it at once, one succeeds), so that it opens once.
   */
  async verify(token: string, purpose: string, options: { consume?: boolean } = {}): Promise<VerifyResult> {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
    const expected = await this.mac(payload);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { ok: false, reason: 'bad_signature' };
    }
    let claims: SignedClaims;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as SignedClaims;
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (claims.purpose !== purpose) return { ok: false, reason: 'wrong_purpose' };
    if (typeof claims.exp !== 'number' || claims.exp <= this.now().getTime())
      return { ok: false, reason: 'expired' };
    if (options.consume) {
      const inserted = await this.db.execute(
        'INSERT INTO used_links (link_id, used_at) VALUES ($1, $2) ON CONFLICT (link_id) DO NOTHING',
        [claims.id, this.now().toISOString()],
      );
      if (inserted === 0) return { ok: false, reason: 'used' };
    }
    return { ok: true, claims };
  }

  private async mac(payload: string): Promise<Buffer> {
    return createHmac('sha256', await this.secrets.get(SECRET_NAME))
      .update(payload)
      .digest();
  }
}
