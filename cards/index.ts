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
 * The cards bound lately: the same card asked again in the same language with the same data (a FAQ answer, the
 * answered invitation that a second click or a refresh shows) is the same JSON, so it is copied from here instead
 * of translated and expanded again. Kept only for i18next's fixed translator (`translatorFor`: it says its
 * language, namespace and key prefix; the words come from the app's one i18next instance, loaded once at start)
 * and for plain JSON data (the key is its JSON text); bounded, the least recently used entry leaving first.
 */
/** Bound cards by key, as their JSON text: each caller parses its own copy (faster than structuredClone). */
const bound = new Map<string, string>();
export const BOUND_CARDS_KEPT = 256;

/**
 * Whether `value` is plain data that its JSON text says exactly: strings, booleans, null, finite numbers (not -0),
 * arrays of those (no undefined item: JSON would make it null) and objects whose prototype is Object's or null (an
 * undefined property binds as an absent one). A Date, a Map, a class, a function are not.
 */
function isPlain(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (const item of value) if (item === undefined || !isPlain(item)) return false;
        return true;
      }
      const prototype = Object.getPrototypeOf(value) as unknown;
      if (prototype !== Object.prototype && prototype !== null) return false;
      for (const item of Object.values(value)) if (item !== undefined && !isPlain(item)) return false;
      return true;
    }
    default:
      return false;
  }
}

/** The JSON text of `value` when it is plain data (else undefined: not kept). */
const plainJson = (value: unknown): string | undefined =>
  isPlain(value) ? JSON.stringify(value) : undefined;

/** The card's JSON, bound to `data` and to the sentences of `t`'s language (interpolated with `data`). */
export function bindCard(name: CardName, t: Translator, data: Record<string, unknown> = {}): object {
  const { lng, ns, keyPrefix } = t as Translator & { lng?: unknown; ns?: unknown; keyPrefix?: unknown };
  const json = typeof lng === 'string' ? plainJson(data) : undefined;
  if (json === undefined) return expandCard(name, t, data);
  const key = [lng, String(ns), String(keyPrefix), name, json].join('\u0000');
  let card = bound.get(key);
  if (card !== undefined)
    bound.delete(key); // most recently used: last to leave
  else {
    card = JSON.stringify(expandCard(name, t, data));
    if (bound.size >= BOUND_CARDS_KEPT) bound.delete(bound.keys().next().value as string);
  }
  bound.set(key, card);
  return JSON.parse(card) as object;
}

/** The locale's sentences (interpolated with `data`), then the template's expansion: what a binding computes. */
function expandCard(name: CardName, t: Translator, data: Record<string, unknown>): object {
  const template = templateOf(name);
  const text = t(name, { ns: 'cards', returnObjects: true, ...data }) as Record<string, unknown>;
  return template.expand({ $root: { ...data, text } }) as object;
}

/** Forgets the cards bound so far (tests: a cold binding). */
export function forgetBoundCards(): void {
  bound.clear();
}

export function cardAttachment(
  name: CardName,
  t: Translator,
  data: Record<string, unknown> = {},
): Attachment {
  return CardFactory.adaptiveCard(bindCard(name, t, data));
}
