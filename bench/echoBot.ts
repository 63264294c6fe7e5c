/**
 * The floor of the benchmark: a bot that only echoes, built like Liaison — the same botbuilder CloudAdapter with
 * the same settings as bot/adapter.ts in local mode (no app id), the same restify server and body parser as
 * bot/server.ts — and nothing else: no storage, no state, no logging, no language.
 */
import restify from 'restify';
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import { messageActivity } from './activities';
import { jsonText, type Scenario } from './harness';

/** What the echo bot answers to a message, so that the bench can check every reply. */
export const echoOf = (text: string): string => `echo: ${text}`;

/** (a) The floor: one message, echoed. */
export function echoScenario(): Scenario {
  return {
    name: 'echo',
    description: 'bare echo bot (botbuilder + restify, no state)',
    turns: [
      {
        activity: (c) =>
          messageActivity(
            c.id,
            { id: `user-${c.id}`, aadObjectId: `aad-user-${c.id}`, name: 'Alex' },
            `bonjour ${c.index}`,
          ),
        expect: (c) => [jsonText(echoOf(`bonjour ${c.index}`))],
      },
    ],
  };
}

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
