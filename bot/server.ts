import restify from 'restify';
import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import type { Config } from './config';
import type { Logger } from './logger';
import type { Database } from './storage';

export interface ServerDeps {
  config: Config;
  adapter: CloudAdapter;
  bot: ActivityHandler;
  db: Database;
  logger: Logger;
  /** Further HTTP surfaces (the HR tab, the absences feed, letter downloads), each registering its own routes. */
  routes?: ReadonlyArray<(server: restify.Server) => void>;
}

/** A 2 MB message must still reach the bot so that it can say, in the user's language, that it is too long. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;
const HEALTH_TIMEOUT_MS = 2000;

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

export interface LiaisonServer {
  server: restify.Server;
  /** Resolves once the server listens; the port is the one really bound (useful with PORT=0). */
  listen(): Promise<number>;
  /** Stops accepting requests, then waits (up to the grace period) for the turns under way to finish. */
  drain(): Promise<void>;
}

export function createServer({ config, adapter, bot, db, logger, routes = [] }: ServerDeps): LiaisonServer {
  const server = restify.createServer({ name: 'liaison', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));

  let turnsInFlight = 0;
  let idle: (() => void) | undefined;

  server.post('/api/messages', async (req, res) => {
    if (!config.microsoftApp && !isLoopback(req.socket.remoteAddress)) {
      res.status(403);
      res.json({ error: 'Local mode (no MicrosoftAppId): only loopback clients may post activities.' });
      return;
    }
    turnsInFlight += 1;
    try {
      await adapter.process(req, res, (context) => bot.run(context));
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

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    );
  });
}
