// `POST /api/absences`: the HR systems' absences feed, authenticated by a per-company API key.
import type restify from 'restify';
import { isTenantAllowed } from '../services/access';
import type { Logger } from '../platform/logger';
import { BodyError, readJsonBody } from './security/body';
import type { AbsenceApiKeys } from '../services/absences/apiKeys';
import { DuplicateAbsenceIdError, type AbsenceFeed } from '../services/absences/feed';
import {
  absencesRequestSchema,
  describeIssues,
  MAX_ABSENCES_PER_REQUEST,
  screenAbsences,
} from '../services/absences/schema';
import { translatorFor } from '../../language/i18n';

/** A request body larger than this is answered 413, counted as received (chunked or not), after the key is checked. */
export const MAX_ABSENCES_BODY_BYTES = 1024 * 1024;

export interface AbsencesRouteDeps {
  keys: AbsenceApiKeys;
  feed: Pick<AbsenceFeed, 'ingest'>;
  logger: Logger;
  /** ALLOWED_TENANTS: a key of another tenant is refused (403). Absent: unrestricted. */
  allowedTenants?: ReadonlySet<string> | 'any';
}

/** The key of `Authorization: Bearer <key>` or of `X-Api-Key: <key>`. */
function apiKeyOf(req: restify.Request): string | undefined {
  const authorization = req.header('authorization');
  const bearer = authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  return bearer ?? req.header('x-api-key')?.trim() ?? undefined;
}

/**
 * `POST /api/absences`: an HR system feeds the absences of one company (the key's). 401 without a valid key,
 * 413 for a body over 1 MB or more than MAX_ABSENCES_PER_REQUEST absences, 400 naming the bad field(s), 200 with
 * what happened to each absence and where each employee stands. Documented in docs/reminders.md.
 */
export function absencesRoutes(deps: AbsencesRouteDeps) {
  return (server: restify.Server): void => {
    server.post('/api/absences', async (req, res) => {
      const key = apiKeyOf(req);
      const scope = key ? await deps.keys.verify(key) : null;
      if (!scope) {
        // The body is never read for an unauthenticated caller: the connection closes after the answer.
        res.header('Connection', 'close');
        res.header('WWW-Authenticate', 'Bearer');
        res.json(401, {
          error: 'unauthorized',
          message: 'A valid API key is required (Authorization: Bearer <key> or X-Api-Key).',
        });
        return;
      }
      if (!isTenantAllowed(deps.allowedTenants, scope.tenantId)) {
        deps.logger.warn(
          { keyId: scope.keyId, event: 'absences.tenantRefused' },
          'absences: tenant not allowed',
        );
        res.json(403, {
          error: 'forbidden',
          message: 'This deployment does not serve the tenant of this key.',
        });
        return;
      }
      let body: unknown;
      try {
        body = await readJsonBody(req, MAX_ABSENCES_BODY_BYTES);
      } catch (error) {
        if (!(error instanceof BodyError)) throw error;
        if (error.status === 413) res.header('Connection', 'close');
        res.json(error.status, {
          error: error.status === 413 ? 'payload_too_large' : 'invalid_request',
          message:
            error.status === 413
              ? `At most ${MAX_ABSENCES_PER_REQUEST} absences and ${MAX_ABSENCES_BODY_BYTES} bytes per request.`
              : error.message,
        });
        return;
      }
      const items = (body as { absences?: unknown } | undefined)?.absences;
      if (Array.isArray(items) && items.length > MAX_ABSENCES_PER_REQUEST) {
        res.json(413, {
          error: 'payload_too_large',
          message: `At most ${MAX_ABSENCES_PER_REQUEST} absences and ${MAX_ABSENCES_BODY_BYTES} bytes per request.`,
        });
        return;
      }
      const parsed = absencesRequestSchema.safeParse(body);
      if (!parsed.success) {
        invalidRequest(res, describeIssues(parsed.error));
        return;
      }
      // Every text screened before anything is stored or logged; the refusal names the field and the rule,
      // in English unless the caller asks for French (Accept-Language), never the text.
      const screened = screenAbsences(parsed.data.absences);
      if ('issues' in screened) {
        const french = /^\s*fr\b/i.test(req.header('accept-language') ?? '');
        const t = translatorFor(french ? 'fr' : 'en', 'absences');
        invalidRequest(
          res,
          screened.issues.map(({ field, reason }) => ({ field, message: t(`refused.${reason}`) })),
        );
        return;
      }
      try {
        const result = await deps.feed.ingest(
          { tenantId: scope.tenantId, companyId: scope.companyId },
          screened.absences,
        );
        deps.logger.info(
          { keyId: scope.keyId, tenantId: scope.tenantId, count: result.results.length },
          'absences received',
        );
        res.json(200, result);
      } catch (error) {
        if (error instanceof DuplicateAbsenceIdError) {
          res.json(400, {
            error: 'invalid_request',
            message: `absences: the id ${error.absenceId} appears more than once`,
            issues: [{ field: 'absences', message: error.message }],
          });
          return;
        }
        throw error;
      }
    });
  };
}

/** 400 naming each bad field: `absences[3].kind: Invalid option…` (docs/reminders.md). */
function invalidRequest(res: restify.Response, issues: Array<{ field: string; message: string }>): void {
  res.json(400, {
    error: 'invalid_request',
    message: issues.map((issue) => `${issue.field}: ${issue.message}`).join('; '),
    issues,
  });
}
