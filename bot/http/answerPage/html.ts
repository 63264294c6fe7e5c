// The answer page as script-free server-rendered HTML (one form, one hashed inline stylesheet).
import { createHash } from 'node:crypto';
import type { IsoDate } from '../../../domain';
import { escapeHtml } from '../../platform/html';
import { formatIsoDate } from '../../../language/dates';
import type { LiaisonCase } from '../../services/cases';
import { LANGUAGES, translatorFor, type Language, type Translator } from '../../../language/i18n';
import { ANSWER_PATH } from '../../services/answerLinks/answerLinks';

/**
 * The answer page as plain server-rendered HTML: one form, no script, one inline stylesheet allowed by its hash.
 * It shows the company, the meeting's date, time and mode, and the answers the employee may give in the case's
 * state — the same choices as the Teams card (cards/caseCards.ts invitationCard / invitationAnsweredCard).
 */

export type Answer = 'accept' | 'decline' | 'other';

/** What the employee typed or chose, as posted (kept to show the form again with its errors). */
export interface FormValues {
  answer?: string;
  date1?: string;
  date2?: string;
  partOfDay?: string;
  referent?: boolean;
  withoutManager?: boolean;
}

export type FieldName = 'answer' | 'date1' | 'date2';
export interface FieldError {
  field: FieldName;
  /** Key under errors.* in locales/<lang>/answerPage.json. */
  key: string;
}

export interface AnswerPageModel {
  lang: Language;
  code: string;
  liaisonCase: LiaisonCase;
  companyName: string;
  today: IsoDate;
  values?: FormValues;
  errors?: FieldError[];
  /** A refusal of the engine, said above the current offer (errors.* key). */
  notice?: string;
}

const CSS = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1b1b1b; --muted: #4a4a4a; --line: #6b6b6b;
  --accent: #0b4f9c; --on-accent: #ffffff; --panel: #f3f5f8; --error: #b00020; --ok-bg: #e8f3ea; --ok-line: #1e6b34;
  --focus: #ffbf47; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #121417; --fg: #f2f2f2; --muted: #c8c8c8; --line: #9a9a9a; --accent: #8cc4ff; --on-accent: #0b0b0b;
    --panel: #1e2227; --error: #ff8a80; --ok-bg: #16301d; --ok-line: #7fd197; }
}
* { box-sizing: border-box; }
html { font-size: 100%; -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 1.0625rem/1.5 system-ui, -apple-system, "Segoe UI",
  Roboto, Arial, sans-serif; overflow-wrap: anywhere; }
.page { max-width: 40rem; margin: 0 auto; padding: 1rem; }
.lang { text-align: right; margin: 0 0 0.5rem; }
a { color: var(--accent); text-underline-offset: 0.15em; }
h1 { font-size: 1.5rem; line-height: 1.25; margin: 0.25rem 0 0.75rem; }
h2 { font-size: 1.2rem; margin: 1.25rem 0 0.5rem; }
dl { margin: 0; padding: 0.75rem 1rem; background: var(--panel); border-radius: 0.25rem; }
dt { font-weight: 700; }
dd { margin: 0 0 0.5rem; }
dd:last-child { margin-bottom: 0; }
fieldset { border: 1px solid var(--line); border-radius: 0.25rem; margin: 1rem 0; padding: 0.5rem 0.75rem 0.75rem; min-width: 0; }
legend { font-weight: 700; padding: 0 0.25rem; }
.choice { display: flex; gap: 0.6rem; align-items: flex-start; margin: 0.6rem 0; }
.choice input { width: 1.5rem; height: 1.5rem; margin: 0.05rem 0 0; flex: none; accent-color: var(--accent); }
.choice label { font-weight: 600; }
.hint { display: block; color: var(--muted); font-weight: 400; font-size: 0.95rem; }
.field { margin: 0.75rem 0; }
.field label { display: block; font-weight: 600; }
input[type="date"], input[type="text"] { display: block; width: 100%; max-width: 14rem; min-height: 2.75rem;
  margin-top: 0.25rem; padding: 0.4rem 0.5rem; font: inherit; color: var(--fg); background: var(--bg);
  border: 2px solid var(--line); border-radius: 0.25rem; }
input[aria-invalid="true"] { border-color: var(--error); }
.error { color: var(--error); font-weight: 700; margin: 0.25rem 0; }
.error-summary { border: 3px solid var(--error); padding: 0.75rem 1rem; margin: 1rem 0; }
.error-summary h2 { margin-top: 0; }
.status { border-left: 0.4rem solid var(--ok-line); background: var(--ok-bg); padding: 0.75rem 1rem; margin: 1rem 0; }
button { font: inherit; font-weight: 700; min-height: 2.75rem; padding: 0.5rem 1.25rem; color: var(--on-accent);
  background: var(--accent); border: 2px solid transparent; border-radius: 0.25rem; cursor: pointer; }
a:focus-visible, input:focus-visible, button:focus-visible, .error-summary:focus {
  outline: 3px solid var(--focus); outline-offset: 2px; box-shadow: 0 0 0 6px var(--fg); }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
`.trim();

/** The stylesheet's hash, for the Content-Security-Policy (style-src 'sha256-…'). */
export const STYLE_HASH = `sha256-${createHash('sha256').update(CSS, 'utf8').digest('base64')}`;

/** The page's headers: nothing runs, nothing is loaded from elsewhere, nothing frames it, nothing caches it. */
export const PAGE_HEADERS: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': [
    "default-src 'none'",
    `style-src '${STYLE_HASH}'`,
    "img-src 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; '),
  // same-origin, not no-referrer: with no-referrer the browser posts the form with "Origin: null", which the
  // same-origin check refuses; the code in the URL still never leaves the site.
  'referrer-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
  'x-robots-tag': 'noindex, nofollow',
};

/** The answers the employee may give in the case's state, as on the Teams card. */
export function answersFor(liaisonCase: LiaisonCase, today: IsoDate): Answer[] {
  if (today > liaisonCase.meeting.date) return [];
  switch (liaisonCase.state) {
    case 'invited':
      return ['accept', 'decline', 'other'];
    case 'accepted':
      return ['decline', 'other'];
    case 'other_date_asked':
      return ['accept', 'decline'];
    default:
      return [];
  }
}

function shell(lang: Language, title: string, body: string, switchHref?: string): string {
  const t = translatorFor(lang, 'answerPage');
  const other = LANGUAGES.find((language) => language !== lang) ?? 'en';
  const switcher = switchHref
    ? `<header><p class="lang"><a href="${escapeHtml(switchHref)}" lang="${other}" hreflang="${other}">${escapeHtml(
        t('switchLanguage'),
      )}</a></p></header>`
    : '';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<div class="page">
${switcher}
<main>
${body}
</main>
</div>
</body>
</html>
`;
}

/** A page that only says why nothing can be done (invalid or expired link, too many requests). */
export function messagePage(lang: Language | 'both', titleKey: string, textKey: string): string {
  const languages: Language[] = lang === 'both' ? ['fr', 'en'] : [lang];
  const [first = 'fr'] = languages;
  const title = translatorFor(first, 'answerPage')(titleKey);
  const body = languages
    .map((language) => {
      const t = translatorFor(language, 'answerPage');
      return `<div lang="${language}"><h1>${escapeHtml(t(titleKey))}</h1><p>${escapeHtml(t(textKey))}</p></div>`;
    })
    .join('\n');
  return shell(first, title, body);
}

export const pageUrl = (code: string, lang: Language) => `${ANSWER_PATH}/${code}?lang=${lang}`;

/** The page for a valid link: the current offer, the answer as it stands, and the form when an answer is possible. */
export function answerPage(model: AnswerPageModel): string {
  const { lang, code, liaisonCase, today } = model;
  const t = translatorFor(lang, 'answerPage');
  const cardsT = translatorFor(lang, 'cards');
  const errors = model.errors ?? [];
  const values = model.values ?? {};
  const answers = answersFor(liaisonCase, today);
  const { meeting } = liaisonCase;
  const other = LANGUAGES.find((language) => language !== lang) ?? 'en';
  const title = `${errors.length > 0 || model.notice ? `${t('errors.prefix')} ` : ''}${t('title')}`;

  const parts: string[] = [`<h1>${escapeHtml(t('title'))}</h1>`];
  if (errors.length > 0) parts.push(errorSummary(errors, t));
  if (model.notice) {
    parts.push(
      `<div class="error-summary" role="alert"><p>${escapeHtml(t(`errors.${model.notice}`))}</p></div>`,
    );
  }
  if (liaisonCase.state !== 'invited') {
    const changeHint = answers.length > 0 ? ` ${t('state.changeHint')}` : '';
    parts.push(
      `<div class="status" role="status"><p>${escapeHtml(t(`state.${liaisonCase.state}`) + changeHint)}</p></div>`,
    );
  }
  parts.push(`<p>${escapeHtml(t('intro', { companyName: model.companyName }))}</p>`);
  parts.push(
    `<section aria-labelledby="meeting-heading">
<h2 id="meeting-heading">${escapeHtml(t('meeting.heading'))}</h2>
<dl>
<dt>${escapeHtml(t('meeting.company'))}</dt><dd>${escapeHtml(model.companyName)}</dd>
<dt>${escapeHtml(t('meeting.date'))}</dt><dd>${escapeHtml(formatIsoDate(meeting.date, cardsT))}</dd>
<dt>${escapeHtml(t('meeting.time'))}</dt><dd>${escapeHtml(meeting.time)}</dd>
<dt>${escapeHtml(t('meeting.mode'))}</dt><dd>${escapeHtml(t(`meeting.${meeting.mode}`))}</dd>
</dl>
${liaisonCase.offer > 1 ? `<p>${escapeHtml(t('replaces'))}</p>` : ''}
</section>`,
  );
  parts.push(`<p>${escapeHtml(t('optional'))}</p>`);
  if (answers.length > 0) parts.push(answerForm(model, answers, values, errors, t));
  return shell(lang, title, parts.join('\n'), pageUrl(code, other));
}

function errorSummary(errors: FieldError[], t: Translator): string {
  const items = errors
    .map((error) => `<li><a href="#${fieldId(error.field)}">${escapeHtml(t(`errors.${error.key}`))}</a></li>`)
    .join('');
  return `<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
<h2 id="error-summary-title">${escapeHtml(t('errors.summaryTitle'))}</h2>
<ul>${items}</ul>
</div>`;
}

/** The element an error links to: the first radio of the answer, or the date field. */
const fieldId = (field: FieldName) => (field === 'answer' ? 'answer-first' : field);

function answerForm(
  model: AnswerPageModel,
  answers: Answer[],
  values: FormValues,
  errors: FieldError[],
  t: Translator,
): string {
  const errorOf = (field: FieldName) => errors.find((error) => error.field === field);
  const errorLine = (field: FieldName) => {
    const error = errorOf(field);
    return error
      ? `<p class="error" id="${field}-error"><span class="visually-hidden">${escapeHtml(t('errors.prefix'))} </span>${escapeHtml(
          t(`errors.${error.key}`),
        )}</p>`
      : '';
  };
  const answerError = errorOf('answer');
  const radios = answers
    .map((answer, index) => {
      const id = index === 0 ? 'answer-first' : `answer-${answer}`;
      const checked = values.answer === answer ? ' checked' : '';
      return `<div class="choice"><input type="radio" id="${id}" name="answer" value="${answer}"${checked} aria-describedby="${id}-hint"><label for="${id}">${escapeHtml(
        t(`form.${answer}`),
      )}<span class="hint" id="${id}-hint">${escapeHtml(t(`form.${answer}Hint`))}</span></label></div>`;
    })
    .join('\n');
  const answerFieldset = `<fieldset${answerError ? ' aria-describedby="answer-error"' : ''}>
<legend>${escapeHtml(t('form.answerLegend'))}</legend>
${errorLine('answer')}
${radios}
</fieldset>`;

  const dateField = (field: 'date1' | 'date2') => {
    const error = errorOf(field);
    const describedBy = [`${field}-hint`, ...(error ? [`${field}-error`] : [])].join(' ');
    return `<div class="field">
<label for="${field}">${escapeHtml(t(`form.${field}`))}<span class="hint" id="${field}-hint">${escapeHtml(
      t('form.dateHint'),
    )}</span></label>
${errorLine(field)}
<input type="date" id="${field}" name="${field}" min="${model.today}" value="${escapeHtml(values[field] ?? '')}" aria-describedby="${describedBy}"${
      error ? ' aria-invalid="true"' : ''
    }>
</div>`;
  };
  const partOfDay = (['any', 'morning', 'afternoon'] as const)
    .map((part) => {
      const checked = (values.partOfDay ?? 'any') === part ? ' checked' : '';
      const label = part === 'any' ? t('form.anyTime') : t(`form.${part}`);
      return `<div class="choice"><input type="radio" id="partOfDay-${part}" name="partOfDay" value="${part}"${checked}><label for="partOfDay-${part}">${escapeHtml(label)}</label></div>`;
    })
    .join('\n');
  const checkbox = (name: 'referent' | 'withoutManager') =>
    `<div class="choice"><input type="checkbox" id="${name}" name="${name}" value="true"${
      values[name] ? ' checked' : ''
    }><label for="${name}">${escapeHtml(t(`form.${name}`))}</label></div>`;
  const referentOffered = model.liaisonCase.referentOffered ?? true;
  const otherFieldset = answers.includes('other')
    ? `<fieldset>
<legend>${escapeHtml(t('form.otherLegend'))}</legend>
<p class="hint">${escapeHtml(t('form.otherIntro'))}</p>
${dateField('date1')}
${dateField('date2')}
<fieldset>
<legend>${escapeHtml(t('form.partOfDay'))}</legend>
${partOfDay}
</fieldset>
${referentOffered ? checkbox('referent') : ''}
${checkbox('withoutManager')}
</fieldset>`
    : '';

  return `<form method="post" action="${ANSWER_PATH}" novalidate>
<input type="hidden" name="token" value="${escapeHtml(model.code)}">
<input type="hidden" name="offer" value="${model.liaisonCase.offer}">
<input type="hidden" name="lang" value="${model.lang}">
${answerFieldset}
${otherFieldset}
<button type="submit">${escapeHtml(t('form.submit'))}</button>
</form>`;
}
