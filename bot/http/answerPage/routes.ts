// `GET /rdv/<code>` and `POST /rdv`: the answer page's routes, answers handed to CaseService.
import type { IncomingMessage } from 'node:http';
import type restify from 'restify';
import { isIsoDate, parisToday, type IsoDate } from '../../../domain';
import { companyNameOf } from '../../../cards/caseCards';
import type { CaseCaller, CaseChange, CaseService } from '../../services/caseFlow/caseService';
import type { CompanySettingsStore } from '../../services/settings/companySettingsStore';
import { employeeIdOf, type EmployeeWishes, type LiaisonCase } from '../../services/cases';
import { LANGUAGES, translatorFor, type Language } from '../../../language/i18n';
import type { Logger } from '../../platform/logger';
import { BodyError, readRawBody } from '../security/body';
import {
  answerPage,
  answersFor,
  messagePage,
  PAGE_HEADERS,
  pageUrl,
  type Answer,
  type FieldError,
  type FormValues,
} from './html';
import { ANSWER_PATH, type AnswerLinks } from '../../services/answerLinks/answerLinks';
import { RateLimiter } from './rateLimit';

export interface AnswerPageLimits {
  /** Requests per IP address and per window (default 60 a minute). */
  perIp: number;
  /** Requests per answer code and per window (default 20 a minute). */
  perToken: number;
  windowMs: number;
}

export interface AnswerPageDeps {
  links: AnswerLinks;
  /** Every answer goes through it: the case engine decides, as for the Teams card. */
  caseService: Pick<CaseService, 'change'>;
  companySettings: Pick<CompanySettingsStore, 'get'>;
  logger: Logger;
  /** config.publicBaseUrl: its origin is the one a posted form may come from (besides the request's Host). */
  publicBaseUrl?: string;
  limits?: Partial<AnswerPageLimits>;
  /**
   * The client's address for the per-IP limit: the socket's by default. Behind a reverse proxy, pass a function
   * that reads the proxy's header — only when the proxy is trusted to set it.
   */
  clientIp?: (req: IncomingMessage) => string;
  now?: () => Date;
}

const FORM_LIMIT = 8 * 1024;
const DEFAULT_LIMITS: AnswerPageLimits = { perIp: 60, perToken: 20, windowMs: 60_000 };

/**
 * The answer page (issue #17): `GET /rdv/<code>` shows the current offer of the code's case and the answers the
 * employee may give; `POST /rdv` (the form, which posts the code) hands the answer to CaseService as the Teams
 * card does — accept, decline or ask for another date, with the offer the page showed — as the employee
 * (employeeIdOf: no Teams id needed), via 'link'. A successful answer redirects to the page (303), which then
 * says where the case stands. Rate-limited per IP and per code (in process), same-origin posts only.
 */
export function answerPageRoutes(deps: AnswerPageDeps): (server: restify.Server) => void {
  const now = deps.now ?? (() => new Date());
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const perIp = new RateLimiter(limits.perIp, limits.windowMs, () => now().getTime());
  const perToken = new RateLimiter(limits.perToken, limits.windowMs, () => now().getTime());
  const clientIp = deps.clientIp ?? ((req: IncomingMessage) => req.socket.remoteAddress ?? 'unknown');
  const allowedOrigins = new Set<string>();
  if (deps.publicBaseUrl) {
    try {
      allowedOrigins.add(new URL(deps.publicBaseUrl).origin);
    } catch {
      // an invalid base URL allows nothing more than the request's own host
    }
  }

  const send = (
    res: restify.Response,
    status: number,
    html: string,
    extra: Record<string, string | number> = {},
  ) => {
    const body = Buffer.from(html, 'utf8');
    res.writeHead(status, { ...PAGE_HEADERS, 'content-length': body.length, ...extra });
    res.end(body);
  };
  const tooMany = (res: restify.Response, lang: Language | 'both', retryAfterSeconds: number) =>
    send(res, 429, messagePage(lang, 'invalid.tooManyTitle', 'invalid.tooMany'), {
      'retry-after': retryAfterSeconds,
    });

  const companyName = async (liaisonCase: LiaisonCase, lang: Language) =>
    companyNameOf(
      await deps.companySettings.get(liaisonCase.tenantId, liaisonCase.companyId),
      translatorFor(lang, 'cards'),
    );

  /**
   * The case a code opens and the page's language (the one asked for, else the letter's); null once the refusal
   * (unknown code 404, expired 410, too many tries on this code 429) has been sent.
   */
  const openCode = async (res: restify.Response, raw: string, asked: string | null) => {
    const verdict = await deps.links.resolve(raw);
    if (verdict.status === 'forged') {
      deps.logger.info({ event: 'answerPage.refused', reason: 'forged' }, 'answer page: unknown code');
      send(res, 404, messagePage('both', 'invalid.title', 'invalid.forged'));
      return null;
    }
    if (verdict.status === 'expired') {
      send(res, 410, messagePage(verdict.lang, 'invalid.title', 'invalid.expired'));
      return null;
    }
    const tokenLimit = perToken.hit(verdict.code);
    if (!tokenLimit.allowed) {
      tooMany(res, verdict.lang, tokenLimit.retryAfterSeconds);
      return null;
    }
    const lang = (LANGUAGES as readonly string[]).includes(asked ?? '') ? (asked as Language) : verdict.lang;
    return { verdict, lang };
  };

  /** Whether a posted form comes from this site: Fetch Metadata and Origin, when the browser sends them. */
  const sameOrigin = (req: IncomingMessage): boolean => {
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    const host = req.headers.host;
    const own = host ? [`http://${host}`, `https://${host}`] : [];
    return allowedOrigins.has(origin) || own.includes(origin);
  };

  return (server) => {
    // A wildcard: the code may be typed with hyphens (7KQ2-M9XD-…), which the normalisation drops.
    server.get(`${ANSWER_PATH}/*`, async (req, res) => {
      const ipLimit = perIp.hit(clientIp(req));
      if (!ipLimit.allowed) return tooMany(res, 'both', ipLimit.retryAfterSeconds);
      const raw = String((req.params as Record<string, unknown>)['*'] ?? '');
      const requested = new URL(req.url ?? '/', 'http://page').searchParams.get('lang');
      const opened = await openCode(res, raw, requested);
      if (!opened) return;
      const { verdict, lang } = opened;
      const liaisonCase = verdict.case;
      await deps.links.recordOpening(liaisonCase, lang);
      deps.logger.info(
        { event: 'answerPage.opened', caseId: liaisonCase.id, offer: liaisonCase.offer },
        'answer page opened',
      );
      send(
        res,
        200,
        answerPage({
          lang,
          code: verdict.code,
          liaisonCase,
          companyName: await companyName(liaisonCase, lang),
          today: parisToday(now()),
        }),
      );
    });

    server.post(ANSWER_PATH, async (req, res) => {
      const ipLimit = perIp.hit(clientIp(req));
      if (!ipLimit.allowed) return tooMany(res, 'both', ipLimit.retryAfterSeconds);
      if (!sameOrigin(req)) {
        req.resume();
        deps.logger.warn(
          { event: 'answerPage.refused', reason: 'cross_site' },
          'answer page: cross-site post',
        );
        return send(res, 403, messagePage('both', 'invalid.refusedTitle', 'invalid.refused'));
      }
      const type = String(req.headers['content-type'] ?? '').toLowerCase();
      if (!type.startsWith('application/x-www-form-urlencoded')) {
        req.resume();
        return send(res, 415, messagePage('both', 'invalid.refusedTitle', 'invalid.refused'));
      }
      let form: URLSearchParams;
      try {
        form = new URLSearchParams((await readRawBody(req, FORM_LIMIT)).toString('utf8'));
      } catch (error) {
        if (!(error instanceof BodyError)) throw error;
        if (error.status === 413) res.header('Connection', 'close');
        return send(res, error.status, messagePage('both', 'invalid.refusedTitle', 'invalid.refused'));
      }
      const opened = await openCode(res, form.get('token') ?? '', form.get('lang'));
      if (!opened) return;
      const { verdict, lang } = opened;
      const today = parisToday(now());
      const liaisonCase = verdict.case;
      const page = async (
        status: number,
        shown: LiaisonCase,
        extra: { values?: FormValues; errors?: FieldError[]; notice?: string },
      ) =>
        send(
          res,
          status,
          answerPage({
            lang,
            code: verdict.code,
            liaisonCase: shown,
            companyName: await companyName(shown, lang),
            today,
            ...extra,
          }),
        );

      const read = readForm(form, liaisonCase, today);
      if ('errors' in read) return page(422, liaisonCase, { values: read.values, errors: read.errors });
      const offer = Number(form.get('offer'));
      const change = changeOf(read.answer, Number.isInteger(offer) && offer > 0 ? offer : 0, read.wishes);
      const caller: CaseCaller = { aadObjectId: employeeIdOf(liaisonCase.employee), via: 'link' };
      const outcome = await deps.caseService.change(liaisonCase.tenantId, liaisonCase.id, change, caller);
      if (outcome.outcome !== 'refused') {
        deps.logger.info(
          {
            event: 'answerPage.answered',
            caseId: liaisonCase.id,
            answer: change.type,
            outcome: outcome.outcome,
          },
          'answer page: answer recorded',
        );
        res.writeHead(303, { location: pageUrl(verdict.code, lang), 'cache-control': 'no-store' });
        res.end();
        return;
      }
      deps.logger.info(
        { event: 'answerPage.refused', caseId: liaisonCase.id, reason: outcome.reason },
        'answer page: the engine refused the answer',
      );
      return page(409, outcome.case ?? liaisonCase, { notice: noticeOf(outcome.reason) });
    });
  };
}

function noticeOf(reason: string): string {
  switch (reason) {
    case 'stale_card':
      return 'stale';
    case 'case_closed':
      return 'closed';
    case 'meeting_passed':
      return 'passed';
    default:
      return 'failed';
  }
}

function changeOf(answer: Answer, offer: number, wishes: EmployeeWishes): CaseChange {
  if (answer === 'other') return { type: 'ask_other_date', offer, wishes };
  return { type: answer, offer };
}

/**
 * A typed day, shown back in its field with the errors only when it is made of digits and separators: anything
 * else (a word, a sentence — perhaps one about the employee's health) is not repeated, and the field is left empty.
 */
function shownBack(value = ''): string {
  return /^[\d/.\- ]*$/.test(value) ? value : '';
}

/** A typed day: 2026-12-03 as a date field sends it, or 03/12/2026 as a browser without one lets it be typed. */
function dayOf(value: string): string {
  const typed = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (!typed) return value;
  const [, dd = '', mm = '', yyyy = ''] = typed;
  return `${yyyy}-${mm.padStart(2, '0')}-${dd.padStart(2, '0')}`;
}

/**
 * The posted answer, checked as the card's wishesOf checks it: an answer the case's state allows; for another
 * date, up to two real days not passed, a part of the day, the référent (when offered), rather without the
 * manager. No free text anywhere.
 */
function readForm(
  form: URLSearchParams,
  liaisonCase: LiaisonCase,
  today: IsoDate,
): { answer: Answer; wishes: EmployeeWishes } | { values: FormValues; errors: FieldError[] } {
  const text = (name: string) => (form.get(name) ?? '').trim().slice(0, 40);
  const values: FormValues = {
    answer: text('answer'),
    date1: text('date1'),
    date2: text('date2'),
    partOfDay: text('partOfDay'),
    referent: form.get('referent') === 'true',
    withoutManager: form.get('withoutManager') === 'true',
  };
  const errors: FieldError[] = [];
  const allowed = answersFor(liaisonCase, today);
  const answer = allowed.find((candidate) => candidate === values.answer);
  if (!answer) errors.push({ field: 'answer', key: 'answerMissing' });
  const dates: IsoDate[] = [];
  if (answer === 'other') {
    for (const field of ['date1', 'date2'] as const) {
      const value = values[field] ?? '';
      if (value === '') continue;
      const day = dayOf(value);
      if (!isIsoDate(day)) errors.push({ field, key: 'dateInvalid' });
      else if (day < today) errors.push({ field, key: 'datePast' });
      else if (!dates.includes(day)) dates.push(day);
    }
  }
  if (errors.length > 0 || !answer)
    return { values: { ...values, date1: shownBack(values.date1), date2: shownBack(values.date2) }, errors };
  const partOfDay =
    values.partOfDay === 'morning' || values.partOfDay === 'afternoon' ? values.partOfDay : undefined;
  const referentOffered = liaisonCase.referentOffered ?? true;
  return {
    answer,
    wishes: {
      dates,
      withoutManager: answer === 'other' && !!values.withoutManager,
      referent: answer === 'other' && referentOffered && !!values.referent,
      ...(answer === 'other' && partOfDay ? { partOfDay } : {}),
    },
  };
}
