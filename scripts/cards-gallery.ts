// `npm run cards:gallery`: renders every card in both languages and themes into docs/cards/.
/**
 * `npm run cards:gallery`: renders every card template (CARD_NAMES in cards/index.ts, with its sample data from
 * cards/samples/<name>.json) in French and English, with a light and a dark Teams-like host config, using the
 * adaptivecards renderer (its browser build) in headless chromium. Writes docs/cards/<name>.<lang>.<theme>.png and
 * docs/cards/index.html, and prints what looks wrong:
 *   - text cut or overflowing (an element wider than its box, or a one-line text ending in an ellipsis);
 *   - untranslated text (an unbound `${…}`, a missing locale key shown as `card.key`, a long sentence identical in
 *     both languages);
 *   - a renderer warning or error (e.g. an element the host config does not support).
 * Exit code 1 when the renderer fails on a card; problems are reported, not fatal, so the gallery is always written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from './chromium';
import prettier from 'prettier';
import { translatorFor } from '../language/i18n';
import { CARD_NAMES, bindCard, type CardName } from '../cards';

const ROOT = path.resolve(__dirname, '..');
const OUT_DIR = path.join(ROOT, 'docs', 'cards');
const RENDERER = path.join(ROOT, 'node_modules', 'adaptivecards', 'dist', 'adaptivecards.min.js');
/** About the width Teams gives a card in a chat on a laptop screen. */
const CARD_WIDTH = 450;
const LANGUAGES = ['fr', 'en'] as const;

/** Teams-like host configs: its font, spacing and colours, light and dark (approximations, not Teams' own files). */
function hostConfig(theme: 'light' | 'dark') {
  const dark = theme === 'dark';
  const foreground = (normal: string, subtle: string) => ({ default: normal, subtle });
  return {
    fontFamily: "'Segoe UI', 'Helvetica Neue', 'DejaVu Sans', sans-serif",
    supportsInteractivity: true,
    spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
    separator: { lineThickness: 1, lineColor: dark ? '#3d3d3d' : '#e1e1e1' },
    fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
    fontWeights: { lighter: 200, default: 400, bolder: 600 },
    containerStyles: {
      default: {
        backgroundColor: dark ? '#292929' : '#ffffff',
        foregroundColors: {
          default: foreground(dark ? '#ffffff' : '#242424', dark ? '#adadad' : '#616161'),
          accent: foreground(dark ? '#7f85f5' : '#5b5fc7', dark ? '#7f85f5' : '#5b5fc7'),
          good: foreground(dark ? '#92c353' : '#237b4b', dark ? '#92c353' : '#237b4b'),
          warning: foreground(dark ? '#f8d22a' : '#835c00', dark ? '#f8d22a' : '#835c00'),
          attention: foreground(dark ? '#f1707b' : '#c4314b', dark ? '#f1707b' : '#c4314b'),
          dark: foreground('#242424', '#616161'),
          light: foreground('#ffffff', '#f5f5f5'),
        },
      },
      emphasis: {
        backgroundColor: dark ? '#1f1f1f' : '#f5f5f5',
        foregroundColors: {
          default: foreground(dark ? '#ffffff' : '#242424', dark ? '#adadad' : '#616161'),
          accent: foreground(dark ? '#7f85f5' : '#5b5fc7', dark ? '#7f85f5' : '#5b5fc7'),
          attention: foreground(dark ? '#f1707b' : '#c4314b', dark ? '#f1707b' : '#c4314b'),
          good: foreground(dark ? '#92c353' : '#237b4b', dark ? '#92c353' : '#237b4b'),
          warning: foreground(dark ? '#f8d22a' : '#835c00', dark ? '#f8d22a' : '#835c00'),
        },
      },
      accent: { backgroundColor: dark ? '#2f2f4a' : '#e8ebfa' },
      good: { backgroundColor: dark ? '#0d2e0d' : '#e7f2da' },
      attention: { backgroundColor: dark ? '#3e1f25' : '#fcf4f6' },
      warning: { backgroundColor: dark ? '#463100' : '#fbf6d9' },
    },
    actions: {
      maxActions: 6,
      spacing: 'default',
      buttonSpacing: 8,
      showCard: { actionMode: 'inline', inlineTopMargin: 16 },
      actionsOrientation: 'horizontal',
      actionAlignment: 'left',
    },
    inputs: { label: { requiredInputs: { suffix: ' *' }, optionalInputs: {} } },
  };
}

/** The page's own styles for buttons and inputs (the renderer leaves them to the host), light and dark. */
function pageCss(): string {
  return `
    body { margin: 0; padding: 16px; font-family: 'Segoe UI', 'DejaVu Sans', sans-serif; }
    body.light { background: #f5f5f5; } body.dark { background: #1f1f1f; }
    #card { width: ${CARD_WIDTH}px; border-radius: 6px; overflow: hidden; box-shadow: 0 1px 3px rgba(0,0,0,.2); }
    .ac-pushButton { font: 600 14px 'Segoe UI', 'DejaVu Sans', sans-serif; padding: 5px 12px; border-radius: 4px;
      min-height: 32px; cursor: pointer; white-space: normal; }
    body.light .ac-pushButton { background: #fff; color: #242424; border: 1px solid #d1d1d1; }
    body.dark .ac-pushButton { background: #292929; color: #fff; border: 1px solid #666; }
    .ac-input { font: 14px 'Segoe UI', 'DejaVu Sans', sans-serif; padding: 4px 8px; box-sizing: border-box; }
    body.light .ac-input { background: #fff; color: #242424; border: 1px solid #d1d1d1; }
    body.dark .ac-input { background: #1f1f1f; color: #fff; border: 1px solid #666; }
    .ac-textBlock p { margin: 0; } .ac-textBlock ul, .ac-textBlock ol { margin: 0; padding-left: 20px; }`;
}

interface Problem {
  card: string;
  lang: string;
  theme: string;
  problem: string;
}

/** Every string of a bound card, with where it is (to name the problem). */
function strings(value: unknown, at = '$'): Array<{ at: string; text: string }> {
  if (typeof value === 'string') return [{ at, text: value }];
  if (Array.isArray(value)) return value.flatMap((item, index) => strings(item, `${at}[${index}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      key === 'type' || key === 'id' ? [] : strings(item, `${at}.${key}`),
    );
  }
  return [];
}

/** Texts that a person reads: not ids, verbs, urls, versions, schema or data values the card only carries. */
const NOT_READ =
  /\.(verb|url|version|\$schema|data\.[^.]*|value|targetElements\[\d+\]|style|color|size|weight|horizontalAlignment|spacing|height|width|regex|placeholder_?unused)$/;

function untranslated(name: CardName, lang: string, card: object, other: object, sample: object): string[] {
  const problems: string[] = [];
  // Texts given as data (names, dates, sentences the bot already translated) are the caller's, not the template's.
  const data = new Set(strings(sample).map(({ text }) => text));
  const theirs = new Map(strings(other).map(({ at, text }) => [at, text]));
  for (const { at, text } of strings(card)) {
    if (NOT_READ.test(at) || data.has(text)) continue;
    if (text.includes('${')) problems.push(`unbound expression at ${at}: ${text}`);
    if (new RegExp(`^${name}\\.[\\w.]+$`).test(text)) problems.push(`missing ${lang} text at ${at}: ${text}`);
    // A sentence identical in both languages was probably not translated.
    if (/\s\S+\s\S+\s/.test(text) && text.length > 25 && theirs.get(at) === text) {
      problems.push(`same text in French and English at ${at}: ${text.slice(0, 80)}`);
    }
  }
  return problems;
}

/**
 * Runs in the page (plain JavaScript: the project's TypeScript has no DOM types): renders one card with the
 * adaptivecards browser build, then looks for elements outside the card's box and one-line texts cut short.
 */
const RENDER_IN_PAGE = `({ card, config, theme }) => {
  const AC = window.AdaptiveCards;
  document.body.className = theme;
  const host = document.getElementById('card');
  host.innerHTML = '';
  const adaptiveCard = new AC.AdaptiveCard();
  adaptiveCard.hostConfig = new AC.HostConfig(config);
  const context = new AC.SerializationContext();
  adaptiveCard.parse(card, context);
  const messages = [];
  for (let index = 0; index < context.eventCount; index += 1) messages.push(context.getEventAt(index).message);
  const element = adaptiveCard.render();
  if (!element) return { error: 'render() returned nothing', messages, issues: [] };
  host.appendChild(element);
  const issues = [];
  const box = host.getBoundingClientRect();
  for (const node of host.querySelectorAll('*')) {
    if (node.offsetParent === null) continue; // not displayed
    const rect = node.getBoundingClientRect();
    const label = (node.innerText || node.getAttribute('aria-label') || node.tagName).replace(/\\s+/g, ' ').slice(0, 60);
    if (rect.right > box.right + 1 || rect.left < box.left - 1) issues.push('overflows the card: «' + label + '»');
    const style = getComputedStyle(node);
    const clips = style.textOverflow === 'ellipsis' || style.overflow === 'hidden';
    if (clips && node.scrollWidth > node.clientWidth + 1 && node.children.length === 0 && node.innerText.trim() !== '') {
      issues.push('text cut: «' + label + '»');
    }
  }
  return { error: '', messages, issues };
}`;

async function main(): Promise<void> {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  for (const file of fs.readdirSync(OUT_DIR)) if (file.endsWith('.png')) fs.rmSync(path.join(OUT_DIR, file));
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: CARD_WIDTH + 32, height: 600 } });
  await page.setContent(
    `<!doctype html><html><head><style>${pageCss()}</style></head><body><div id="card"></div></body></html>`,
  );
  await page.addScriptTag({ path: RENDERER });
  const problems: Problem[] = [];
  const rows: string[] = [];
  let failed = false;
  for (const name of CARD_NAMES) {
    // The sample data; cards/samples/<name>.<lang>.json, when present, holds a language's own values (sentences the
    // bot translates before binding, e.g. the meeting mode), so that each picture is in one language.
    const sampleOf = (lang: string): Record<string, unknown> => {
      const own = path.join(ROOT, 'cards', 'samples', `${name}.${lang}.json`);
      const file = fs.existsSync(own) ? own : path.join(ROOT, 'cards', 'samples', `${name}.json`);
      return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    };
    const samples = Object.fromEntries(LANGUAGES.map((lang) => [lang, sampleOf(lang)]));
    const sample = { ...samples.fr, ...samples.en };
    const bound = Object.fromEntries(
      LANGUAGES.map((lang) => [lang, bindCard(name, translatorFor(lang), samples[lang] ?? {})]),
    ) as Record<(typeof LANGUAGES)[number], object>;
    const cells: string[] = [];
    for (const lang of LANGUAGES) {
      for (const problem of untranslated(
        name,
        lang,
        bound[lang],
        bound[lang === 'fr' ? 'en' : 'fr'],
        sample,
      )) {
        problems.push({ card: name, lang, theme: '-', problem });
      }
      for (const theme of ['light', 'dark'] as const) {
        const result = (await page.evaluate(
          `(${RENDER_IN_PAGE})(${JSON.stringify({
            card: bound[lang],
            config: hostConfig(theme),
            theme,
          })})`,
        )) as { error: string; messages: string[]; issues: string[] };
        if (result.error) {
          failed = true;
          problems.push({ card: name, lang, theme, problem: result.error });
        }
        for (const message of result.messages)
          problems.push({ card: name, lang, theme, problem: `renderer: ${message}` });
        for (const issue of [...new Set(result.issues)])
          problems.push({ card: name, lang, theme, problem: issue });
        const file = `${name}.${lang}.${theme}.png`;
        await page.locator('#card').screenshot({ path: path.join(OUT_DIR, file) });
        cells.push(
          `<td class="${theme}"><img src="${file}" alt="${name}, ${lang}, ${theme}" loading="lazy" width="${CARD_WIDTH}"></td>`,
        );
      }
    }
    rows.push(
      `<tr><th id="${name}"><a href="#${name}">${name}</a><br><small>cards/${name}.json</small></th>${cells.join('')}</tr>`,
    );
  }
  await browser.close();

  const problemList = problems.length
    ? `<ul>${problems.map((p) => `<li><b>${p.card}</b> (${p.lang}${p.theme !== '-' ? `, ${p.theme}` : ''}): ${escapeHtml(p.problem)}</li>`).join('')}</ul>`
    : '<p>None found.</p>';
  const indexFile = path.join(OUT_DIR, 'index.html');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Liaison — card gallery</title>
<style>
 body { font-family: 'Segoe UI', sans-serif; margin: 24px; } table { border-collapse: collapse; }
 th, td { border: 1px solid #ddd; padding: 8px; vertical-align: top; } th { text-align: left; min-width: 160px; }
 td.dark { background: #1f1f1f; } td.light { background: #f5f5f5; }
</style></head><body>
<h1>Liaison — every card</h1>
<p>Generated by <code>npm run cards:gallery</code> (scripts/cards-gallery.ts): each template of <code>cards/</code>
bound to its sample data (<code>cards/samples/</code>) in French and English, rendered by the adaptivecards SDK in
chromium at ${CARD_WIDTH} px with a Teams-like light and dark host config. Teams' own rendering differs in details
(fonts, buttons); hidden parts (ShowCard, "learn more") are not shown, and the SDK draws the Teams people picker
(<code>Data.Query</code>) as a small search box. Values that come from the sample data (names, dates, and sentences
the bot translates before binding) are as the sample gives them.</p>
<h2>Checks</h2>${problemList}
<table><thead><tr><th>card</th><th>français, clair</th><th>français, sombre</th><th>English, light</th><th>English, dark</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></body></html>
`;
  // Formatted as `npm run lint` (prettier --check) expects.
  const options = (await prettier.resolveConfig(indexFile)) ?? {};
  fs.writeFileSync(indexFile, await prettier.format(html, { ...options, filepath: indexFile }));
  console.log(
    `${CARD_NAMES.length} cards × ${LANGUAGES.length} languages × 2 themes → ${path.relative(ROOT, OUT_DIR)}/index.html`,
  );
  if (problems.length > 0) {
    console.log(`\n${problems.length} problem(s):`);
    for (const p of problems)
      console.log(`  ${p.card} [${p.lang}${p.theme !== '-' ? `, ${p.theme}` : ''}] ${p.problem}`);
  } else console.log('No problem found.');
  if (failed) process.exit(1);
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"]/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char] ?? char,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
