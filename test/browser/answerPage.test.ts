import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium';
import { PROJECT_ROOT } from '../../bot/platform/paths';
import { seedCase, TENANT } from '../bot/services/cases/sampleCase';
import { startAnswerPage } from '../bot/http/answerPage/harness';

jest.setTimeout(120_000);

/** With UPDATE_SCREENSHOTS=1 the pictures go to docs/screenshots/; otherwise to out/e2e/answer-page/. */
const SCREENSHOTS =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? path.join(PROJECT_ROOT, 'docs', 'screenshots')
    : path.join(PROJECT_ROOT, 'out', 'e2e', 'answer-page');
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/**
 * axe-core in the page (evaluated through the browser's debugging protocol: the page's CSP forbids any script,
 * which is the point), on the WCAG 2.0/2.1 A and AA rules and axe's best practices.
 */
async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const result: unknown = await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} } })`,
  );
  return (result as { violations: AxeViolation[] }).violations.map(({ id, impact, help, nodes }) => ({
    id,
    impact,
    help,
    nodes: nodes.map((node) => ({ target: node.target })),
  }));
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SCREENSHOTS, `answer-page-${name}.png`), fullPage: true });

/**
 * The answer page of issue #17 in a real browser at 320 px (a small phone): light and dark, French and English,
 * answered with the keyboard and the mouse, checked by axe-core at each step. No script runs in the page.
 */
describe('#17 the answer page in chromium at 320 px', () => {
  let server: Awaited<ReturnType<typeof startAnswerPage>>;
  let browser: Browser;

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startAnswerPage();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const open = async (colorScheme: 'light' | 'dark') => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, colorScheme });
    const page = await context.newPage();
    const blocked: string[] = [];
    page.on('console', (message) => {
      // A 422 for the form sent without an answer is expected; anything the CSP blocked is not.
      if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text()))
        blocked.push(message.text());
    });
    page.on('request', (request) => {
      if (!request.url().startsWith(server.baseUrl)) blocked.push(`third party: ${request.url()}`);
    });
    return { context, page, blocked };
  };

  const fitsWidth = (page: Page) => page.evaluate('document.documentElement.scrollWidth <= 320');

  test('#17 the invitation, answered with another date, in French, light: no violation, no overflow', async () => {
    const liaisonCase = await seedCase(server.db, {
      settings: { companyName: 'Acme Industries', spstContact: { name: 'Dr SPST', aadObjectId: 'aad-spst' } },
    });
    const { context, page, blocked } = await open('light');
    await page.goto(`${server.baseUrl}${await server.pathOf(liaisonCase)}`);
    await page.getByRole('heading', { name: 'Votre rendez-vous de liaison' }).waitFor();
    expect(await fitsWidth(page)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'invitation-fr');

    // Sent without an answer: the error summary, then the field, reachable by its link.
    await page.getByRole('button', { name: 'Envoyer ma réponse' }).click();
    await page.getByRole('heading', { name: "Votre réponse n'a pas été envoyée" }).waitFor();
    expect(await page.title()).toMatch(/^Erreur\u00a0:/);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'error-fr');
    await page.getByRole('link', { name: 'Choisissez une réponse.' }).click();

    // With the keyboard: the answer, then the wished day and the part of the day.
    await page.getByLabel('Je préfère une autre date').check();
    await page.getByLabel('Un jour qui vous conviendrait').fill('2026-11-24');
    await page.getByLabel("L'après-midi").check();
    await page.getByLabel('Je préfère que mon responsable ne soit pas présent').check();
    await page.getByRole('button', { name: 'Envoyer ma réponse' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Vous avez demandé une autre date.').waitFor();
    expect(await fitsWidth(page)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'answered-fr');

    const stored = await server.cases.get(TENANT, liaisonCase.id);
    expect(stored).toMatchObject({
      state: 'other_date_asked',
      wishes: { dates: ['2026-11-24'], partOfDay: 'afternoon', withoutManager: true, referent: false },
    });
    expect((await server.cases.auditTrail(TENANT, liaisonCase.id)).at(-1)).toMatchObject({ via: 'link' });
    expect(blocked).toEqual([]);
    await context.close();
  });

  test('#17 in English, dark: accepted from the page, readable and without violation', async () => {
    const liaisonCase = await seedCase(server.db, {
      settings: { companyName: 'Acme Industries', spstContact: { name: 'Dr SPST', aadObjectId: 'aad-spst' } },
      request: { employee: { aadObjectId: 'aad-employee-dark', name: 'Jeanne Morel' } },
    });
    const { context, page, blocked } = await open('dark');
    await page.goto(`${server.baseUrl}${await server.pathOf(liaisonCase, 'fr')}`);
    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Your liaison meeting' }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    const background = await page.evaluate('getComputedStyle(document.body).backgroundColor');
    expect(background).toBe('rgb(18, 20, 23)'); // the dark palette
    expect(await fitsWidth(page)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'invitation-en-dark');

    await page.getByLabel('I accept this meeting').check();
    await page.getByRole('button', { name: 'Send my answer' }).click();
    await page.getByText('You have accepted this meeting.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'accepted-en-dark');
    expect((await server.cases.get(TENANT, liaisonCase.id))?.state).toBe('accepted');
    expect(blocked).toEqual([]);
    await context.close();
  });
});
