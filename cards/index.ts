// cards/: the Adaptive Card templates and bindCard, which fills one with its locale's words and the data.
/**
 * cards/ — the Adaptive Card templates (one JSON file per card, Adaptive Card 1.5) and the one function that
 * binds them: every sentence comes from locales/<language>/cards/<name>.json, the data from the
 * caller, and adaptivecards-templating expands `${text.…}` and `${…}` expressions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Template } from 'adaptivecards-templating';
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

const templates = new Map<CardName, Template>(
  CARD_NAMES.map((name) => [
    name,
    new Template(JSON.parse(fs.readFileSync(path.join(CARDS_DIR, `${name}.json`), 'utf8'))),
  ]),
);

/** The card's JSON, bound to `data` and to the sentences of `t`'s language (interpolated with `data`). */
export function bindCard(name: CardName, t: Translator, data: Record<string, unknown> = {}): object {
  const text = t(name, { ns: 'cards', returnObjects: true, ...data }) as Record<string, unknown>;
  const template = templates.get(name);
  if (!template) throw new Error(`No card template named ${name}`);
  return template.expand({ $root: { ...data, text } }) as object;
}

export function cardAttachment(
  name: CardName,
  t: Translator,
  data: Record<string, unknown> = {},
): Attachment {
  return CardFactory.adaptiveCard(bindCard(name, t, data));
}
