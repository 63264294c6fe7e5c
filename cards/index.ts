// cards/: the Adaptive Card templates and bindCard, which fills one with its locale's words and the data.
/**
 * cards/ — the Adaptive Card templates (one JSON file per card, Adaptive Card 1.5) and the one function that
 * binds them: every sentence comes from locales/<language>/cards/<name>.json, the data from the
 * caller, and adaptivecards-templating expands `${text.…}` and `${…}` expressions.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Template } from 'adaptivecards-templating';
import { CardFactory, type Attachment } from 'botbuilder';
import type { Translator } from '../language/i18n';
import { CARDS_DIR } from '../bot/platform/paths';

export const CARD_NAMES = [
  'help',
  'faqAnswer',
  'faqSuggestions',
  'invitation',
  'invitationAnswered',
  'spstNotice',
  'spstAcknowledged',
  'hrUpdate',
  'refusal',
  'companySettings',
  'managerStatus',
  'personPicker',
  'employeeRequest',
  'caseSummary',
  'organiseRequest',
  'privacyExport',
  'privacyErase',
  'reminderEligible',
  'reminderDeadline',
  'reminderMeeting',
  'employeeCancellation',
  'caseForm',
] as const;
export type CardName = (typeof CARD_NAMES)[number];

/** Each template parsed once, on its first use (not at start-up: most turns need one or two of them). */
const templates = new Map<CardName, Template>();
function templateOf(name: CardName): Template {
  let template = templates.get(name);
  if (!template) {
    if (!(CARD_NAMES as readonly string[]).includes(name)) throw new Error(`No card template named ${name}`);
    // Loaded on the first binding, not at start-up: adaptive-expressions is a large module to load.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const templating = require('adaptivecards-templating') as typeof import('adaptivecards-templating');
    template = new templating.Template(
      JSON.parse(fs.readFileSync(path.join(CARDS_DIR, `${name}.json`), 'utf8')),
    );
    templates.set(name, template);
  }
  return template;
}

/**
 * The cards expanded lately, by card and by the whole data the template sees (the caller's data and the locale's
 * sentences already interpolated): the same card with the same data and words (a FAQ answer, the answered
 * invitation a second click or a refresh shows) expands to the same JSON, so it is copied from here instead of
 * expanded again. The translation itself is always made (the translator decides the words); only plain JSON data
 * is kept (its JSON text is the key); bounded, the least recently used entry leaving first.
 */
const expanded = new Map<string, object>();
export const EXPANDED_CARDS_KEPT = 256;

/** The JSON text of `value` when it is plain data that JSON says exactly (else undefined: not kept). */
function plainJson(value: unknown): string | undefined {
  let plain = true;
  const text = JSON.stringify(value, function (this: Record<string, unknown>, key, item: unknown) {
    // `item` is after toJSON (a Date is already its ISO text): the value itself is `this[key]`.
    const original = this[key];
    if (!plain) return undefined;
    if (original === null || typeof original === 'string' || typeof original === 'boolean') return item;
    if (typeof original === 'number') {
      if (!Number.isFinite(original) || Object.is(original, -0)) plain = false;
      return item;
    }
    // An absent property and an undefined one bind alike; an undefined array item would become null: not plain.
    if (original === undefined) {
      if (Array.isArray(this)) plain = false;
      return item;
    }
    if (typeof original !== 'object')
      plain = false; // a function, a bigint, a symbol
    else if (!Array.isArray(original)) {
      const prototype = Object.getPrototypeOf(original) as unknown;
      if (prototype !== Object.prototype && prototype !== null) plain = false; // a Date, a Map, a class…
    }
    return item;
  });
  return plain ? text : undefined;
}

/** The card's JSON, bound to `data` and to the sentences of `t`'s language (interpolated with `data`). */
export function bindCard(name: CardName, t: Translator, data: Record<string, unknown> = {}): object {
  const template = templateOf(name);
  const text = t(name, { ns: 'cards', returnObjects: true, ...data }) as Record<string, unknown>;
  const root = { ...data, text };
  const json = plainJson(root);
  if (json === undefined) return template.expand({ $root: root }) as object;
  const key = `${name}\u0000${json}`;
  let card = expanded.get(key);
  if (card)
    expanded.delete(key); // most recently used: last to leave
  else {
    card = template.expand({ $root: root }) as object;
    if (expanded.size >= EXPANDED_CARDS_KEPT) expanded.delete(expanded.keys().next().value as string);
  }
  expanded.set(key, card);
  return structuredClone(card);
}

/** Forgets the cards expanded so far (tests: a cold expansion). */
export function forgetExpandedCards(): void {
  expanded.clear();
}

export function cardAttachment(
  name: CardName,
  t: Translator,
  data: Record<string, unknown> = {},
): Attachment {
  return CardFactory.adaptiveCard(bindCard(name, t, data));
}
