import type restify from 'restify';
import { parisToday } from '../../domain';
import type { LinkSigner } from '../access/links';
import { translatorFor } from '../i18n';
import type { Logger } from '../logger';
import { EXPORT_PATH, EXPORT_PURPOSE } from './commands';
import type { EmployeeData } from './employeeData';
import type { PrivacyRequests } from './requests';

export interface ExportRouteDeps {
  employeeData: Pick<EmployeeData, 'exportEmployee'>;
  requests: PrivacyRequests;
  links: LinkSigner;
  logger: Logger;
  now?: () => Date;
}

/**
 * `GET /api/privacy/export/<token>`: the JSON export an HR person asked for in Teams (bot/retention/commands.ts).
 * The signed token is the only credential: it names the tenant and a pending request (no email), expires, and
 * opens once (the request is taken). 403 for an altered token, 410 for an expired or used one. The export is
 * produced at download time and written to retention_log as the requester's.
 */
export function privacyExportRoutes(deps: ExportRouteDeps): (server: restify.Server) => void {
  const now = deps.now ?? (() => new Date());
  return (server) => {
    // A wildcard: the router refuses parameters longer than 100 characters, and a token is longer.
    server.get(`${EXPORT_PATH}/*`, async (req, res) => {
      const refuse = (status: number, key: 'invalid' | 'expired') => {
        const fr = translatorFor('fr', 'privacy');
        const en = translatorFor('en', 'privacy');
        const body = Buffer.from(`${fr(`download.${key}`)}\n${en(`download.${key}`)}\n`, 'utf8');
        res.writeHead(status, {
          'content-type': 'text/plain; charset=utf-8',
          'content-length': body.length,
          'cache-control': 'no-store',
        });
        res.end(body);
      };
      const token = String((req.params as Record<string, unknown>)['*'] ?? '');
      const verified = await deps.links.verify(token, EXPORT_PURPOSE);
      if (!verified.ok) {
        deps.logger.info({ event: 'privacy.exportRefused', reason: verified.reason }, 'export link refused');
        return refuse(
          verified.reason === 'expired' ? 410 : 403,
          verified.reason === 'expired' ? 'expired' : 'invalid',
        );
      }
      const { tenantId, subject } = verified.claims;
      const request = subject.id ? await deps.requests.take(subject.id, tenantId, 'export') : null;
      if (!request) return refuse(410, 'expired');
      const data = await deps.employeeData.exportEmployee(
        request.tenantId,
        request.companyId,
        request.key,
        request.requestedBy ?? undefined,
      );
      deps.logger.info(
        { event: 'privacy.exported', tenantId, cases: data.cases.length },
        'employee data exported',
      );
      const body = Buffer.from(JSON.stringify(data, null, 2), 'utf8');
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': body.length,
        'content-disposition': `attachment; filename="liaison-export-${parisToday(now())}.json"`,
        // Personal data: never kept by a shared cache.
        'cache-control': 'private, no-store',
      });
      res.end(body);
    });
  };
}
