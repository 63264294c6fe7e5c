import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium';
import { CompanySettingsStore } from '../../bot/services/caseFlow';
import type { CaseChange } from '../../bot/services/caseFlow';
import { PROJECT_ROOT } from '../../bot/platform/paths';
import { DEV_TENANT } from '../../bot/http/tab';
import { addDays, parisToday } from '../../domain';
import { callerOf, MANAGER_ID, sampleOpenRequest, testCaseService } from '../bot/services/cases/sampleCase';
import { freshSqlite, type TestDatabase } from '../support/databases';
import { startTabApp } from '../bot/http/tab/tabApi';

jest.setTimeout(120_000);

/** Reads until the value equals `expected` (the page updates asynchronously), then asserts it. */
async function eventually<T>(read: () => Promise<T>, expected: unknown, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!equals(value, expected) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  expect(value).toEqual(expected);
}

function equals(value: unknown, expected: unknown): boolean {
  try {
    expect(value).toEqual(expected);
    return true;
  } catch {
    return false;
  }
}

/** The pages' pictures go to out/e2e/tab/; with UPDATE_SCREENSHOTS=1 to docs/screenshots/ (a test run leaves the tree clean). */
const SCREENSHOTS =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? path.join(PROJECT_ROOT, 'docs', 'screenshots')
    : path.join(PROJECT_ROOT, 'out', 'e2e', 'tab');

/**
 * The HR tab in a real browser (Debian's chromium driven by playwright-core), in local mode: sign in as the demo HR
 * person, read the cases sorted by urgency, filter them, open a timeline, fill and save the settings form. The
 * screenshots land in docs/screenshots/hr-tab-*.png.
 */
describe('the HR tab in chromium, local mode', () => {
  let database: TestDatabase;
  let tab: Awaited<ReturnType<typeof startTabApp>>;
  let browser: Browser;
  let page: Page;
  const today = parisToday(new Date());

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'tab', 'build.mjs')], { cwd: PROJECT_ROOT });
    database = await freshSqlite();
    tab = await startTabApp(database);
    // Cases made as the bot makes them, through CaseService (the company has no settings yet: the SPST is told
    // by the managers, so every open case has a deadline).
    const { service } = testCaseService(tab.app.db, { now: () => new Date() });
    const seed = async (name: string, requestDaysAgo: number, meetingIn: number, steps: CaseChange[]) => {
      const employee = `aad-${name.split(' ')[0]!.toLowerCase()}`;
      const opened = await service.open(
        sampleOpenRequest({
          tenantId: DEV_TENANT,
          companyId: DEV_TENANT,
          requestDate: addDays(today, -requestDaysAgo),
          employee: { aadObjectId: employee, name, jobTitle: 'Comptable' },
          absences: [{ kind: 'maladie', start: addDays(today, -90), end: addDays(today, 60) }],
          meeting: { date: addDays(today, meetingIn), time: '10:00', mode: 'on_site', place: 'Salle 2' },
        }),
        callerOf(MANAGER_ID),
      );
      if (opened.outcome !== 'applied') throw new Error(JSON.stringify(opened));
      for (const change of steps)
        await service.change(DEV_TENANT, opened.case.id, change, callerOf(employee));
    };
    // Camille asked for another date: the new one was due two days ago.
    await seed('Camille Martin', 17, 12, [
      { type: 'ask_other_date', offer: 1, wishes: { dates: [], withoutManager: false, referent: false } },
    ]);
    await seed('Chloé Leroy', 3, 9, [{ type: 'accept', offer: 1 }]);
    await seed('Bruno Petit', 2, 20, []);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  });
  afterAll(async () => {
    await browser?.close();
    await tab?.app.stop();
    await database?.dispose();
  });

  const rows = () => page.locator('#cases-body tr');
  const firstCells = () => page.locator('#cases-body tr th').allInnerTexts();

  test('local sign-in shows the cases, most urgent first', async () => {
    await page.goto(`${tab.baseUrl}/tab/?lang=fr`);
    await page.getByLabel('Personne', { exact: true }).selectOption('aad-hr');
    await page.getByLabel('Locataire (tenant)').fill(DEV_TENANT);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Dossiers en cours' }).waitFor();
    await rows().first().waitFor();
    // The filter starts on the open cases; Camille's new date was due two days ago (#12.10: said plainly).
    expect((await firstCells()).map((cell) => cell.split('\n')[0])).toEqual([
      'Camille Martin',
      'Chloé Leroy',
      'Bruno Petit',
    ]);
    await expect(page.locator('#cases-body tr').first().locator('td.overdue').innerText()).resolves.toMatch(
      /Proposition à envoyer — .* \(dépassée de 2 jours\)/,
    );
    await expect(page.locator('#cases-body tr').first().locator('.badge.overdue').innerText()).resolves.toBe(
      'Proposition en retard de 2 jours',
    );
    await expect(page.locator('#status').innerText()).resolves.toBe('3 dossiers affichés.');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'hr-tab-cases.png'), fullPage: true });
  });

  test('the filters: text (accents ignored) and state', async () => {
    await page.getByLabel('Rechercher').fill('chloe');
    await eventually(() => rows().count(), 1);
    await expect(firstCells()).resolves.toEqual([expect.stringContaining('Chloé Leroy')]);
    await page.getByLabel('Rechercher').fill('');
    await page.getByLabel('État').selectOption('invited');
    await eventually(firstCells, [expect.stringContaining('Bruno Petit')]);
    await expect(page.locator('#status').innerText()).resolves.toBe('1 dossier affiché.');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'hr-tab-filtered.png'), fullPage: true });
    await page.getByLabel('État').selectOption('open');
    await eventually(() => rows().count(), 3);
  });

  test("a case's timeline, reached and left with the keyboard", async () => {
    const focusedLabel = () => page.evaluate("document.activeElement?.getAttribute('aria-label')");
    const chloe = page.getByRole('button', { name: 'Voir le dossier de Chloé Leroy' });
    await chloe.focus();
    // The list drawn again (a filter, a late answer) leaves the keyboard on Chloé's case.
    const drawnBefore = await chloe.elementHandle();
    await page.locator('#filter-state').dispatchEvent('change');
    await page.waitForFunction((button) => !button?.isConnected, drawnBefore);
    await expect(focusedLabel()).resolves.toBe('Voir le dossier de Chloé Leroy');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Dossier de Chloé Leroy' }).waitFor();
    await expect(page.evaluate('document.activeElement?.id')).resolves.toBe('case-heading');
    await expect(page.locator('#case-timeline li').allInnerTexts()).resolves.toEqual([
      expect.stringMatching(
        /Rendez-vous proposé \(dossier ouvert\) par le manager dans Teams — — → Invitation envoyée/,
      ),
      expect.stringMatching(/Rendez-vous accepté par le salarié dans Teams — Invitation envoyée → Accepté/),
    ]);
    await expect(page.getByRole('button', { name: "Lettre d'invitation (PDF)" }).count()).resolves.toBe(1);
    // HR's actions and the proof file (#12): cancel now, "held" only from the meeting's day.
    await expect(page.getByRole('button', { name: 'Annuler le rendez-vous' }).count()).resolves.toBe(1);
    await expect(
      page.getByRole('button', { name: 'Enregistrer que le rendez-vous a eu lieu' }).count(),
    ).resolves.toBe(0);
    await expect(page.locator('#case-proof button').allInnerTexts()).resolves.toEqual([
      'Télécharger le dossier de preuve (PDF)',
      'Télécharger le dossier de preuve (JSON)',
    ]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'hr-tab-case.png'), fullPage: true });
    await page.getByRole('button', { name: 'Retour à la liste' }).click();
    await expect(focusedLabel()).resolves.toBe('Voir le dossier de Chloé Leroy');
  });

  test('the settings form: a bad value is explained and nothing is saved; a good form is saved', async () => {
    await page.getByRole('button', { name: "Paramètres de l'entreprise" }).click();
    await page.getByLabel("Nom de l'entreprise").fill('Boulangerie Dupain');
    await page.getByLabel('Nom du contact SPST').fill('Dr Durand');
    await page.getByLabel('E-mail du SPST').fill('pas-un-email');
    await page.getByLabel("Effectif de l'entreprise").fill('260');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page
      .locator('#settings-errors')
      .getByText("l'e-mail du SPST n'est pas une adresse valide.")
      .waitFor();
    await expect(page.getByLabel('E-mail du SPST').getAttribute('aria-invalid')).resolves.toBe('true');
    const store = new CompanySettingsStore(tab.app.db);
    expect(await store.get(DEV_TENANT, DEV_TENANT)).toEqual({});

    await page.getByLabel('E-mail du SPST').fill('spst@example.org');
    await page.getByLabel('Téléphone du SPST').fill('01 02 03 04 05');
    await page.getByLabel('Site web du SPST').fill('https://spst.example.org');
    await page.getByLabel('Un référent handicap est désigné').check();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await eventually(() => page.locator('#status').innerText(), 'Paramètres enregistrés.');
    await expect(page.locator('#settings-errors').isHidden()).resolves.toBe(true);
    await expect(page.locator('#referent-mandatory').isVisible()).resolves.toBe(true);
    expect(await store.get(DEV_TENANT, DEV_TENANT)).toMatchObject({
      companyName: 'Boulangerie Dupain',
      spstContact: { name: 'Dr Durand', email: 'spst@example.org', website: 'https://spst.example.org' },
      headcount: 260,
      referentDesignated: true,
    });
  });

  test('a policy choice (rules where the law leaves one), explained, changed and saved', async () => {
    const proposal = page.getByRole('group', {
      name: '« Dans les 15 jours » : que faut-il faire dans ce délai ?',
    });
    await expect(proposal.locator('.help').innerText()).resolves.toMatch(
      /proposition est due au plus tard 15 jours/,
    );
    await expect(page.locator('#policy-fieldset').innerText()).resolves.toContain(
      'chaque dossier garde les règles avec lesquelles il a commencé',
    );
    await expect(page.getByLabel('Proposer une date (par défaut)').isChecked()).resolves.toBe(true);
    await page.getByLabel('Tenir le rendez-vous').check();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await eventually(() => page.locator('#status').innerText(), 'Paramètres enregistrés.');
    const store = new CompanySettingsStore(tab.app.db);
    expect((await store.get(DEV_TENANT, DEV_TENANT)).policy).toEqual({
      lookbackDays: 365,
      proposalRule: 'meeting',
      eligibilityMode: 'elapsed',
      holidaysRegion: 'metropole',
    });
    await page.reload();
    await page.getByRole('button', { name: "Paramètres de l'entreprise" }).click();
    await eventually(() => page.getByLabel('Tenir le rendez-vous').isChecked(), true);
  });

  test("the company's HR people: a bad id explained, a person added then removed, the last one kept", async () => {
    const idField = page.getByLabel("Identifiant d'objet Entra (Microsoft Entra ID)");
    await expect(page.locator('#hr-users').innerText()).resolves.toMatch(
      /HR_ADMINS[\s\S]*ni listées ni retirables/,
    );
    await expect(page.locator('#hr-user-id-help').innerText()).resolves.toMatch(
      /centre d'administration Microsoft Entra/,
    );
    await expect(page.locator('#hr-users-empty').isVisible()).resolves.toBe(true);
    await idField.fill('pas-un-identifiant');
    await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await page
      .locator('#hr-users-alert')
      .getByText("L'identifiant d'objet Entra doit avoir la forme")
      .waitFor();
    await expect(idField.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.evaluate('document.activeElement?.id')).resolves.toBe('hr-user-id');

    const person = '0a0a0a0a-1111-4222-8333-444444444444';
    await idField.fill(person);
    await page.keyboard.press('Enter');
    // Until now everybody was HR (local mode, nobody named): the demo person is named too, so they keep access.
    await eventually(() => page.locator('#hr-users-body tr').count(), 2);
    await expect(page.locator('#status').innerText()).resolves.toMatch(/vous avez été ajouté\(e\) aussi/);
    await expect(page.locator('#hr-users-alert').isHidden()).resolves.toBe(true);
    await expect(idField.inputValue()).resolves.toBe('');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'hr-tab-settings.png'), fullPage: true });

    await page.getByRole('button', { name: `Retirer ${person} des personnes RH` }).click();
    await eventually(() => page.locator('#status').innerText(), 'Personne retirée des RH.');
    await expect(page.locator('#hr-users-body tr').count()).resolves.toBe(1);
    await expect(page.evaluate('document.activeElement?.id')).resolves.toBe('hr-users-heading');

    await page.locator('#hr-users-body button').click();
    await page
      .locator('#hr-users-alert')
      .getByText('Impossible de retirer la dernière personne RH nommée', { exact: false })
      .waitFor();
    await expect(page.evaluate('document.activeElement?.id')).resolves.toBe('hr-users-alert');
    await expect(page.locator('#hr-users-body tr').count()).resolves.toBe(1);
  });

  test('in English, in the dark and high-contrast themes, the same session', async () => {
    await page.goto(`${tab.baseUrl}/tab/?lang=en&theme=dark`);
    await page.getByRole('heading', { name: 'Cases' }).waitFor();
    await rows().first().waitFor();
    await expect(page.evaluate('[document.documentElement.lang, document.body.className]')).resolves.toEqual([
      'en',
      'theme-dark',
    ]);
    await expect(page.locator('#cases-body tr').first().locator('td.overdue').innerText()).resolves.toMatch(
      /Proposal to send — \d+ \w+ \d{4} \(2 days overdue\)/,
    );
    await page.screenshot({ path: path.join(SCREENSHOTS, 'hr-tab-dark-en.png'), fullPage: true });

    await page.goto(`${tab.baseUrl}/tab/?lang=en&theme=contrast`);
    await rows().first().waitFor();
    await expect(page.evaluate('document.body.className')).resolves.toBe('theme-contrast');
    // Keyboard: the first Tab reaches the skip link, which moves the focus to the content.
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement?.textContent')).resolves.toBe('Skip to content');
    await page.keyboard.press('Enter');
    await expect(page.evaluate('document.activeElement?.id')).resolves.toBe('main');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'hr-tab-contrast-en.png'), fullPage: true });

    // The settings in English: the policy choices (the saved one checked) and the HR people.
    await page.getByRole('button', { name: 'Company settings' }).click();
    await page.getByRole('group', { name: 'Rules where the law leaves a choice' }).waitFor();
    await eventually(() => page.getByLabel('The meeting is held').isChecked(), true);
    await expect(page.locator('#policy-fieldset').innerText()).resolves.toContain(
      'A change applies to new meetings: each case keeps the rules it started with.',
    );
    await page.getByRole('heading', { name: 'HR people of the company' }).waitFor();
    await expect(page.getByRole('button', { name: 'Remove Hélène Roux from HR' }).count()).resolves.toBe(1);
  });
  test("#12 HR cancels a meeting from the tab (confirmed first), then downloads the case's proof file", async () => {
    await page.goto(`${tab.baseUrl}/tab/?lang=fr`);
    await rows().first().waitFor();
    await page.getByRole('button', { name: 'Voir le dossier de Bruno Petit' }).click();
    await page.getByRole('heading', { name: 'Dossier de Bruno Petit' }).waitFor();
    // The browser's confirmation names the employee and says who will be told; dismissing it changes nothing.
    const asked: string[] = [];
    const answerOnce = (accept: boolean) =>
      page.once('dialog', (dialog) => {
        asked.push(dialog.message());
        void (accept ? dialog.accept() : dialog.dismiss());
      });
    answerOnce(false);
    await page.getByRole('button', { name: 'Annuler le rendez-vous' }).click();
    await eventually(() => Promise.resolve(asked.length), 1);
    expect(asked[0]).toBe(
      'Annuler le rendez-vous de liaison de Bruno Petit ? Le salarié et le SPST seront prévenus.',
    );
    await expect(page.locator('#case-timeline li').count()).resolves.toBe(1);
    answerOnce(true);
    await page.getByRole('button', { name: 'Annuler le rendez-vous' }).click();
    await eventually(
      () => page.locator('#case-action-status').innerText(),
      "Le rendez-vous est annulé ; le salarié est prévenu, ainsi que le SPST lorsque Liaison l'avait informé.",
    );
    await expect(page.locator('#case-timeline li').last().innerText()).resolves.toMatch(
      /^Rendez-vous annulé par les RH dans l['’]espace RH — Invitation envoyée → Annulé$/m,
    );
    // A cancelled case offers no action any more.
    await expect(page.getByRole('button', { name: 'Annuler le rendez-vous' }).count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'hr-tab-cancelled.png'), fullPage: true });
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Télécharger le dossier de preuve (JSON)' }).click();
    const proof = await (await download).createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of proof) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text).toContain('Bruno Petit');
    expect(text).toMatch(/cancel/);
  });

  test("Teams' configuration frame, opened in local mode: the explanation and a link to the tab", async () => {
    // A fresh page (no development token): the configuration view asks for no sign-in.
    const config = await browser.newPage({ viewport: { width: 900, height: 700 } });
    try {
      await config.goto(`${tab.baseUrl}/tab/?frame=config&lang=fr`);
      await config.getByRole('heading', { name: "Ajouter l'espace RH Liaison à ce canal" }).waitFor();
      await expect(config.locator('#config-view').innerText()).resolves.toMatch(
        /rendez-vous de liaison[\s\S]*triés par urgence[\s\S]*aucune information médicale/,
      );
      await expect(config.locator('#login-view').isHidden()).resolves.toBe(true);
      await expect(config.locator('#config-teams').isHidden()).resolves.toBe(true);
      await expect(config.title()).resolves.toBe("Ajouter l'espace RH Liaison à ce canal");
      await config.screenshot({ path: path.join(SCREENSHOTS, 'hr-tab-config.png'), fullPage: true });
      await config.getByRole('link', { name: "Ouvrir l'espace RH" }).click();
      await config.waitForURL(`${tab.baseUrl}/tab/?lang=fr`);
      await config.getByRole('heading', { name: 'Connexion locale' }).waitFor();

      await config.goto(`${tab.baseUrl}/tab/?frame=config&lang=en`);
      await config.getByRole('heading', { name: 'Add the Liaison HR space to this channel' }).waitFor();
      await expect(config.locator('#config-view').innerText()).resolves.toContain(
        'The tab shows and keeps no medical information.',
      );
      await expect(
        config.getByRole('link', { name: 'Open the HR space' }).getAttribute('href'),
      ).resolves.toBe('/tab/?lang=en');
    } finally {
      await config.close();
    }
  });
});
