// The Bot Framework CloudAdapter (local mode without an app id) and its turn-error handler.
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type ConversationState,
} from 'botbuilder';
import type { Config } from '../platform/config';
import { translatorFor } from '../../language/i18n';
import type { Logger } from '../platform/logger';

/**
 * The CloudAdapter. Without an app id the framework's authentication is off (local mode); the HTTP layer
 * then admits activities from loopback only. With an app id, bot/http/server.ts authenticates the request with this
 * adapter's BotFrameworkAuthentication before reading its body (bot/http/security/botAuth.ts).
 */
export function createAdapter(
  config: Config,
  conversationState: ConversationState,
  logger: Logger,
  /** Tests only: e.g. ToBotFromChannelOpenIdMetadataUrl pointing at a local key set. */
  authOverrides: Partial<ConfigurationBotFrameworkAuthenticationOptions> = {},
): CloudAdapter {
  const app = config.microsoftApp;
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: app?.id ?? '',
    MicrosoftAppPassword: app?.password ?? '',
    MicrosoftAppType: app?.type ?? 'MultiTenant',
    MicrosoftAppTenantId: app?.tenantId ?? '',
    ...authOverrides,
  };
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(options));

  adapter.onTurnError = async (context, error) => {
    logger.error(
      {
        err: { name: error.name, message: error.message, stack: error.stack },
        activityType: context.activity.type,
      },
      'turn failed',
    );
    try {
      await context.sendActivity(translatorFor(context.activity.locale)('error'));
      // A state that made the turn fail would make the next one fail too.
      await conversationState.delete(context);
    } catch (sendError) {
      logger.error(
        { err: { message: (sendError as Error).message } },
        'could not tell the user about a failed turn',
      );
    }
  };
  return adapter;
}
