// `GET /letters/<token>`: a letter or a case's proof file behind a signed, expiring link.
import type restify from 'restify';
import { parisToday } from '../../domain';
import type { CompanySettingsStore } from '../services/settings/companySettingsStore';
import type { CaseStore } from '../services/cases';
import { translatorFor, type Language } from '../../language/i18n';
import type { Logger } from '../platform/logger';
import type { Database } from '../platform/storage';
import { letterFilename } from '../services/letters/content';
import { letterInputFromCase } from '../services/letters/input';
import { LETTERS_PATH, LetterLinks, type LetterLinksOptions } from '../services/letters/links';
import { renderLetterPdf } from '../services/letters/pdf';
import { proofFileOf } from '../services/letters/proofSource';
import { proofFilename, proofJson, renderProofPdf } from '../services/letters/proof';

export interface LetterRouteDeps {
  db: Database;
  cases: CaseStore;
  companySettings: CompanySettingsStore;
  logger: Logger;
  /** Only `now` matters for verifying (the base URL is for making links). */
  links?: LetterLinksOptions;
}

/**
 * `GET /letters/:token`: the letter a signed link points at, rendered from the case as stored now, as a PDF; or
 * the case's proof file (PDF or JSON) when the link was made for HR or the case's manager (proofFileActions).
 * The token is the only credential: it names the tenant, the case, the letter and the language, and expires.
 * 403 for an altered or expired link, 404 when the case does not exist in the token's tenant.
 */
export function letterRoutes(deps: LetterRouteDeps): (server: restify.Server) => void {
  const now = deps.links?.now ?? (() => new Date());
  const links = new LetterLinks(deps.db, { ...deps.links, now });
  return (server) => {
    // A wildcard rather than `/:token`: the router refuses parameters longer than 100 characters, and a token
    // (tenant and case ids, signature) is longer than that.
    server.get(`${LETTERS_PATH}/*`, async (req, res) => {
      const refuse = (status: number, message: string) => {
        const body = Buffer.from(`${message}\n`, 'utf8');
        res.writeHead(status, {
          'content-type': 'text/plain; charset=utf-8',
          'content-length': body.length,
          'cache-control': 'no-store',
        });
        res.end(body);
      };
      const say = (lang: Language, key: string) => translatorFor(lang, 'letters')(`download.${key}`);

      const verdict = await links.verify(String((req.params as Record<string, unknown>)['*'] ?? ''));
      if (verdict.status === 'forged') {
        deps.logger.warn('letter link refused: bad signature');
        // Nothing tells the language of a forged link: say it in both.
        return refuse(403, [say('fr', 'forged'), say('en', 'forged')].join('\n'));
      }
      if (verdict.status === 'expired') {
        deps.logger.info('letter link refused: expired');
        return refuse(403, say(verdict.lang, 'expired'));
      }
      const { tenantId, caseId, kind, lang } = verdict.ref;
      const liaisonCase = await deps.cases.get(tenantId, caseId);
      if (!liaisonCase) {
        deps.logger.info({ caseId }, 'letter link: no such case in the tenant');
        return refuse(404, say(lang, 'notFound'));
      }
      if (kind === 'proof_pdf' || kind === 'proof_json') {
        const format = kind === 'proof_pdf' ? 'pdf' : 'json';
        const proof = await proofFileOf(
          { db: deps.db, cases: deps.cases, companySettings: deps.companySettings },
          liaisonCase,
          lang,
          now(),
        );
        const body = format === 'pdf' ? await renderProofPdf(proof) : Buffer.from(proofJson(proof), 'utf8');
        deps.logger.info({ caseId, format, lang }, 'proof file downloaded by link');
        res.writeHead(200, {
          'content-type': format === 'pdf' ? 'application/pdf' : 'application/json; charset=utf-8',
          'content-length': body.length,
          'content-disposition': `attachment; filename="${proofFilename(proof, format)}"`,
          'cache-control': 'private, no-store',
        });
        res.end(body);
        return;
      }
      if (kind === 'invitation' && liaisonCase.state === 'cancelled')
        return refuse(410, say(lang, 'cancelled'));
      const settings = await deps.companySettings.get(tenantId, liaisonCase.companyId);
      const input = letterInputFromCase(liaisonCase, settings, { letterDate: parisToday(now()) });
      const pdf = await renderLetterPdf(input, kind, lang);
      deps.logger.info({ caseId, kind, lang }, 'letter downloaded');
      res.writeHead(200, {
        'content-type': 'application/pdf',
        'content-length': pdf.length,
        'content-disposition': `attachment; filename="${letterFilename(input, kind)}"`,
        // A personal letter: never kept by a shared cache.
        'cache-control': 'private, no-store',
      });
      res.end(pdf);
    });
  };
}
