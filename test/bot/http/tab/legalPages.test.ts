import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import restify from 'restify';
import { PROJECT_ROOT } from '../../../../bot/platform/paths';
import { registerLegalPages } from '../../../../bot/http/tab/legalPages';
import { freshSqlite, type TestDatabase } from '../../../support/databases';
import { startTabApp } from './tabApi';

/** The visible text of a page: tags dropped, entities decoded, spaces collapsed. */
const visibleText = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

/** The text of the article in `language` (each language is an <article lang="…">). */
const articleIn = (html: string, language: string) =>
  visibleText(
    new RegExp(`<article id="${language}" lang="${language}">([\\s\\S]*?)</article>`).exec(html)?.[1] ?? '',
  );

describe('the privacy and terms pages, as the app serves them', () => {
  let database: TestDatabase;
  let tab: Awaited<ReturnType<typeof startTabApp>>;
  beforeAll(async () => {
    database = await freshSqlite();
    tab = await startTabApp(database);
  });
  afterAll(async () => {
    await tab?.app.stop();
    await database?.dispose();
  });

  test.each(['/privacy', '/terms'])('%s: 200, HTML, the security headers of the tab', async (url) => {
    const response = await fetch(`${tab.baseUrl}${url}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(/default-src 'self'/);
    expect(policy).toMatch(/frame-ancestors 'self' https:\/\/teams\.microsoft\.com /);
    expect(policy).not.toMatch(/unsafe-inline/);
    // The one inline stylesheet is allowed by its hash, so a browser applies it.
    const html = await response.text();
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(style).not.toBe('');
    expect(policy).toContain(
      `style-src 'sha256-${crypto.createHash('sha256').update(style).digest('base64')}'`,
    );
    expect(html).not.toMatch(/<script/i);
  });

  test('/privacy states, in French and in English, that no medical information is kept, and what is', async () => {
    const html = await (await fetch(`${tab.baseUrl}/privacy`)).text();
    const fr = articleIn(html, 'fr');
    const en = articleIn(html, 'en');
    expect(fr).toContain('Ce que Liaison ne conserve jamais Aucune information médicale');
    expect(en).toContain('What Liaison never keeps No medical information');
    for (const [text, expected] of [
      [
        fr,
        [
          'adresse e-mail',
          'identifiant Teams',
          'SQLite ou PostgreSQL',
          '6 mois après sa clôture',
          'pendant 5 ans',
          'export données <e-mail>',
          'effacer données <e-mail>',
          'service RH de votre employeur',
        ],
      ],
      [
        en,
        [
          'email address',
          'Teams (Microsoft Entra) id',
          'SQLite or PostgreSQL',
          'for 6 months after it closes',
          'for 5 years',
          'export data <email>',
          'erase data <email>',
          "employer's HR department",
        ],
      ],
    ] as const) {
      for (const phrase of expected) expect(text).toContain(phrase);
    }
    // Every sentence is escaped: "<email>" is text, not a tag.
    expect(html).toContain('export data &lt;email&gt;');
    expect(html).not.toContain('<email>');
  });

  test('/terms: L1226-1-3, general information and no advice, the employer stays responsible, in both languages', async () => {
    const html = await (await fetch(`${tab.baseUrl}/terms`)).text();
    const fr = articleIn(html, 'fr');
    const en = articleIn(html, 'en');
    expect(fr).toContain('article L1226-1-3 du Code du travail');
    expect(fr).toContain('Ce ne sont ni des conseils juridiques ni des avis médicaux');
    expect(fr).toContain("L'employeur qui déploie Liaison reste responsable");
    expect(en).toContain('article L1226-1-3 of the French Labour Code');
    expect(en).toContain('They are neither legal advice nor medical advice');
    expect(en).toContain('The employer who deploys Liaison remains responsible');
    expect(html).toContain('<a href="/privacy">Confidentialité</a>');
  });

  test.each([
    [{}, 'fr'],
    [{ 'accept-language': 'en-GB,en;q=0.9,fr;q=0.5' }, 'en'],
    [{ 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' }, 'fr'],
    [{ 'accept-language': 'de-DE' }, 'fr'],
  ])('headers %p: %s first, the other language below', async (headers, first) => {
    const html = await (await fetch(`${tab.baseUrl}/privacy`, { headers })).text();
    const second = first === 'fr' ? 'en' : 'fr';
    expect(html).toContain(`<html lang="${first}">`);
    expect(html.indexOf(`<article id="${first}"`)).toBeGreaterThan(-1);
    expect(html.indexOf(`<article id="${first}"`)).toBeLessThan(html.indexOf(`<article id="${second}"`));
  });

  test('?lang= wins over Accept-Language', async () => {
    const html = await (
      await fetch(`${tab.baseUrl}/terms?lang=en`, { headers: { 'accept-language': 'fr-FR' } })
    ).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<title>Liaison — Terms of use / Liaison — Conditions d&#39;utilisation</title>');
    expect(html).toContain('<a href="/privacy">Privacy</a>');
  });

  test("the manifest's privacy and terms links are these pages", () => {
    const manifest = JSON.parse(
      fs.readFileSync(path.join(PROJECT_ROOT, 'deployment', 'teams', 'manifest.json'), 'utf8'),
    ) as { developer: { privacyUrl: string; termsOfUseUrl: string } };
    const pathOf = (url: string) => new URL(url.replace('${{PUBLIC_DOMAIN}}', 'example.com')).pathname;
    expect(pathOf(manifest.developer.privacyUrl)).toBe('/privacy');
    expect(pathOf(manifest.developer.termsOfUseUrl)).toBe('/terms');
  });
});

test('the privacy page states the retention periods this server applies', async () => {
  const server = restify.createServer();
  registerLegalPages(server, { detailsMonths: 12, proofYears: 6 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const html = await (await fetch(`http://127.0.0.1:${server.address().port}/privacy`)).text();
    expect(articleIn(html, 'fr')).toContain('puis 12 mois après sa clôture');
    expect(articleIn(html, 'fr')).toContain('pendant 6 ans après la clôture');
    expect(articleIn(html, 'en')).toContain('then for 12 months after it closes');
    expect(articleIn(html, 'en')).toContain('for 6 years after the case closed');
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
