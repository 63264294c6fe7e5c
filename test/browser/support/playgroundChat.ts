import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';

export { launchChromium } from '../../../scripts/chromium';

/** How long a bot answer may take to show up in the page (the machine is shared and slow at times). */
const ANSWER_TIMEOUT_MS = 30_000;

/**
 * One person's browser tab on an Agents Playground: types in the chat box, clicks card buttons, waits for what a
 * person would read, and saves a screenshot of each step.
 */
export class PlaygroundChat {
  private step = 0;

  private constructor(
    readonly page: Page,
    private readonly shotsDir: string,
    private readonly name: string,
  ) {}

  /** Opens the Playground (which installs the bot in the person's 1:1 chat) and waits for the chat box. */
  static async open(browser: Browser, url: string, shotsDir: string, name: string): Promise<PlaygroundChat> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
    await page.goto(url);
    await page.locator('[data-lexical-editor=true]').first().waitFor({ timeout: ANSWER_TIMEOUT_MS });
    // The log panel (the Playground's traffic log) takes a third of the screen: closed, for readable screenshots.
    const logPanel = page.locator('div').filter({ has: page.getByText('Log Panel', { exact: true }) });
    await logPanel
      .locator('button')
      .last()
      .click({ timeout: 5_000 })
      .catch(() => undefined);
    fs.mkdirSync(shotsDir, { recursive: true });
    return new PlaygroundChat(page, shotsDir, name);
  }

  /**
   * The conversation as a person reads it: the page's text without the Playground's log panel (which repeats the
   * beginning of each message and would let a missing answer pass).
   */
  async transcript(): Promise<string> {
    const text = String(await this.page.evaluate('document.body.innerText'));
    return normalize(text.split('Log Panel')[0] ?? '');
  }

  /** How many times each text shows in the conversation now. */
  private async counts(texts: string[]): Promise<number[]> {
    const transcript = await this.transcript();
    return texts.map((text) => occurrences(transcript, normalize(text)));
  }

  /** Waits until every text shows once more than in `before` (an answer that repeats an earlier one counts). */
  private async waitForMore(texts: string[], before: number[], what: string): Promise<void> {
    const deadline = Date.now() + ANSWER_TIMEOUT_MS;
    let missing: string[] = texts;
    while (Date.now() < deadline) {
      const now = await this.counts(texts);
      missing = texts.filter((_, index) => (now[index] ?? 0) <= (before[index] ?? 0));
      if (missing.length === 0) return;
      await this.page.waitForTimeout(250);
    }
    await this.shot(`FAILED-${what}`);
    throw new Error(
      `${this.name}: after ${what}, never saw:\n${missing.map((text) => `  «${text}»`).join('\n')}\n` +
        `--- the conversation ends with:\n${(await this.transcript()).slice(-1500)}`,
    );
  }

  /** Types a message in the chat box, sends it, and waits for every expected text of the answer. */
  async say(text: string, expected: string[]): Promise<void> {
    const before = await this.counts(expected);
    // In a channel the first box starts a new post (the others answer a post's thread).
    const box = this.page.locator('[data-lexical-editor=true]').first();
    await box.click();
    await box.fill(text);
    await this.page.keyboard.press('Enter');
    await this.waitForMore(expected, before, `typing «${text}»`);
  }

  /**
   * Starts a new post in the open channel, mentioning the bot (in a channel Teams, and the Playground, only pass a
   * message to a bot that is @mentioned): types "@", picks the bot in the suggestions, then the text, and posts.
   */
  async post(botName: string, text: string, expected: string[]): Promise<void> {
    const before = await this.counts(expected);
    const box = this.page.locator('[data-lexical-editor=true]').first();
    await box.click();
    await this.page.keyboard.type(`@${botName.slice(0, 4)}`);
    await this.page.locator('#typeahead-menu [role=menuitem]').filter({ hasText: botName }).first().click();
    await this.page.keyboard.type(` ${text}`);
    await this.page.locator('button:has-text("Post")').first().click();
    await this.waitForMore(expected, before, `posting «@${botName} ${text}»`);
  }

  /**
   * Picks a person in the newest card's people picker (the Playground offers the users of its configuration
   * file, as Teams offers the directory): types the start of the name and clicks the suggestion.
   */
  async pickPerson(name: string): Promise<void> {
    const picker = this.page.locator('input[aria-label="People Picker"]').last();
    await picker.click();
    await this.page.keyboard.type(name.slice(0, 4));
    await this.page.locator('[role=listbox] button, [role=option]').filter({ hasText: name }).first().click();
  }

  /** The newest Adaptive Card of the conversation (the form being filled in, the latest summary…). */
  newestCard(): Locator {
    return this.page.locator('.ac-adaptiveCard').last();
  }

  /** The text of the newest card, as a person reads it. */
  async newestCardText(): Promise<string> {
    return normalize(await this.newestCard().innerText());
  }

  /**
   * Picks a person in the `index`-th people picker of the newest card (an `Input.ChoiceSet` with
   * `choices.data` = Data.Query, which the Playground renders as a people picker offering its configured users).
   */
  async pickPersonIn(index: number, name: string): Promise<void> {
    const picker = this.newestCard().locator('input[aria-label="People Picker"]').nth(index);
    await picker.click();
    await this.page.keyboard.type(name.slice(0, 4));
    await this.page.locator('[role=listbox] button, [role=option]').filter({ hasText: name }).first().click();
  }

  /** A text input of the newest card, by its label (`Input.Text` with `label`). */
  async fillText(label: string, text: string): Promise<void> {
    await this.newestCard()
      .getByRole('textbox', { name: startsWith(label) })
      .fill(text);
  }

  /** A compact `Input.ChoiceSet` of the newest card (a drop-down), by its label: opens it and clicks the option. */
  async choose(label: string, option: string): Promise<void> {
    await this.newestCard()
      .getByRole('combobox', { name: startsWith(label) })
      .click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  /** An expanded `Input.ChoiceSet` (radio buttons) of the newest card: checks the option with this title. */
  async check(option: string): Promise<void> {
    await this.newestCard().getByRole('radio', { name: option, exact: true }).check();
  }

  /**
   * An `Input.Date` of the newest card (the Playground's date picker accepts a typed day): types the ISO day and
   * leaves the field, as a person typing rather than clicking in the calendar does.
   */
  async fillDate(label: string, day: string): Promise<void> {
    const field = this.newestCard().getByRole('combobox', { name: startsWith(label) });
    await field.fill(day);
    await field.press('Tab');
  }

  /** An `Input.Time` of the newest card: the Playground offers half-hours in its own (en-US) format. */
  async chooseTime(label: string, hhmm: string): Promise<void> {
    const [hours, minutes] = hhmm.split(':').map(Number) as [number, number];
    const shown = `${hours % 12 === 0 ? 12 : hours % 12}:${String(minutes).padStart(2, '0')} ${hours < 12 ? 'AM' : 'PM'}`;
    await this.choose(label, shown);
  }

  /** Clicks a button of the newest card and waits for the expected texts (the answer to the card's action). */
  async clickInNewestCard(title: string, expected: string[]): Promise<void> {
    const before = await this.counts(expected);
    await this.newestCard()
      .locator(`button[title="${title.replace(/"/g, '\\"')}"]`)
      .click();
    await this.waitForMore(expected, before, `clicking «${title}»`);
  }

  /**
   * Types a message whose answer depends on what the bot already knows (e.g. a question asked once per company):
   * waits until every text of one of the alternatives shows, and returns that alternative's index.
   */
  async sayEither(text: string, alternatives: string[][]): Promise<number> {
    const all = alternatives.flat();
    const before = await this.counts(all);
    const box = this.page.locator('[data-lexical-editor=true]').first();
    await box.click();
    await box.fill(text);
    await this.page.keyboard.press('Enter');
    const deadline = Date.now() + ANSWER_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const now = await this.counts(all);
      const grew = (wanted: string) => {
        const index = all.indexOf(wanted);
        return (now[index] ?? 0) > (before[index] ?? 0);
      };
      const found = alternatives.findIndex((texts) => texts.every(grew));
      if (found !== -1) return found;
      await this.page.waitForTimeout(250);
    }
    await this.shot('FAILED-either');
    throw new Error(`${this.name}: after typing «${text}», saw none of ${JSON.stringify(alternatives)}`);
  }

  /** Clicks the last button with this title (the newest card's) and waits for the expected texts. */
  async click(title: string, expected: string[]): Promise<void> {
    const before = await this.counts(expected);
    await this.button(title).click();
    await this.waitForMore(expected, before, `clicking «${title}»`);
  }

  /** The newest button with this exact title. */
  button(title: string): Locator {
    return this.page.locator(`button[title="${title.replace(/"/g, '\\"')}"]`).last();
  }

  /** The newest input with this placeholder. */
  input(placeholder: string): Locator {
    return this.page.locator(`input[placeholder="${placeholder.replace(/"/g, '\\"')}"]`).last();
  }

  /** Waits until texts show in the conversation (e.g. a message the bot sends by itself). */
  async waitForTexts(texts: string[], what: string): Promise<void> {
    await this.waitForMore(
      texts,
      texts.map(() => 0),
      what,
    );
  }

  /** Opens a chat or channel of the left-hand list by its accessible name (e.g. "Contoso - RH"). */
  async openConversation(label: string): Promise<void> {
    await this.page.locator(`[role=treeitem][aria-label="${label}"]`).click();
    await this.page.locator('[data-lexical-editor=true]').first().waitFor();
  }

  /**
   * Saves a screenshot as <shotsDir>/<name>-<step>-<label>.png and returns its path; `focus` (a text) is scrolled
   * into view first, e.g. a card that arrived below the fold.
   */
  async shot(label: string, focus?: string): Promise<string> {
    this.step += 1;
    if (focus) {
      await this.page
        .getByText(focus, { exact: false })
        .last()
        .scrollIntoViewIfNeeded({ timeout: 5_000 })
        .catch(() => undefined);
    }
    const file = path.join(this.shotsDir, `${this.name}-${String(this.step).padStart(2, '0')}-${label}.png`);
    await this.page.waitForTimeout(300); // let the last card finish its layout
    await this.page.screenshot({ path: file });
    return file;
  }
}

/** A label as the accessible name starts with it (the renderer adds the required mark and the error text). */
function startsWith(label: string): RegExp {
  return new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
}

/** Spaces and typographic quotes as the page shows them vs. the locale files. */
export function normalize(text: string): string {
  return text
    .replace(/[\u00a0\u202f\s]+/g, ' ')
    .replace(/[’]/g, "'")
    .trim();
}

function occurrences(haystack: string, needle: string): number {
  if (needle === '') return 0;
  let count = 0;
  for (let index = haystack.indexOf(needle); index !== -1; index = haystack.indexOf(needle, index + 1))
    count += 1;
  return count;
}
