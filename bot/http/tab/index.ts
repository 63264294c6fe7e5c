// The HR tab's routes: the page at /tab/ and its JSON API under /api/tab/, every call authenticated.
import type restify from 'restify';
import { z } from 'zod';
import { parisToday } from '../../../domain';
import { isCaseManager, type AccessControl } from '../../services/access';
import type { CaseChange, CaseOutcome, CaseService } from '../../services/caseFlow';
import { isOpenCase, type CaseStore, type LiaisonCase } from '../../services/cases';
import type { CompanySettingsStore } from '../../services/settings/companySettingsStore';
import type { Config } from '../../platform/config';
import { languageOf, translatorFor, type Translator } from '../../../language/i18n';
import {
  LETTER_KINDS,
  letterFilename,
  letterInputFromCase,
  PROOF_FORMATS,
  proofFileOf,
  proofFilename,
  proofJson,
  renderLetterPdf,
  renderProofPdf,
  type LetterKind,
  type ProofFormat,
  type ProofSources,
} from '../../services/letters';
import type { Logger } from '../../platform/logger';
import type { ConversationReferenceStore } from '../../platform/messaging/conversationReferences';
import type { RetentionPolicy } from '../../platform/retentionPolicy';
import { BODY_LIMITS, readJsonBody } from '../security/body';
import { localModeRefusal } from '../security/localMode';
import { sanitizeJson } from '../../platform/sanitize';
import { sendBodyError } from '../server';
import { TabAuthError, TabTenantError, type TabAuthenticator, type TabUser } from './auth';
import { byUrgency, caseRow, matches, parseStateFilter, type CaseFilter, type CaseRow } from './cases';
import { toCsv } from './csv';
import { registerHrUserRoutes } from './hrUsers';
import { parseSettingsBody, screenRefusal, screenSettingsText, settingsView } from './settings';
import { registerLegalPages } from './legalPages';
import { registerTabStatic } from './static';

export { TabAuthenticator, TabAuthError, type TabUser } from './auth';
export { byUrgency, nextDeadline, timelineOf, type CaseRow, type NextDeadline } from './cases';
export { toCsv } from './csv';
export { registerLegalPages, renderLegalPage, type LegalPage } from './legalPages';
export { POLICY_CHOICES } from './settings';

/** What the tab needs, all built once by the composition root (bot/app.ts); tests build their own. */
export interface TabDeps {
  /** The Microsoft app id the page signs in with; HR_ADMINS for the local login picker. */
  config: Pick<Config, 'microsoftApp' | 'hrAdmins'>;
  logger: Logger;
  /** The app's one authenticator of HR tab tokens (the export download uses it too). */
  auth: TabAuthenticator;
  /** Who is HR, who may read a case's proof file: the one rule of bot/services/access. */
  access: AccessControl;
  /** The app's case store (reads). */
  cases: Pick<CaseStore, 'get' | 'listForCompany' | 'auditTrail'>;
  /** The company's settings (bot/services/settings). */
  settings: Pick<CompanySettingsStore, 'get' | 'upsert'>;
  /** Where a case's proof file is gathered from (bot/services/letters). */
  proofSources: ProofSources;
  /** The names of the people on the HR list, as Teams gave them to the bot. */
  references: Pick<ConversationReferenceStore, 'findUser'>;
  /** The app's one CaseService: HR's cancel and "meeting held" go through the case engine. */
  caseService?: Pick<CaseService, 'change'>;
  now?: () => Date;
  /** Where the built page lives (tests); default dist/tab. */
  staticDir?: string;
  /** The retention periods the privacy page states; default: those of the environment (bot/platform/retentionPolicy). */
  retention?: RetentionPolicy;
}

/** Local-mode demo people for the page's login picker (Teams gives the real person through SSO). */
export const DEV_USERS = [
  { aadObjectId: 'aad-hr', name: 'Hélène Roux' },
  { aadObjectId: 'aad-manager', name: 'Louis Bernard' },
];
export const DEV_TENANT = 'local-tenant';

const devTokenRequest = z
  .object({
    aadObjectId: z.string().regex(/^[\w.:@-]{1,100}$/),
    tenantId: z.string().regex(/^[\w.:@-]{1,100}$/),
    // Screened below (it becomes the caller's name in the case's audit trail).
    name: z.string().optional(),
  })
  .strict();
const MAX_DEV_NAME_LENGTH = 100;

/**
 * The HR tab: the page at /tab/ and its JSON API under /api/tab/ (plus the privacy and terms pages the Teams
 * manifest links to, /privacy and /terms: legalPages.ts). Every API call but /config and /dev-token needs
 * a bearer token (see auth.ts) of someone who is HR for the company; every query is scoped by the token's tenant,
 * and the company is the tenant (as the case flow assumes until companies are configured separately).
 */
export function tabRoutes(deps: TabDeps): (server: restify.Server) => void {
  const { config, logger, auth, access, cases, settings } = deps;
  const now = deps.now ?? (() => new Date());

  const query = (req: restify.Request) => new URL(req.url ?? '/', 'http://tab').searchParams;
  const translator = (req: restify.Request): Translator =>
    translatorFor(query(req).get('lang') ?? req.header('accept-language'), 'tab');

  /**
   * The HR caller of the request, or undefined once a 401/403 (or a 4xx for its body) has been sent. Only then is
   * a body read — within BODY_LIMITS.tab, control characters removed — into `req.body` (findings 2, 6, 9).
   */
  async function hrCaller(req: restify.Request, res: restify.Response): Promise<TabUser | undefined> {
    const t = translator(req);
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
    let user: TabUser;
    try {
      if (!bearer) throw new TabAuthError('no bearer token');
      user = await auth.verify(bearer);
    } catch (error) {
      if (error instanceof TabTenantError) {
        logger.warn({ event: 'tab.tenantRefused' }, 'tab: tenant not allowed');
        res.send(403, { error: 'forbidden', message: t('api.forbidden') });
        return undefined;
      }
      logger.info({ event: 'tab.unauthenticated', reason: (error as Error).message }, 'tab: token refused');
      res.header('WWW-Authenticate', 'Bearer');
      res.send(401, { error: 'unauthenticated', message: t('api.unauthenticated') });
      return undefined;
    }
    if (!(await access.isHr(user.tenantId, user.tenantId, user.aadObjectId))) {
      res.send(403, { error: 'forbidden', message: t('api.forbidden') });
      return undefined;
    }
    if (!(await readTabBody(req, res))) return undefined;
    return user;
  }

  /** Reads the body of a PUT/POST/PATCH within the tab's limit; false once a 4xx has been sent. */
  async function readTabBody(req: restify.Request, res: restify.Response, limit: number = BODY_LIMITS.tab) {
    if (!['POST', 'PUT', 'PATCH'].includes(req.method ?? '')) return true;
    try {
      req.body = sanitizeJson(await readJsonBody(req, limit));
      return true;
    } catch (error) {
      sendBodyError(res, error);
      return false;
    }
  }

  async function rowsFor(user: TabUser, filter: CaseFilter): Promise<CaseRow[]> {
    const today = parisToday(now());
    const all = await cases.listForCompany(user.tenantId, user.tenantId);
    return all
      .map((liaisonCase) => caseRow(liaisonCase, today))
      .filter((row) => matches(row, filter))
      .sort(byUrgency);
  }

  function filterOf(req: restify.Request, res: restify.Response): CaseFilter | undefined {
    const params = query(req);
    const state = parseStateFilter(params.get('state'));
    if (state === null) {
      res.send(400, { error: 'invalid', message: translator(req)('api.badState') });
      return undefined;
    }
    return { state, text: (params.get('q') ?? '').slice(0, 200) };
  }

  /** The case of the caller's company, or null (another tenant's or company's case is not revealed). */
  async function companyCase(user: TabUser, caseId: string): Promise<LiaisonCase | null> {
    const found = await cases.get(user.tenantId, caseId);
    return found && found.companyId === user.tenantId ? found : null;
  }

  /** The person of a valid tab token (HR or not), or undefined once a 401 has been sent. */
  async function tokenUser(req: restify.Request, res: restify.Response): Promise<TabUser | undefined> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
    try {
      if (!bearer) throw new TabAuthError('no bearer token');
      return await auth.verify(bearer);
    } catch (error) {
      logger.info({ event: 'tab.unauthenticated', reason: (error as Error).message }, 'tab: token refused');
      res.header('WWW-Authenticate', 'Bearer');
      res.send(401, { error: 'unauthenticated', message: translator(req)('api.unauthenticated') });
      return undefined;
    }
  }

  /** What the case view shows: the list's columns, the details, the letters, the actions, the proof file. */
  async function detailOf(user: TabUser, liaisonCase: LiaisonCase) {
    const today = parisToday(now());
    const base = `/api/tab/cases/${encodeURIComponent(liaisonCase.id)}`;
    return {
      today,
      case: {
        ...caseRow(liaisonCase, today),
        ...caseDetails(liaisonCase),
        letters: lettersOf(liaisonCase).map((kind) => ({ kind, url: `${base}/letters/${kind}.pdf` })),
        proof: PROOF_FORMATS.map((format) => ({ format, url: `${base}/proof?format=${format}` })),
        actions: actionsOf(liaisonCase, today),
      },
      timeline: await cases.auditTrail(user.tenantId, liaisonCase.id),
    };
  }

  /** The picker's people: the first HR_ADMINS id as the HR person when the list is set, so that the demo works. */
  async function devUsers() {
    const [hr, ...rest] = DEV_USERS;
    const hrUser = config.hrAdmins[0] && hr ? { ...hr, aadObjectId: config.hrAdmins[0] } : hr;
    const people = [hrUser, ...rest].filter((user) => user !== undefined);
    return Promise.all(
      people.map(async (user) => ({
        ...user,
        hr: await access.isHr(DEV_TENANT, DEV_TENANT, user.aadObjectId),
      })),
    );
  }

  return (server) => {
    registerTabStatic(server, deps.staticDir);
    registerLegalPages(server, deps.retention);

    server.get('/api/tab/config', async (_req, res) => {
      res.send(200, {
        mode: auth.mode,
        appId: config.microsoftApp?.id,
        ...(auth.mode === 'local' ? { devUsers: await devUsers(), devTenant: DEV_TENANT } : {}),
      });
    });

    server.post('/api/tab/dev-token', async (req, res) => {
      if (auth.mode !== 'local') {
        res.send(404, { error: 'not_found' });
        return;
      }
      if (localModeRefusal(req)) {
        res.send(403, { error: 'forbidden', message: translator(req)('api.devTokenLoopback') });
        return;
      }
      if (!(await readTabBody(req, res, BODY_LIMITS.devToken))) return;
      const parsed = devTokenRequest.safeParse(req.body);
      if (!parsed.success) {
        res.send(400, { error: 'invalid', message: translator(req)('api.badDevTokenRequest') });
        return;
      }
      const name = screenSettingsText(parsed.data.name ?? '', MAX_DEV_NAME_LENGTH);
      if ('problem' in name) {
        res.send(400, screenRefusal(translator(req), name.problem));
        return;
      }
      const { aadObjectId, tenantId } = parsed.data;
      const token = await auth.issueDevToken({
        aadObjectId,
        tenantId,
        ...(name.value ? { name: name.value } : {}),
      });
      res.send(200, { token });
    });

    server.get('/api/tab/me', async (req, res) => {
      const user = await hrCaller(req, res);
      if (user) res.send(200, { ...user, hr: true });
    });

    server.get('/api/tab/cases', async (req, res) => {
      const user = await hrCaller(req, res);
      const filter = user && filterOf(req, res);
      if (!user || !filter) return;
      res.send(200, { today: parisToday(now()), cases: await rowsFor(user, filter) });
    });

    server.get('/api/tab/cases.csv', async (req, res) => {
      const user = await hrCaller(req, res);
      const filter = user && filterOf(req, res);
      if (!user || !filter) return;
      const t = translator(req);
      const rows = await rowsFor(user, filter);
      const columns = [
        'employee',
        'jobTitle',
        'manager',
        'state',
        'requestDate',
        'meetingDate',
        'meetingTime',
        'spstNoticeDate',
        'nextDeadline',
        'nextDeadlineDate',
        'proposalDaysLate',
        'id',
      ] as const;
      const csv = toCsv(
        [
          columns.map((column) => t(`csv.${column}`)),
          ...rows.map((row) => [
            row.employeeName,
            row.jobTitle,
            row.managerName ?? '',
            t(`states.${row.state}`),
            row.requestDate,
            row.meetingDate,
            row.meetingTime,
            row.spstNoticeDate,
            row.nextDeadline ? t(`deadlines.${row.nextDeadline.kind}`) : '',
            row.nextDeadline?.date,
            String(row.proposal.daysLate),
            row.id,
          ]),
        ],
        // French Excel splits columns on semicolons, English Excel on commas.
        t('csv.separator'),
      );
      res.sendRaw(200, Buffer.from(csv, 'utf8'), {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${t('csv.fileName')}-${parisToday(now())}.csv"`,
        'Cache-Control': 'no-store',
      });
    });

    server.get('/api/tab/cases/:id', async (req, res) => {
      const user = await hrCaller(req, res);
      if (!user) return;
      const found = await companyCase(user, String(req.params.id ?? ''));
      // A case of another tenant or company is answered exactly as a case that does not exist.
      if (!found) {
        res.send(404, { error: 'not_found', message: translator(req)('api.caseNotFound') });
        return;
      }
      res.send(200, await detailOf(user, found));
    });

    // HR's actions on a case, decided by the case engine through the app's CaseService (caller via 'tab'); a
    // refusal comes back with the engine's reason, explained in the page's language.
    for (const [path, change] of [
      ['cancel', { type: 'cancel' }],
      ['held', { type: 'record_held' }],
    ] as const) {
      server.post(`/api/tab/cases/:id/${path}`, async (req, res) => {
        const user = await hrCaller(req, res);
        if (!user) return;
        const t = translator(req);
        const found = await companyCase(user, String(req.params.id ?? ''));
        if (!found) {
          res.send(404, { error: 'not_found', message: t('api.caseNotFound') });
          return;
        }
        if (!deps.caseService) {
          res.send(503, { error: 'unavailable', message: t('api.actionsUnavailable') });
          return;
        }
        const outcome: CaseOutcome = await deps.caseService.change(
          user.tenantId,
          found.id,
          change as CaseChange,
          { aadObjectId: user.aadObjectId, ...(user.name ? { name: user.name } : {}), via: 'tab' },
        );
        if (outcome.outcome === 'refused') {
          const status =
            outcome.reason === 'unknown_case' ? 404 : outcome.reason === 'not_allowed' ? 403 : 409;
          logger.info(
            { event: 'tab.case.refused', caseId: found.id, action: path, reason: outcome.reason },
            'tab: case action refused',
          );
          res.send(status, {
            error: 'refused',
            reason: outcome.reason,
            message: t(`refusals.${outcome.reason}`),
          });
          return;
        }
        logger.info(
          { event: 'tab.case.changed', caseId: found.id, action: path, outcome: outcome.outcome },
          'tab: case changed',
        );
        res.send(200, { outcome: outcome.outcome, ...(await detailOf(user, outcome.case)) });
      });
    }

    // The proof file (bot/services/letters/proof.ts): the case's dated trail as a PDF or JSON, in the page's language, for
    // HR and for the case's manager.
    server.get('/api/tab/cases/:id/proof', async (req, res) => {
      const user = await tokenUser(req, res);
      if (!user) return;
      const t = translator(req);
      const caseId = String(req.params.id ?? '');
      const found = await companyCase(user, caseId);
      // HR or the case's manager; HR hears 404 for a case that is not there, anyone else 403.
      const allowed = found
        ? await access.mayFollowCase(user, found)
        : await access.isHr(user.tenantId, user.tenantId, user.aadObjectId);
      if (!allowed) {
        res.send(403, { error: 'forbidden', message: t('api.proofForbidden') });
        return;
      }
      if (!found) {
        res.send(404, { error: 'not_found', message: t('api.caseNotFound') });
        return;
      }
      const format = (query(req).get('format') ?? 'pdf') as ProofFormat;
      if (!PROOF_FORMATS.includes(format)) {
        res.send(400, { error: 'invalid', message: t('api.badProofFormat') });
        return;
      }
      const lang = languageOf(query(req).get('lang') ?? req.header('accept-language'));
      const proof = await proofFileOf(deps.proofSources, found, lang, now());
      const body = format === 'pdf' ? await renderProofPdf(proof) : Buffer.from(proofJson(proof), 'utf8');
      logger.info(
        {
          event: 'tab.proof',
          caseId: found.id,
          format,
          reader: isCaseManager(found, user.aadObjectId) ? 'manager' : 'hr',
        },
        'proof file downloaded from the tab',
      );
      res.sendRaw(200, body, {
        'Content-Type': format === 'pdf' ? 'application/pdf' : 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="${proofFilename(proof, format)}"`,
        'Cache-Control': 'private, no-store',
      });
    });

    // The letters of bot/services/letters, rendered from the case as stored now, in the page's language.
    server.get('/api/tab/cases/:id/letters/:file', async (req, res) => {
      const user = await hrCaller(req, res);
      if (!user) return;
      const found = await companyCase(user, String(req.params.id ?? ''));
      const kind = /^(\w+)\.pdf$/.exec(String(req.params.file ?? ''))?.[1] as LetterKind | undefined;
      if (!found || !kind || !lettersOf(found).includes(kind)) {
        res.send(404, { error: 'not_found', message: translator(req)('api.caseNotFound') });
        return;
      }
      const input = letterInputFromCase(found, await settings.get(user.tenantId, user.tenantId), {
        letterDate: parisToday(now()),
      });
      const pdf = await renderLetterPdf(
        input,
        kind,
        languageOf(query(req).get('lang') ?? req.header('accept-language')),
      );
      logger.info({ event: 'tab.letter', caseId: found.id, kind }, 'letter downloaded from the tab');
      res.sendRaw(200, pdf, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="${letterFilename(input, kind)}"`,
        'Cache-Control': 'private, no-store',
      });
    });

    server.get('/api/tab/settings', async (req, res) => {
      const user = await hrCaller(req, res);
      if (!user) return;
      res.send(200, settingsView(await settings.get(user.tenantId, user.tenantId)));
    });

    server.put('/api/tab/settings', async (req, res) => {
      const user = await hrCaller(req, res);
      if (!user) return;
      const t = translator(req);
      const current = await settings.get(user.tenantId, user.tenantId);
      const parsed = parseSettingsBody(req.body, current);
      if ('problems' in parsed) {
        res.send(400, {
          error: 'invalid',
          problems: parsed.problems,
          message: [
            t('settings.invalidIntro'),
            ...parsed.problems.map((key) => t(`settings.problems.${key}`)),
          ].join(' '),
        });
        return;
      }
      const saved = await settings.upsert(user.tenantId, user.tenantId, parsed.settings);
      logger.info(
        { event: 'tab.settings.saved', tenantId: user.tenantId },
        'company settings saved from the tab',
      );
      res.send(200, settingsView(saved));
    });

    registerHrUserRoutes(server, {
      access,
      references: deps.references,
      logger,
      hrCaller,
      translator,
    });
  };
}

/** The letters a case offers: the invitation only while the meeting still stands. */
function lettersOf(liaisonCase: LiaisonCase): LetterKind[] {
  return LETTER_KINDS.filter((kind) => kind !== 'invitation' || liaisonCase.state !== 'cancelled');
}

/** What the timeline view shows besides the list's columns; never anything medical (none is stored). */
function caseDetails(liaisonCase: LiaisonCase) {
  const { meeting, wishes } = liaisonCase;
  return {
    meeting: {
      date: meeting.date,
      time: meeting.time,
      mode: meeting.mode,
      ...(meeting.place ? { place: meeting.place } : {}),
      ...(meeting.link ? { link: meeting.link } : {}),
    },
    offer: liaisonCase.offer,
    openedByName: liaisonCase.openedBy.name,
    spst: {
      attendance: liaisonCase.spst.attendance,
      noticeDate: liaisonCase.spst.noticeDate,
      notifiedBy: liaisonCase.spst.notifiedBy ?? [],
      acknowledgedOn: liaisonCase.spst.acknowledgedOn,
    },
    wishes: {
      dates: wishes.dates,
      withoutManager: wishes.withoutManager,
      referent: wishes.referent,
      ...(wishes.partOfDay ? { partOfDay: wishes.partOfDay } : {}),
    },
  };
}

/**
 * The actions the case view offers HR: cancel an open case; record the meeting held once the employee accepted
 * and its day has come. Only what the engine would accept is offered; the engine still decides.
 */
function actionsOf(liaisonCase: LiaisonCase, today: string) {
  return {
    cancel: isOpenCase(liaisonCase),
    held: liaisonCase.state === 'accepted' && today >= liaisonCase.meeting.date,
  };
}
