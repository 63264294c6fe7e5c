import { createHash } from 'node:crypto';
import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { handleCardAction } from '../../../../bot/teams/cardActions';
import type { LiaisonCase } from '../../../../bot/services/cases';
import { callerOf, COMPANY, EMPLOYEE_ID, HR_ID, seedCase, TENANT } from '../../services/cases/sampleCase';
import { PAGE_NOW, startAnswerPage } from './harness';

type Page = Awaited<ReturnType<typeof startAnswerPage>>;

const SETTINGS = {
  companyName: 'Acme Industries',
  spstContact: { name: 'Dr SPST', aadObjectId: 'aad-spst' },
};

/** The Teams card's click, as the employee makes it (handleCardAction, the card's own handler). */
async function clickCard(
  page: Page,
  liaisonCase: LiaisonCase,
  verb: string,
  inputs: Record<string, unknown> = {},
) {
  const activity = {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `activity-${Math.random()}`,
    channelId: 'msteams',
    locale: 'fr-FR',
    from: { id: `29:${EMPLOYEE_ID}`, aadObjectId: EMPLOYEE_ID },
    recipient: { id: 'bot' },
    conversation: { id: 'a:conversation', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    value: {
      action: {
        type: 'Action.Execute',
        verb,
        data: { caseId: liaisonCase.id, offer: liaisonCase.offer, ...inputs },
      },
      trigger: 'manual',
    },
  } as Partial<Activity>;
  const adapter = new TestAdapter(async () => undefined);
  return handleCardAction(new TurnContext(adapter, activity), {
    cases: page.cases,
    caseService: page.service,
    now: () => page.clock.now,
  });
}

describe('#17 the answer page', () => {
  let page: Page;
  beforeEach(async () => {
    page = await startAnswerPage();
  });
  afterEach(() => page.close());

  let people = 0;
  /** A case for a new employee each time (one open case per employee); EMPLOYEE_ID's with `{ own: true }`. */
  const seed = (options: Parameters<typeof seedCase>[1] & { own?: boolean } = {}) => {
    const { own, ...rest } = options;
    people += 1;
    const employee = own
      ? { aadObjectId: EMPLOYEE_ID, name: 'Camille Martin', jobTitle: 'Comptable' }
      : { aadObjectId: `aad-employee-${people}`, name: 'Camille Martin', jobTitle: 'Comptable' };
    return seedCase(page.db, {
      settings: SETTINGS,
      ...rest,
      request: { employee, ...rest.request },
      // seedCase answers as EMPLOYEE_ID: other employees' cases are only seeded invited here.
    });
  };
  const stored = async (liaisonCase: LiaisonCase) => (await page.cases.get(TENANT, liaisonCase.id))!;
  const outboxKinds = async (liaisonCase: LiaisonCase) =>
    (
      await page.db.query<{ kind: string }>('SELECT kind FROM outbox WHERE case_id = $1 ORDER BY kind', [
        liaisonCase.id,
      ])
    ).map((row) => row.kind);
  const lastAudit = async (liaisonCase: LiaisonCase) =>
    (await page.cases.auditTrail(TENANT, liaisonCase.id)).at(-1)!;
  const formOf = async (liaisonCase: LiaisonCase, fields: Record<string, string>) => ({
    token: page.codeOf(await page.pathOf(liaisonCase)),
    offer: String(liaisonCase.offer),
    lang: 'fr',
    ...fields,
  });

  test('#17 no case data in the URL: a 16-character code, no id, no name, nothing decodable', async () => {
    const liaisonCase = await seed();
    const url = await page.links.answerUrl(liaisonCase, 'fr');
    expect(url).toMatch(/^https:\/\/liaison\.example\.com\/rdv\/[0-9A-HJKMNP-TV-Z]{16}$/);
    for (const secret of [liaisonCase.id, TENANT, COMPANY, 'Camille', 'Martin', EMPLOYEE_ID, '2026-11-20']) {
      expect(url).not.toContain(secret);
      expect(Buffer.from(page.codeOf(url), 'base64').toString('latin1')).not.toContain(secret);
    }
    // One code per case and offer: asking again gives the same one; another case gets another.
    expect(await page.links.answerUrl(liaisonCase, 'en')).toBe(url);
    expect(await page.links.answerUrl(await seed(), 'fr')).not.toBe(url);
    expect(page.links.shortUrl(url)).toMatch(/^liaison\.example\.com\/rdv\/(\w{4}-){3}\w{4}$/);
    // The redirect after an answer names nothing either.
    const answered = await page.post(await formOf(liaisonCase, { answer: 'accept' }));
    expect(answered.status).toBe(303);
    expect(answered.headers.get('location')).toBe(`/rdv/${page.codeOf(url)}?lang=fr`);
  });

  test('#17 the page shows the company, the date, the time and the mode, and nothing else of the case', async () => {
    const liaisonCase = await seed();
    const response = await page.get(await page.pathOf(liaisonCase));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Acme Industries');
    expect(html).toContain('20/11/2026');
    expect(html).toContain('10:00');
    expect(html).toContain("Dans les locaux de l'entreprise".replace("'", '&#39;'));
    for (const hidden of [
      'Camille',
      'Martin',
      'Louis',
      'Bernard',
      'Salle 2',
      'Comptable',
      liaisonCase.id,
      TENANT,
    ]) {
      expect(html).not.toContain(hidden);
    }
    expect(html).toContain('Refuser n&#39;a aucune conséquence pour vous');
  });

  test.each([
    { answer: 'accept', verb: 'invitation.accept', card: {} },
    { answer: 'decline', verb: 'invitation.decline', card: {} },
    {
      answer: 'other',
      verb: 'invitation.reschedule',
      card: {
        preferredDate1: '2026-11-24',
        partOfDay: 'afternoon',
        referentRequested: 'true',
        withoutManager: 'true',
      },
      page: { date1: '2026-11-24', partOfDay: 'afternoon', referent: 'true', withoutManager: 'true' },
    },
  ])(
    '#17 "$answer" on the page moves the case exactly as the Teams card does',
    async ({ answer, verb, card, page: fields }) => {
      const byCard = await seed({ own: true });
      const byLink = await seed();
      const kindsBefore = { card: await outboxKinds(byCard), link: await outboxKinds(byLink) };
      await clickCard(page, byCard, verb, card);
      const response = await page.post(await formOf(byLink, { answer, ...(fields ?? {}) }));
      expect(response.status).toBe(303);

      const [afterCard, afterLink] = [await stored(byCard), await stored(byLink)];
      expect(afterLink.state).toBe(afterCard.state);
      expect(afterLink.state).not.toBe('invited');
      expect(afterLink.offer).toBe(afterCard.offer);
      expect(afterLink.wishes).toEqual(afterCard.wishes);
      expect(afterLink.declinedOn).toEqual(afterCard.declinedOn);
      const newKinds = async (liaisonCase: LiaisonCase, before: string[]) => {
        const kinds = await outboxKinds(liaisonCase);
        for (const kind of before) kinds.splice(kinds.indexOf(kind), 1);
        return kinds;
      };
      const cardKinds = await newKinds(byCard, kindsBefore.card);
      expect(cardKinds.length).toBeGreaterThan(0);
      expect(await newKinds(byLink, kindsBefore.link)).toEqual(cardKinds);
      const [cardAudit, linkAudit] = [await lastAudit(byCard), await lastAudit(byLink)];
      const same = (entry: typeof cardAudit) => ({ ...entry, at: '', via: '', actorId: '' });
      expect(same(linkAudit)).toEqual(same(cardAudit));
      expect(cardAudit).toMatchObject({ via: 'teams', actorRole: 'employee', actorId: EMPLOYEE_ID });
      expect(linkAudit).toMatchObject({
        via: 'link',
        actorRole: 'employee',
        actorId: byLink.employee.aadObjectId,
      });
    },
  );

  test('#17 an employee with no Teams id answers by link, as themselves', async () => {
    const liaisonCase = await seed({
      request: { employee: { name: 'Jeanne Morel', email: 'Jeanne.Morel@example.org' } },
    });
    const response = await page.post(await formOf(liaisonCase, { answer: 'accept' }));
    expect(response.status).toBe(303);
    expect((await stored(liaisonCase)).state).toBe('accepted');
    expect(await lastAudit(liaisonCase)).toMatchObject({
      event: 'accept',
      actorRole: 'employee',
      actorId: 'email:jeanne.morel@example.org',
      via: 'link',
    });
    const status = await page.links.answerLinkStatus(await stored(liaisonCase));
    expect(status.channel).toBe('email');
  });

  test('#17 after answering, the page says where the case stands and offers only what may still change', async () => {
    const liaisonCase = await seed();
    const path = await page.pathOf(liaisonCase);
    const answered = await page.post(await formOf(liaisonCase, { answer: 'accept' }));
    const html = await (await page.get(answered.headers.get('location')!)).text();
    expect(html).toContain('Vous avez accepté ce rendez-vous');
    expect(html).toContain('Vous pouvez changer votre réponse');
    expect(html).toContain('value="decline"');
    expect(html).toContain('value="other"');
    expect(html).not.toContain('value="accept"');
    // Declining afterwards works from the same link, and says plainly that it has no consequence.
    expect(
      (await page.post({ ...(await formOf(await stored(liaisonCase), {})), answer: 'decline' })).status,
    ).toBe(303);
    const declined = await (await page.get(path)).text();
    expect(declined).toContain('Cela n&#39;a aucune conséquence pour vous');
    expect(declined).not.toContain('<form');
  });

  test('#17 a forged code opens nothing and changes nothing', async () => {
    const liaisonCase = await seed();
    const path = await page.pathOf(liaisonCase);
    const code = page.codeOf(path);
    const altered = code.slice(0, -1) + (code.endsWith('A') ? 'B' : 'A');
    for (const forged of [altered, 'AAAAAAAAAAAAAAAA', 'not-a-code', `${code}X`]) {
      const response = await page.get(`/rdv/${forged}`);
      expect(response.status).toBe(404);
      const html = await response.text();
      expect(html).toContain('Ce lien n&#39;est pas valable');
      expect(html).toContain('This link is not valid');
    }
    const posted = await page.post({ ...(await formOf(liaisonCase, { answer: 'decline' })), token: altered });
    expect(posted.status).toBe(404);
    expect((await stored(liaisonCase)).state).toBe('invited');
    // A code copied from paper with hyphens, in lower case, with O for 0, is the same code.
    const typed = code
      .toLowerCase()
      .replace(/(.{4})(?=.)/g, '$1-')
      .replace(/0/g, 'o');
    expect((await page.get(`/rdv/${typed}`)).status).toBe(200);
  });

  test('#17 an expired link: after the meeting day it opens nothing and changes nothing', async () => {
    const liaisonCase = await seed();
    const form = await formOf(liaisonCase, { answer: 'accept' });
    const path = await page.pathOf(liaisonCase, 'en'); // the latest letter, in English
    page.clock.now = new Date('2026-11-20T20:00:00Z'); // the meeting day itself: still open
    expect((await page.get(path)).status).toBe(200);
    page.clock.now = new Date('2026-11-21T08:00:00Z');
    const response = await page.get(path);
    expect(response.status).toBe(410);
    expect(await response.text()).toContain('This link has expired');
    expect((await page.post(form)).status).toBe(410);
    expect((await stored(liaisonCase)).state).toBe('invited');
  });

  test("#17 a code answers for its own case only: another case's id in the form changes nothing there", async () => {
    const mine = await seed();
    const other = await seed({ request: { employee: { name: 'Paul Durand', aadObjectId: 'aad-paul' } } });
    const response = await page.post({ ...(await formOf(mine, { answer: 'decline' })), caseId: other.id });
    expect(response.status).toBe(303);
    expect((await stored(mine)).state).toBe('declined');
    expect((await stored(other)).state).toBe('invited');
    expect(await page.links.answerUrl(other, 'fr')).not.toBe(await page.links.answerUrl(mine, 'fr'));
  });

  test("#17 an earlier offer's link shows the current offer; a page left open on the old date is refused as stale", async () => {
    const liaisonCase = await seed();
    const oldPath = await page.pathOf(liaisonCase);
    const oldForm = await formOf(liaisonCase, { answer: 'accept' });
    const moved = await page.service.change(
      TENANT,
      liaisonCase.id,
      { type: 'propose_again', meeting: { date: '2026-11-26', time: '14:30', mode: 'remote' } },
      callerOf(HR_ID),
    );
    expect(moved.outcome).toBe('applied');
    const html = await (await page.get(oldPath)).text();
    expect(html).toContain('26/11/2026');
    expect(html).toContain('14:30');
    expect(html).toContain('À distance');
    expect(html).not.toContain('20/11/2026');
    expect(html).toContain('name="offer" value="2"');
    expect(html).toContain('Cette date remplace celle');

    const stale = await page.post(oldForm);
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('La date proposée a changé');
    expect((await stored(liaisonCase)).state).toBe('invited');

    const fresh = await page.post({ ...oldForm, offer: '2' });
    expect(fresh.status).toBe(303);
    expect(await stored(liaisonCase)).toMatchObject({ state: 'accepted', offer: 2 });
  });

  test('#17 French or English: the language of the link, switchable, and kept by the form', async () => {
    const liaisonCase = await seed();
    const enPath = await page.pathOf(liaisonCase, 'en');
    const english = await (await page.get(enPath)).text();
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('Your liaison meeting');
    expect(english).toContain('20 November 2026');
    expect(english).toContain('Saying no has no consequence for you');
    expect(english).toContain(`href="${enPath}?lang=fr" lang="fr" hreflang="fr">Français</a>`);
    const french = await (await page.get(`${enPath}?lang=fr`)).text();
    expect(french).toContain('<html lang="fr">');
    expect(french).toContain('Votre rendez-vous de liaison');
    expect(french).toContain(`href="${enPath}?lang=en" lang="en" hreflang="en">English</a>`);
    const posted = await page.post({ ...(await formOf(liaisonCase, {})), lang: 'en' });
    expect(posted.status).toBe(422);
    expect(await posted.text()).toContain('Choose an answer.');
  });

  test('#17 errors are summarised at the top, linked to their field and said under it; nothing changes', async () => {
    const liaisonCase = await seed();
    const missing = await page.post(await formOf(liaisonCase, {}));
    expect(missing.status).toBe(422);
    const html = await missing.text();
    expect(html).toContain('<title>Erreur\u00a0: Votre rendez-vous de liaison</title>');
    expect(html).toMatch(
      /class="error-summary" role="alert"[^>]*>\s*<h2 id="error-summary-title">Votre réponse n&#39;a pas été envoyée/,
    );
    expect(html).toContain('<a href="#answer-first">Choisissez une réponse.</a>');

    const past = await page.post(
      await formOf(liaisonCase, { answer: 'other', date1: '2026-11-02', date2: '31/02/2026' }),
    );
    expect(past.status).toBe(422);
    const pastHtml = await past.text();
    expect(pastHtml).toContain('<a href="#date1">Choisissez un jour à venir.</a>');
    expect(pastHtml).toContain('<a href="#date2">Saisissez une date réelle');
    expect(pastHtml).toMatch(
      /id="date1"[^>]*aria-describedby="date1-hint date1-error"[^>]*aria-invalid="true"/,
    );
    expect(pastHtml).toContain('value="2026-11-02"'); // what was typed is kept
    expect(pastHtml).toContain('value="31/02/2026"');
    expect((await stored(liaisonCase)).state).toBe('invited');

    // Words typed in a date field (a browser without a date picker) are refused and never repeated.
    const words = await page.post(
      await formOf(liaisonCase, { answer: 'other', date1: 'après ma chimio', date2: '2026-12-0x' }),
    );
    expect(words.status).toBe(422);
    const wordsHtml = await words.text();
    expect(wordsHtml).toContain('<a href="#date1">Saisissez une date réelle');
    expect(wordsHtml).toContain('<a href="#date2">Saisissez une date réelle');
    expect(wordsHtml).not.toContain('chimio');
    expect(wordsHtml).not.toContain('2026-12-0x');
    expect(wordsHtml).toMatch(/id="date1"[^>]*value=""/);
    expect((await stored(liaisonCase)).state).toBe('invited');

    // A day typed as on paper (dd/mm/yyyy) is read as that day.
    expect(
      (await page.post(await formOf(liaisonCase, { answer: 'other', date1: '24/11/2026' }))).status,
    ).toBe(303);
    expect((await stored(liaisonCase)).wishes.dates).toEqual(['2026-11-24']);
  });

  test('#17 CSP and safety headers; no script, no resource from anywhere', async () => {
    const liaisonCase = await seed();
    const response = await page.get(await page.pathOf(liaisonCase));
    const csp = response.headers.get('content-security-policy') ?? '';
    const directives = csp.split(';').map((part) => part.trim());
    expect(directives).toContain("default-src 'none'");
    expect(directives).toContain("form-action 'self'");
    expect(directives).toContain("frame-ancestors 'none'");
    const html = await response.text();
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(style, 'utf8').digest('base64');
    expect(directives).toContain(`style-src 'sha256-${hash}'`);
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(html).not.toMatch(/<script|<img|<link|<iframe|src=|https?:\/\//i);
    expect(html).toContain('@media (prefers-color-scheme: dark)');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    // Error pages carry the same policy.
    expect((await page.get('/rdv/AAAAAAAAAAAAAAAA')).headers.get('content-security-policy')).toBe(csp);
  });

  test('#17 a post from another site is refused (Origin, Fetch Metadata), and only a form is read', async () => {
    const liaisonCase = await seed();
    const form = await formOf(liaisonCase, { answer: 'decline' });
    expect((await page.post(form, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await page.post(form, { origin: 'null' })).status).toBe(403);
    expect((await page.post(form, { 'sec-fetch-site': 'cross-site', origin: page.baseUrl })).status).toBe(
      403,
    );
    expect((await page.post(form, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await stored(liaisonCase)).state).toBe('invited');
    // The public base URL's origin is this site too.
    expect((await page.post(form, { origin: 'https://liaison.example.com' })).status).toBe(303);
  });

  test('#17 the first opening is recorded per offer: answerLinkStatus for the status card', async () => {
    const liaisonCase = await seed({ settings: { ...SETTINGS, inviteBy: 'letter' } });
    expect(await page.links.answerLinkStatus(liaisonCase)).toEqual({
      channel: 'letter',
      offer: 1,
      linkIssued: false,
      opened: false,
    });
    const path = await page.pathOf(liaisonCase);
    expect(await page.links.answerLinkStatus(liaisonCase)).toMatchObject({ linkIssued: true, opened: false });
    await page.get(path);
    page.clock.now = new Date(PAGE_NOW.getTime() + 3600_000);
    await page.get(path);
    expect(await page.links.answerLinkStatus(liaisonCase)).toEqual({
      channel: 'letter',
      offer: 1,
      linkIssued: true,
      opened: true,
      firstOpenedAt: PAGE_NOW.toISOString(),
    });
    const moved = await page.service.change(
      TENANT,
      liaisonCase.id,
      { type: 'propose_again', meeting: { date: '2026-11-26', time: '14:30', mode: 'remote' } },
      callerOf(HR_ID),
    );
    expect(await page.links.answerLinkStatus(moved.case!)).toMatchObject({ offer: 2, opened: false });
    await page.get(path); // the old letter's link, opened after the new date: the new offer was seen
    expect(await page.links.answerLinkStatus(moved.case!)).toMatchObject({ offer: 2, opened: true });
  });
});

describe('#17 rate limits (in process)', () => {
  test('#17 per IP: past the limit, 429 with Retry-After, in both languages', async () => {
    const page = await startAnswerPage({ limits: { perIp: 3, perToken: 100 } });
    try {
      for (let index = 0; index < 3; index += 1)
        expect((await page.get('/rdv/AAAAAAAAAAAAAAAA')).status).toBe(404);
      const refused = await page.get('/rdv/AAAAAAAAAAAAAAAA');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      const html = await refused.text();
      expect(html).toContain('Trop de demandes');
      expect(html).toContain('Too many requests');
      page.clock.now = new Date(PAGE_NOW.getTime() + 61_000); // the next window
      expect((await page.get('/rdv/AAAAAAAAAAAAAAAA')).status).toBe(404);
    } finally {
      await page.close();
    }
  });

  test('#17 per code: one link hammered is refused, another still opens', async () => {
    const page = await startAnswerPage({ limits: { perIp: 100, perToken: 2 } });
    try {
      const first = await seedCase(page.db, { settings: SETTINGS });
      const second = await seedCase(page.db, {
        settings: SETTINGS,
        request: { employee: { aadObjectId: 'aad-other', name: 'Paul Durand' } },
      });
      const path = await page.pathOf(first);
      expect((await page.get(path)).status).toBe(200);
      expect((await page.get(path)).status).toBe(200);
      expect((await page.get(path)).status).toBe(429);
      const form = { token: page.codeOf(path), offer: '1', lang: 'fr', answer: 'decline' };
      expect((await page.post(form)).status).toBe(429);
      expect((await page.cases.get(TENANT, first.id))!.state).toBe('invited');
      expect((await page.get(await page.pathOf(second))).status).toBe(200);
    } finally {
      await page.close();
    }
  });
});
