// The bench's floor: a bot that only echoes, built with the same adapter and server as Liaison.
/**
 * The floor of the benchmark: a bot that only echoes, built like Liaison — the same botbuilder CloudAdapter with
 * the same settings as Liaison's adapter in local mode (no app id), the same restify server and body parser as
 * Liaison's server — and nothing else: no storage, no state, no logging, no language. It imports nothing of the
 * bench (no autocannon), so that its start-up time and memory are those of botbuilder + restify alone. The bench
 * bundles it like Liaison (scripts/build-server.mjs) and runs both as built JavaScript.
 */
import restify from 'restify';
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';

/** What the echo bot answers to a message, so that the bench can check every reply. */
export const echoOf = (text: string): string => `echo: ${text}`;

export class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(echoOf(context.activity.text ?? ''));
      await next();
    });
  }
}

export function createEchoServer(): restify.Server {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
    MicrosoftAppType: 'MultiTenant',
    MicrosoftAppTenantId: '',
  };
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(options));
  const bot = new EchoBot();
  const server = restify.createServer({ name: 'echo', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 5 * 1024 * 1024, mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  // The same answer as Liaison's /healthz when its storage answers, so that start-up is timed alike.
  server.get('/healthz', async (_req, res) => {
    res.json(200, { status: 'ok' });
  });
  return server;
}

if (require.main === module) {
  const server = createEchoServer();
  server.listen(Number(process.env.PORT ?? 3979), process.env.HOST ?? '127.0.0.1', () => {
    console.log(`echo bot listening on port ${server.address().port}`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
