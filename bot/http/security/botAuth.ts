// Bot Framework authentication of a request from its Authorization header, before its body is read.
import type { Activity, CloudAdapter } from 'botbuilder';

/** What this needs of botframework-connector's BotFrameworkAuthentication (a dependency of botbuilder). */
export interface RequestAuthenticator {
  authenticateRequest(activity: Activity, authHeader: string): Promise<unknown>;
}

/**
 * Authenticating a Bot Framework request from its Authorization header alone, before its body is read (findings
 * 4 and 6). It uses the adapter's own BotFrameworkAuthentication (the same settings, metadata URLs and key cache),
 * without the activity's channel and service URL: the signature, issuer, audience (the app id) and expiry are
 * checked here; the adapter checks the token again against the activity's serviceUrl and channel.
 */
export type BotAuthOutcome = { ok: true } | { ok: false; status: 401 | 503; reason: string };

export function botAuthenticationOf(adapter: CloudAdapter): RequestAuthenticator | undefined {
  const auth = (adapter as unknown as { botFrameworkAuthentication?: RequestAuthenticator })
    .botFrameworkAuthentication;
  return auth && typeof auth.authenticateRequest === 'function' ? auth : undefined;
}

const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

export async function authenticateBotHeader(
  auth: RequestAuthenticator,
  authorization: string | undefined,
): Promise<BotAuthOutcome> {
  if (!authorization || !/^Bearer\s+\S+$/i.test(authorization.trim())) {
    return { ok: false, status: 401, reason: 'no bearer token' };
  }
  try {
    await auth.authenticateRequest(
      { channelId: '', serviceUrl: '' } as unknown as Activity,
      authorization.trim(),
    );
    return { ok: true };
  } catch (error) {
    const { name, message, statusCode } = error as Error & { statusCode?: number };
    // botframework-connector: AuthenticationError(401) for a bad token, AuthenticationError(500) when the OpenID
    // metadata or the keys could not be fetched; a network failure is a plain Error.
    if (statusCode === 401 || TOKEN_ERRORS.has(name)) return { ok: false, status: 401, reason: message };
    return { ok: false, status: 503, reason: message };
  }
}
