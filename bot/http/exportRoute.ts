// `GET /api/privacy/export/<token>`: the one-time download of an employee's data for the HR person who asked.
import type restify from 'restify';
import { parisToday } from '../../domain';
import type { LinkSigner } from '../platform/signedLinks';
import { translatorFor } from '../../language/i18n';
import type { Logger } from '../platform/logger';
import { EXPORT_PATH, EXPORT_PURPOSE } from '../teams/privacyCommands';
import type { EmployeeData } from '../services/privacy/employeeData';
import type { PrivacyRequests } from '../services/privacy/privacyRequests';

/** Who opens the link: the HR tab's authenticator (bot/http/tab/auth.ts), which reads a bearer token. */
export interface ExportIdentity {
  verify(token: string): Promise<{ tenantId: string; aadObjectId: string }>;
}

export interface ExportRouteDeps {
  employeeData: Pick<EmployeeData, 'exportEmployee'>;
  /** Without it no export opens: the link alone is never enough (finding 10). */
  auth?: ExportIdentity;
  requests: PrivacyRequests;
  links: LinkSigner;
  logger: Logger;
  now?: () => Date;
}

/**
 * `GET /api/privacy/export/<token>`: the JSON export an HR person asked for in Teams (bot/teams/privacyCommands.ts).
 * Two credentials (finding 10): the signed one-time token — it names the tenant, a pending request (no email) and
 * the person who asked, expires, and opens once (the request is taken) — AND the identity of that same person,
 * an HR tab bearer token (`Authorization: Bearer …`, Teams SSO or the local development token) of the same tenant
 * and Entra object id. 401 without that identity, 403 for someone else or an altered token (the link stays
 * usable by its owner), 410 for an expired or used one. The export is produced at download time and written to
 * retention_log as the requester's.
 */
export function privacyExportRoutes(deps: ExportRouteDeps): (server: restify.Server) => void {
  const now = deps.now ?? (() => new Date());
  return (server) => {
    // A wildcard: the router refuses parameters longer than 100 characters, and a token is longer.
    server.get(`${EXPORT_PATH}/*`, async (req, res) => {
      const refuse = (status: number, key: 'invalid' | 'expired' | 'identityRequired' | 'otherPerson') => {
        const sentence = (language: 'fr' | 'en') =>
          key === 'invalid' || key === 'expired'
            ? translatorFor(language, 'privacy')(`download.${key}`)
            : translatorFor(language, 'security')(`export.${key}`);
        const body = Buffer.from(`${sentence('fr')}\n${sentence('en')}\n`, 'utf8');
        if (status === 401) res.setHeader('www-authenticate', 'Bearer');
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
      // The identity of the person who asked, checked before the one-time request is taken.
      const bearer = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
      let caller: { tenantId: string; aadObjectId: string } | undefined;
      try {
        caller = bearer && deps.auth ? await deps.auth.verify(bearer) : undefined;
      } catch {
        caller = undefined;
      }
      if (!caller) {
        deps.logger.info({ event: 'privacy.exportRefused', reason: 'no_identity' }, 'export link refused');
        return refuse(401, 'identityRequired');
      }
      if (
        caller.tenantId.toLowerCase() !== tenantId.toLowerCase() ||
        !subject.by ||
        caller.aadObjectId !== subject.by
      ) {
        deps.logger.warn({ event: 'privacy.exportRefused', reason: 'other_person' }, 'export link refused');
        return refuse(403, 'otherPerson');
      }
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
