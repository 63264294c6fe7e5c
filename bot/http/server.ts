// The restify server: routes, body limits, authentication and the adapter's /api/messages endpoint.
import restify from 'restify';
import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import { isTenantAllowed, tenantOfActivity } from '../services/access';
import type { Config } from '../platform/config';
import type { Logger } from '../platform/logger';
import { parseActivity } from './security/activity';
import { authenticateBotHeader, botAuthenticationOf } from './security/botAuth';
import { BODY_LIMITS, BodyError, readJsonBody } from './security/body';
import { localModeRefusal } from './security/localMode';
import { sanitizeJson } from '../platform/sanitize';
import type { Database } from '../platform/storage';

export { isLoopback } from './security/localMode';

export interface ServerDeps {
  config: Config;
  adapter: CloudAdapter;
  bot: ActivityHandler;
  db: Database;
  logger: Logger;
  /** Further HTTP surfaces (the HR tab, the absences feed, letter downloads), each registering its own routes. */
  routes?: ReadonlyArray<(server: restify.Server) => void>;
}

const HEALTH_TIMEOUT_MS = 2000;

export interface LiaisonServer {
  server: restify.Server;
  /** Resolves once the server listens; the port is the one really bound (useful with PORT=0). */
  listen(): Promise<number>;
  /** Stops accepting requests, then waits (up to the grace period) for the turns under way to finish. */
  drain(): Promise<void>;
}

export function createServer({ config, adapter, bot, db, logger, routes = [] }: ServerDeps): LiaisonServer {
  const server = restify.createServer({ name: 'liaison', handleUncaughtExceptions: false });
  // No global body parser: each route reads its body itself, within its own limit, once its caller is
  // authenticated (bot/http/security/body.ts).

  // Local mode trusts loopback: every route refuses what a reverse proxy or a DNS-rebound page would send.
  if (!config.microsoftApp) {
    server.pre((req, res, next) => {
      const refusal = localModeRefusal(req);
      if (refusal === 'forwarded' || refusal === 'host') {
        logger.warn(
          { event: 'localMode.refused', reason: refusal, url: req.url },
          'local mode: request refused',
        );
        res.header('Connection', 'close');
        res.send(403, {
          error: 'forbidden',
          message:
            'Local mode (no MicrosoftAppId) serves this machine only: requests through a proxy are refused.',
        });
        return next(false);
      }
      return next();
    });
  }
  const botAuth = config.microsoftApp ? botAuthenticationOf(adapter) : undefined;

  let turnsInFlight = 0;
  let idle: (() => void) | undefined;

  server.post('/api/messages', async (req, res) => {
    if (!config.microsoftApp) {
      if (localModeRefusal(req)) {
        res.header('Connection', 'close');
        res.send(403, {
          error: 'forbidden',
          message: 'Local mode (no MicrosoftAppId): only loopback clients may post activities.',
        });
        return;
      }
    } else if (botAuth) {
      // Authenticate before reading anything (findings 4 and 6).
      const outcome = await authenticateBotHeader(botAuth, req.header('authorization'));
      if (!outcome.ok) {
        logger.info(
          { event: 'messages.unauthenticated', status: outcome.status, reason: outcome.reason },
          'activity refused',
        );
        res.header('Connection', 'close');
        if (outcome.status === 401) res.header('WWW-Authenticate', 'Bearer');
        res.send(outcome.status, {
          error: outcome.status === 401 ? 'unauthorized' : 'unavailable',
          message:
            outcome.status === 401
              ? 'A valid Bot Framework token is required.'
              : 'Authentication is unavailable for a moment; try again.',
        });
        return;
      }
    }
    let body: unknown;
    try {
      body = await readJsonBody(req, BODY_LIMITS.messages);
    } catch (error) {
      sendBodyError(res, error);
      return;
    }
    const parsed = parseActivity(body);
    if ('problems' in parsed) {
      res.send(400, { error: 'invalid_activity', fields: parsed.problems });
      return;
    }
    if (!isTenantAllowed(config.allowedTenants, tenantOfActivity(parsed.activity))) {
      logger.warn(
        { event: 'messages.tenantRefused', tenantId: tenantOfActivity(parsed.activity) },
        'tenant refused',
      );
      res.send(403, { error: 'tenant_not_allowed', message: 'This bot does not serve this tenant.' });
      return;
    }
    // Control characters out of every string of the activity (finding 9), before the bot or storage sees it.
    req.body = sanitizeJson(parsed.activity);
    turnsInFlight += 1;
    try {
      await adapter.process(req, guardedResponse(res, logger), (context) => bot.run(context));
    } finally {
      turnsInFlight -= 1;
      if (turnsInFlight === 0) idle?.();
    }
  });

  server.get('/healthz', async (_req, res) => {
    try {
      await withTimeout(db.ping(), HEALTH_TIMEOUT_MS);
      res.json(200, { status: 'ok' });
    } catch (error) {
      logger.warn({ err: { message: (error as Error).message } }, 'health check: storage does not answer');
      res.json(503, { status: 'unavailable' });
    }
  });

  for (const register of routes) register(server);

  return {
    server,
    listen: () =>
      new Promise((resolve) => {
        server.listen(config.port, config.host, () => resolve(server.address().port));
      }),
    drain: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if (turnsInFlight > 0) {
        logger.info({ turnsInFlight }, 'waiting for turns under way');
        await withTimeout(new Promise<void>((resolve) => (idle = resolve)), config.shutdownGraceMs).catch(
          () => logger.warn({ turnsInFlight }, 'grace period over: stopping with turns under way'),
        );
      }
      await withTimeout(closed, 1000).catch(() => undefined);
    },
  };
}

/** A body that could not be read: its status and a short message, never more. */
export function sendBodyError(res: restify.Response, error: unknown): void {
  if (error instanceof BodyError) {
    if (error.status === 413) res.header('Connection', 'close');
    res.send(error.status, { error: error.code, message: error.message });
    return;
  }
  throw error;
}

/**
 * The response given to CloudAdapter.process: what the adapter answers goes through, except its error bodies —
 * the SDK writes an exception's message into a 401 or 500 — which become a short code (finding 4).
 */
function guardedResponse(res: restify.Response, logger: Logger) {
  let status = 200;
  let body: unknown;
  const guarded = {
    socket: res.socket as unknown,
    status(code: number) {
      status = code;
      return guarded;
    },
    header(name: string, value: unknown) {
      res.header(name, value);
      return guarded;
    },
    send(value: unknown) {
      body = value;
      return guarded;
    },
    end() {
      if (res.headersSent) return;
      if (status === 401) {
        res.send(401, { error: 'unauthorized', message: 'A valid Bot Framework token is required.' });
      } else if (status >= 500 && status !== 501 && status !== 503) {
        logger.error({ event: 'messages.failed', status }, 'the adapter could not process an activity');
        res.send(500, { error: 'internal_error' });
      } else if (status === 400 && typeof body === 'string') {
        res.send(400, { error: 'invalid_activity' });
      } else if (body === undefined) {
        res.send(status);
      } else {
        res.send(status, body);
      }
    },
  };
  return guarded;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    );
  });
}
