import fs from 'node:fs';
import path from 'node:path';
import * as AdaptiveCards from 'adaptivecards';
import { bindCard, CARD_NAMES } from '../../cards';
import { translatorFor } from '../../bot/i18n';
import { CARDS_DIR } from '../../bot/paths';
import { cardTexts } from '../support/bot';

/** Representative data for each card; a card added to CARD_NAMES without sample data fails here. */
const SAMPLE_DATA: Record<string, Record<string, unknown>> = {
  companySettings: {
    companyName: 'Acme',
    spstName: 'SPST Ouest',
    spstEmail: 'contact@spst.example',
    spstPhone: '02 00 00 00 00',
    spstAddress: '1 rue de la Paix, Angers',
    spstWebsite: 'https://spst.example',
    headcount: '120',
    referentDesignated: 'false',
  },
  help: {},
  faqAnswer: {
    notice: '',
    question: 'Q?',
    answer: 'A short answer.',
    details: 'More details.',
    related: [{ title: 'Another question?' }, { title: 'A third one?' }],
  },
  faqSuggestions: {
    notice: 'No health detail is needed.',
    intro: 'Did you mean:',
    suggestions: [{ title: 'First?' }, { title: 'Second?' }],
  },
  invitation: {
    caseId: 'case-1',
    employeeAadObjectId: 'aad-employee',
    date: '07/12/2026',
    time: '10:00',
    mode: 'Sur place : Salle 2',
    participants: 'Louis Bernard',
    referentRequested: 'false',
    today: '2026-11-23',
    error: 'Une erreur.',
  },
  invitationAnswered: {
    caseId: 'case-1',
    employeeAadObjectId: 'aad-employee',
    date: '07/12/2026',
    time: '10:00',
    answer: 'declined',
  },
  spstNotice: {
    caseId: 'case-1',
    companyName: 'Acme',
    employeeName: 'Camille Martin',
    jobTitle: 'Comptable',
    date: '07/12/2026',
    time: '10:00',
    mode: 'À distance',
    initiator: "L'employeur",
    employerContact: 'Louis Bernard',
    attendance: 'attend',
  },
  spstAcknowledged: { employeeName: 'Camille Martin', date: '07/12/2026' },
  hrUpdate: {
    employeeName: 'Camille Martin',
    date: '07/12/2026',
    answer: 'reschedule_requested',
    preferredDates: '08/12/2026, 09/12/2026',
    comment: 'Plutôt le matin',
    referentRequested: true,
  },
  refusal: { reason: 'Rien n’a changé.' },
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

test('every template file in cards/ is listed in CARD_NAMES', () => {
  const files = fs.readdirSync(CARDS_DIR).filter((file) => file.endsWith('.json'));
  expect(files.map((file) => path.basename(file, '.json')).sort()).toEqual([...CARD_NAMES].sort());
});

describe.each(CARD_NAMES.flatMap((name) => ['fr-FR', 'en-US'].map((locale) => ({ name, locale }))))(
  'card $name in $locale',
  ({ name, locale }) => {
    const data = SAMPLE_DATA[name];
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
