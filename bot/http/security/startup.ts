// The warnings logged at start-up for a configuration open wider than it may look.
import type { Config } from '../../platform/config';
import { isLoopback } from './localMode';

/** The warnings `npm start` logs for a configuration that is open wider than it may look (findings 1 and 2). */
export function startupWarnings(config: Config): string[] {
  const warnings: string[] = [];
  if (!config.microsoftApp) {
    warnings.push(
      `LOCAL MODE (no MicrosoftAppId): activities and HR tab development tokens are accepted WITHOUT ` +
        `authentication from this machine only (listening on ${config.host}); requests carrying Forwarded, ` +
        'X-Forwarded-For or X-Real-IP, or a Host other than localhost, are refused. Never put local mode behind a ' +
        'reverse proxy or on a shared host: set MicrosoftAppId to leave local mode in any real deployment.',
    );
    if (!isLoopback(config.host) && config.host !== 'localhost') {
      warnings.push(
        `local mode listens on ${config.host} (HOST): other machines can reach the port, although only loopback ` +
          'clients are served.',
      );
    }
  } else if (config.allowedTenants === 'any') {
    warnings.push(
      'ALLOWED_TENANTS is * or unset with no MicrosoftAppTenantId: ANY Microsoft 365 tenant may use this bot. ' +
        'Set ALLOWED_TENANTS (or MicrosoftAppTenantId) for a single-company deployment.',
    );
  }
  return warnings;
}
