// The HR tab's caller from their token: Teams SSO (Entra) or a local-mode development token.
import { isTenantAllowed } from '../../services/access';
import { jose, type JWTPayload } from './jose';

/** The person calling the tab's API, as their token says: nothing else identifies them. */
export interface TabUser {
  tenantId: string;
  aadObjectId: string;
  name?: string;
}

export class TabAuthError extends Error {}

/** A valid-looking token of a tenant that ALLOWED_TENANTS does not admit (answered 403, its keys never fetched). */
export class TabTenantError extends TabAuthError {}

export interface TabAuthOptions {
  /** The bot's Entra app id (MicrosoftAppId); absent: local mode, tokens signed by a key of this process. */
  appId?: string;
  /** A single-tenant app accepts tokens of this tenant only. */
  tenantId?: string;
  /**
   * PUBLIC_DOMAIN: the token's audience must be exactly the app id or `api://<publicDomain>/<appId>` (the
   * Application ID URI of the Teams manifest's webApplicationInfo). Without it, the app id only.
   */
  publicDomain?: string;
  /** ALLOWED_TENANTS: tokens of other tenants are refused before their keys are fetched. */
  allowedTenants?: ReadonlySet<string> | 'any';
  /** Where a tenant publishes its signing keys; tests point it at a local JWKS. */
  jwksUrl?: (tenantId: string) => URL;
}

type KeyPair = Awaited<ReturnType<typeof jose.generateKeyPair>>;

const LOCAL_ISSUER = 'urn:liaison:local-dev';
const LOCAL_AUDIENCE = 'urn:liaison:tab';
const LOCAL_TOKEN_LIFETIME = '8h';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Tenants whose key sets are kept; a bounded cache so that made-up tenant ids cannot grow memory. */
const MAX_CACHED_TENANTS = 100;

const entraJwksUrl = (tenantId: string) =>
  new URL(`https://login.microsoftonline.com/${tenantId}/discovery/v2.0/keys`);

/**
 * Validates the bearer tokens of the HR tab.
 * - Entra mode (MicrosoftAppId set): the Teams SSO token of `authentication.getAuthToken()`, checked with jose
 *   against the signing keys of the tenant it names (signature, RS256, expiry, issuer in its v1 or v2 form for that
 *   tenant, audience = exactly the app id or `api://{PUBLIC_DOMAIN}/{appId}`); a single-tenant app also requires
 *   its tenant, and a tenant outside ALLOWED_TENANTS is refused before its keys are fetched.
 * - Local mode: a development token issued by `issueDevToken`, signed by a key generated for this process.
 * Either way the tenant (`tid`) and the person (`oid`) come from the verified token only.
 */
export class TabAuthenticator {
  readonly mode: 'local' | 'entra';
  private readonly localKey?: Promise<KeyPair>;
  private readonly keySets = new Map<string, ReturnType<typeof jose.createRemoteJWKSet>>();

  constructor(private readonly options: TabAuthOptions) {
    this.mode = options.appId ? 'entra' : 'local';
    if (this.mode === 'local') this.localKey = jose.generateKeyPair('ES256');
  }

  /** A development token for `user` (local mode only; the route also requires a loopback caller). */
  async issueDevToken(user: TabUser): Promise<string> {
    if (!this.localKey) throw new TabAuthError('Development tokens exist in local mode only.');
    const { privateKey } = await this.localKey;
    return new jose.SignJWT({ tid: user.tenantId, oid: user.aadObjectId, name: user.name })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(LOCAL_TOKEN_LIFETIME)
      .sign(privateKey);
  }

  /** The caller of a valid token; throws TabAuthError for anything else. */
  async verify(token: string): Promise<TabUser> {
    try {
      const user = userOf(
        this.mode === 'local' ? await this.verifyLocal(token) : await this.verifyEntra(token),
      );
      if (!isTenantAllowed(this.options.allowedTenants, user.tenantId)) {
        throw new TabTenantError('The token belongs to a tenant this deployment does not serve.');
      }
      return user;
    } catch (error) {
      if (error instanceof TabAuthError) throw error;
      throw new TabAuthError(`Invalid token: ${(error as Error).message}`);
    }
  }

  private async verifyLocal(token: string): Promise<JWTPayload> {
    const { publicKey } = await (this.localKey as Promise<KeyPair>);
    const { payload } = await jose.jwtVerify(token, publicKey, {
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
      algorithms: ['ES256'],
    });
    return payload;
  }

  private async verifyEntra(token: string): Promise<JWTPayload> {
    const appId = this.options.appId as string;
    // The tenant is read before the signature is checked only to choose whose keys and issuer to check against.
    const claimed = jose.decodeJwt(token).tid;
    if (typeof claimed !== 'string' || !GUID.test(claimed))
      throw new TabAuthError('The token names no tenant.');
    if (this.options.tenantId && claimed.toLowerCase() !== this.options.tenantId.toLowerCase()) {
      throw new TabAuthError('The token belongs to another tenant than this single-tenant app.');
    }
    if (!isTenantAllowed(this.options.allowedTenants, claimed)) {
      throw new TabTenantError('The token belongs to a tenant this deployment does not serve.');
    }
    const { payload } = await jose.jwtVerify(token, this.keySetOf(claimed), {
      issuer: [`https://login.microsoftonline.com/${claimed}/v2.0`, `https://sts.windows.net/${claimed}/`],
      algorithms: ['RS256'],
      clockTolerance: 60,
    });
    const audiences = typeof payload.aud === 'string' ? [payload.aud] : (payload.aud ?? []);
    if (!audiences.some((aud) => isAppAudience(aud, appId, this.options.publicDomain))) {
      throw new TabAuthError('The token was issued for another application.');
    }
    return payload;
  }

  private keySetOf(tenantId: string) {
    const key = tenantId.toLowerCase();
    let keySet = this.keySets.get(key);
    if (!keySet) {
      if (this.keySets.size >= MAX_CACHED_TENANTS) {
        const oldest = this.keySets.keys().next().value;
        if (oldest !== undefined) this.keySets.delete(oldest);
      }
      keySet = jose.createRemoteJWKSet((this.options.jwksUrl ?? entraJwksUrl)(key));
      this.keySets.set(key, keySet);
    }
    return keySet;
  }
}

/**
 * Exactly the app id, or exactly the Application ID URI Teams SSO requires, `api://{PUBLIC_DOMAIN}/{appId}`:
 * `api://evil.example/{appId}` names another application's URI, not ours.
 */
export function isAppAudience(aud: string, appId: string, publicDomain?: string): boolean {
  const audience = aud.toLowerCase();
  if (audience === appId.toLowerCase()) return true;
  return !!publicDomain && audience === `api://${publicDomain}/${appId}`.toLowerCase();
}

function userOf(payload: JWTPayload): TabUser {
  const { tid, oid, name } = payload as JWTPayload & { tid?: unknown; oid?: unknown; name?: unknown };
  if (typeof tid !== 'string' || tid === '' || typeof oid !== 'string' || oid === '') {
    throw new TabAuthError('The token names no tenant or no user.');
  }
  return { tenantId: tid, aadObjectId: oid, name: typeof name === 'string' ? name : undefined };
}
