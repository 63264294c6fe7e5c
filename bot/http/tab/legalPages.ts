// `GET /privacy` and `GET /terms`: the static pages the Teams manifest links to, in French and English.
import crypto from 'node:crypto';
import type restify from 'restify';
import { escapeHtml } from '../../platform/html';
import { i18n, languageOf, LANGUAGES, type Language } from '../../../language/i18n';
import { DEFAULT_RETENTION, loadRetentionPolicy, type RetentionPolicy } from '../../platform/retentionPolicy';
import { CONTENT_SECURITY_POLICY, pageHeaders } from './static';

/**
 * The privacy and terms pages the Teams manifest links to (`developer.privacyUrl`, `developer.termsOfUseUrl`):
 * GET /privacy and GET /terms. One page holds both languages (French and English, as the app): the reader's
 * language first (`?lang=` or Accept-Language), the other below. The sentences are in locales/<lang>/legal.json;
 * the retention periods shown are the ones this server applies (RETENTION_DETAILS_MONTHS, RETENTION_PROOF_YEARS).
 */
export type LegalPage = 'privacy' | 'terms';
export const LEGAL_PAGES: readonly LegalPage[] = ['privacy', 'terms'];

interface Section {
  heading: string;
  paragraphs: string[];
  items?: string[];
}
interface PageText {
  title: string;
  intro: string;
  sections: Record<string, Section>;
}
interface LegalText {
  languageName: string;
  privacy: PageText;
  terms: PageText;
  page: { languages: string; privacyLink: string; termsLink: string };
}

/** The whole page is static text: its only style is inline, allowed by its hash (no 'unsafe-inline'). */
const STYLE = [
  'body{margin:0 auto;max-width:46rem;padding:1rem 1.25rem 3rem;font-family:"Segoe UI",system-ui,sans-serif;',
  'line-height:1.5;color:#242424;background:#fff}',
  'h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.5rem}',
  'article+article{border-top:1px solid #8a8a8a;margin-top:2.5rem}',
  'nav{font-size:.9rem}a{color:#3d3f99}',
  '@media (prefers-color-scheme:dark){body{color:#f0f0f0;background:#1f1f1f}a{color:#aaacf0}}',
].join('');
const STYLE_HASH = crypto.createHash('sha256').update(STYLE).digest('base64');
const POLICY = `${CONTENT_SECURITY_POLICY}; style-src 'sha256-${STYLE_HASH}'`;

const fill = (template: string, values: Record<string, number>) =>
  template.replace(/\{\{(\w+)\}\}/g, (match, name: string) => String(values[name] ?? match));

const textOf = (language: Language) => i18n.getResourceBundle(language, 'legal') as LegalText;

/** The reader's language first: `?lang=`, else the first language of Accept-Language, else French. */
export function languageOrder(lang: string | null | undefined, acceptLanguage?: string): Language[] {
  const first = languageOf(lang ?? acceptLanguage);
  return [first, ...LANGUAGES.filter((language) => language !== first)];
}

function article(page: LegalPage, language: Language, retention: RetentionPolicy): string {
  const text = textOf(language)[page];
  const values = { detailsMonths: retention.detailsMonths, proofYears: retention.proofYears };
  const t = (template: string) => escapeHtml(fill(template, values));
  const sections = Object.values(text.sections).map(
    (section) =>
      `<section><h2>${t(section.heading)}</h2>${section.paragraphs.map((p) => `<p>${t(p)}</p>`).join('')}` +
      (section.items ? `<ul>${section.items.map((item) => `<li>${t(item)}</li>`).join('')}</ul>` : '') +
      '</section>',
  );
  return `<article id="${language}" lang="${language}"><h1>${t(text.title)}</h1><p>${t(text.intro)}</p>${sections.join('')}</article>`;
}

/** The page as HTML, both languages, `order[0]` first. */
export function renderLegalPage(
  page: LegalPage,
  order: Language[],
  retention: RetentionPolicy = DEFAULT_RETENTION,
): string {
  const first = order[0] ?? 'fr';
  const ui = textOf(first).page;
  const other: LegalPage = page === 'privacy' ? 'terms' : 'privacy';
  const languages = order
    .map(
      (language) =>
        `<a href="#${language}" lang="${language}">${escapeHtml(textOf(language).languageName)}</a>`,
    )
    .join(' · ');
  const otherLink = `<a href="/${other}">${escapeHtml(other === 'privacy' ? ui.privacyLink : ui.termsLink)}</a>`;
  return [
    '<!doctype html>',
    `<html lang="${first}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${order.map((language) => escapeHtml(textOf(language)[page].title)).join(' / ')}</title>`,
    `<style>${STYLE}</style></head>`,
    `<body><nav aria-label="${escapeHtml(ui.languages)}">${languages} — ${otherLink}</nav>`,
    `<main>${order.map((language) => article(page, language, retention)).join('')}</main>`,
    '</body></html>',
  ].join('\n');
}

/** The periods this server applies; the defaults when the environment does not parse (the app refuses to start then). */
function retentionInForce(): RetentionPolicy {
  try {
    return loadRetentionPolicy();
  } catch {
    return DEFAULT_RETENTION;
  }
}

/** GET /privacy and GET /terms, with the tab's security headers. */
export function registerLegalPages(
  server: restify.Server,
  retention: RetentionPolicy = retentionInForce(),
): void {
  for (const page of LEGAL_PAGES) {
    server.get(`/${page}`, async (req, res) => {
      const lang = new URL(req.url ?? '/', 'http://legal').searchParams.get('lang');
      const html = renderLegalPage(page, languageOrder(lang, req.header('accept-language')), retention);
      res.sendRaw(200, Buffer.from(html, 'utf8'), {
        ...pageHeaders('text/html; charset=utf-8', POLICY),
        'Content-Language': LANGUAGES.join(', '),
      });
    });
  }
}
