import fs from 'node:fs';
import path from 'node:path';
import * as AdaptiveCards from 'adaptivecards';
import { bindCard, CARD_NAMES } from '../../cards';
import { translatorFor } from '../../language/i18n';
import { CARDS_DIR } from '../../bot/platform/paths';
import { cardTexts } from '../support/bot';

/** Representative data for each card, shared with the card gallery: a card without a sample fails here. */
const SAMPLES_DIR = path.join(CARDS_DIR, 'samples');
const sampleOf = (name: string): Record<string, unknown> | undefined => {
  const file = path.join(SAMPLES_DIR, `${name}.json`);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined;
};

function validate(json: object): string[] {
  const card = new AdaptiveCards.AdaptiveCard();
  const context = new AdaptiveCards.SerializationContext();
  card.parse(json, context);
  const problems = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  problems.push(...card.validateProperties().validationEvents.map((event) => event.message));
  return problems;
}

test('every template file in cards/ is listed in CARD_NAMES and has sample data, and nothing else does', () => {
  const files = fs.readdirSync(CARDS_DIR).filter((file) => file.endsWith('.json'));
  const names = (list: string[]) => list.map((file) => path.basename(file, '.json')).sort();
  expect(names(files)).toEqual([...CARD_NAMES].sort());
  // <card>.json for every card; <card>.<fr|en>.json may add a language's own values for the gallery.
  const samples = fs.readdirSync(SAMPLES_DIR).filter((file) => !/\.(fr|en)\.json$/.test(file));
  expect(names(samples)).toEqual([...CARD_NAMES].sort());
});

describe.each(CARD_NAMES.flatMap((name) => ['fr-FR', 'en-US'].map((locale) => ({ name, locale }))))(
  'card $name in $locale',
  ({ name, locale }) => {
    const data = sampleOf(name);
    const card = () => bindCard(name, translatorFor(locale), data) as Record<string, unknown>;

    test('has sample data', () => expect(data).toBeDefined());

    test('is an Adaptive Card 1.5 that the SDK parses without error', () => {
      expect(card()).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
      expect(validate(card())).toEqual([]);
    });

    test('has every expression bound and every sentence translated', () => {
      const json = JSON.stringify(card());
      expect(json).not.toMatch(/\$\{/);
      for (const text of cardTexts(card())) {
        expect(text.trim()).not.toBe('');
        expect(text).not.toMatch(new RegExp(`^${name}\\.`)); // an i18n key left untranslated
      }
    });
  },
);
