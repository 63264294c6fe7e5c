// Starts the bot: loads the configuration, starts the app, stops it cleanly on SIGTERM/SIGINT.
/**
 * bot/ — the running service: configuration, storage, the Bot Framework adapter, the Teams activity handler
 * and the restify HTTP server. bot/index.ts, the entry point of `npm start`, requires this file once Node's
 * compile cache is on; `npm run build` bundles it with everything it imports into dist/liaison.js.
 */
import { ConfigError, loadConfig } from './platform/config';
import { createApp } from './app';
import { createLogger } from './platform/logger';
import { startupWarnings } from './http/security/startup';
import { flushCompileCache } from './platform/compileCache';
import { warmUpFaqMatcher } from '../language';

/** How long after listening the FAQ's models start being built (see the end of main). */
const WARM_UP_DELAY_MS = 200;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const app = await createApp(config, logger);
  // Handlers first: a signal that arrives as soon as the bot says it listens must already stop it cleanly.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await app.stop();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  for (const warning of startupWarnings(config)) logger.warn(warning);
  const port = await app.http.listen();
  const storage = config.storage.kind === 'sqlite' ? `SQLite ${config.storage.path}` : 'PostgreSQL';
  logger.info({ port, storage }, `Liaison listening on port ${port}`);
  // The FAQ's models are built once the bot is reachable, so that /healthz does not wait for them: a moment
  // later, not at once, for their half-second of synchronous work would hold the requests that were waiting for
  // the server to listen (health probes). What was compiled to start goes to the compile cache first, so that the
  // next start reads it back.
  setTimeout(() => {
    flushCompileCache();
    warmUpFaqMatcher();
  }, WARM_UP_DELAY_MS);
}

main().catch((error: Error) => {
  process.stderr.write(`Liaison could not start: ${error.message}\n`);
  process.exit(1);
});
