import fs from 'node:fs';
import path from 'node:path';
import {
  composeLetter,
  informationLetterInput,
  letterFilename,
  letterInputFromCase,
  letterText,
  renderLetterPdf,
  toWinAnsi,
  type LetterKind,
} from '../../../../bot/services/letters';
import { translatorFor } from '../../../../language/i18n';
import { LOCALES_DIR } from '../../../../bot/platform/paths';
import { MEDICAL_WORDS, SETTINGS, storedCase } from './fixtures';
import { pageCount, pdfText } from './pdfText';

const LETTER_DATE = '2026-11-23';
const t = (lang: string) => translatorFor(lang, 'letters');
const render = (kind: LetterKind, lang: string, overrides = {}, extras = {}) =>
  renderLetterPdf(
    letterInputFromCase(storedCase(overrides), SETTINGS, { letterDate: LETTER_DATE, extras }),
    kind,
    lang,
    { compress: false },
  );

describe.each([
  ['fr', '07/12/2026', '23/11/2026', 'Sur place : Salle Œillet, 2e étage'],
  ['en', '7 December 2026', '23 November 2026', 'On site: Salle Œillet, 2e étage'],
])('in %s', (lang, meetingDay, letterDay, mode) => {
  test.each<LetterKind>(['information', 'invitation'])('the %s letter is a valid A4 PDF', async (kind) => {
    const pdf = await render(kind, lang);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-8).toString('latin1')).toContain('%%EOF');
    expect(pageCount(pdf)).toBeGreaterThanOrEqual(1);
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
  });

  test('the invitation states the facts, with accents intact', async () => {
    const text = pdfText(await render('invitation', lang));
    expect(text).toContain('Zoé Lefèvre');
    expect(text).toContain('François Bœuf');
    expect(text).toContain('Boulangerie Dupain & Fils');
    expect(text).toContain(meetingDay);
    expect(text).toContain('10:30');
    expect(text).toContain(mode);
    expect(text).toContain(t(lang)('common.noConsequence'));
    expect(text).toContain(t(lang)('common.notMedical'));
    expect(text).toContain(letterDay);
    expect(text).toContain('SPST Île-de-France, 01 02 03 04 05, spst@example.org');
    expect(text).toMatch(/Page 1 (sur|of) \d/);
  });

  test('the information letter says what the meeting is, that it may be asked for, and that it is optional', async () => {
    const input = informationLetterInput({
      employeeName: 'Zoé Lefèvre',
      settings: SETTINGS,
      companyId: 'company-1',
      letterDate: LETTER_DATE,
    });
    const text = pdfText(await renderLetterPdf(input, 'information', lang, { compress: false }));
    for (const key of [
      'information.anyTime',
      'information.howToAsk',
      'information.referent',
      'common.noConsequence',
      'common.notMedical',
    ]) {
      expect(text).toContain(t(lang)(key));
    }
    expect(text).toContain(t(lang)('information.purpose', { companyName: 'Boulangerie Dupain & Fils' }));
    expect(text).toContain('Zoé Lefèvre');
    expect(text).toContain(letterDay);
  });

  test.each<LetterKind>(['information', 'invitation'])(
    'the %s letter holds no medical word',
    async (kind) => {
      const text = pdfText(await render(kind, lang)).toLowerCase();
      for (const word of MEDICAL_WORDS) expect(text).not.toContain(word);
    },
  );

  test('a remote meeting gives its link', async () => {
    const text = pdfText(
      await render('invitation', lang, {
        meeting: {
          date: '2026-12-07',
          time: '14:00',
          mode: 'remote',
          link: 'https://teams.example/join/abc',
        },
      }),
    );
    expect(text).toContain('https://teams.example/join/abc');
    expect(text).toContain('14:00');
  });
});

test('French typography survives: é è à ç ô œ « » ’', async () => {
  const pdf = await render('invitation', 'fr', {
    meeting: { date: '2026-12-07', time: '10:30', mode: 'on_site', place: '« Salle Côte-à-côte », façade' },
  });
  const text = pdfText(pdf);
  expect(text).toContain('« Salle Côte-à-côte », façade');
  expect(text).toContain('l’entreprise');
  expect(text).toContain('visite de préreprise');
  expect(text).toContain('Objet : invitation à un rendez-vous de liaison');
});

test('the French letter is dated "Fait à <city>, le jj/mm/aaaa" when the city is known', async () => {
  const text = pdfText(
    await render(
      'invitation',
      'fr',
      {},
      { company: { city: 'Angers', postalAddress: '25 rue Carl Linné, 49000 Angers' } },
    ),
  );
  expect(text).toContain('Fait à Angers, le 23/11/2026');
  expect(text).toContain('25 rue Carl Linné 49000 Angers');
});

test('participants follow the case: SPST when it attends, référent when asked, HR instead of the manager when asked', () => {
  const content = composeLetter(
    letterInputFromCase(
      storedCase({
        wishes: { dates: [], withoutManager: true, referent: true },
        spst: { attendance: 'informed' },
      }),
      SETTINGS,
      { letterDate: LETTER_DATE },
    ),
    'invitation',
    'fr',
  );
  const facts = content.sections.flatMap((section) => section.facts ?? []).join('\n');
  expect(facts).toContain(
    'Participants : vous-même, un représentant des ressources humaines, le référent handicap',
  );
  expect(facts).not.toContain('François Bœuf (votre manager)');
  expect(facts).not.toContain('service de prévention');
  const paragraphs = content.sections.flatMap((section) => section.paragraphs ?? []).join('\n');
  // Already requested: not offered again. The SPST notice has not gone out yet.
  expect(paragraphs).not.toContain(translatorFor('fr', 'letters')('invitation.referentOffer'));
  expect(paragraphs).toContain(translatorFor('fr', 'letters')('invitation.spstInformed'));
});

test('the référent is offered only where the company has one', () => {
  const text = (settings: typeof SETTINGS) =>
    JSON.stringify(
      composeLetter(
        informationLetterInput({ employeeName: 'A', settings, companyId: 'c', letterDate: LETTER_DATE }),
        'information',
        'en',
      ),
    );
  const sentence = translatorFor('en', 'letters')('information.referent');
  expect(text({ ...SETTINGS, referentDesignated: false, headcount: 40 })).not.toContain(sentence);
  expect(text({ ...SETTINGS, referentDesignated: false, headcount: 250 })).toContain(sentence);
});

test('an invitation needs a meeting', () => {
  const input = informationLetterInput({
    employeeName: 'A',
    settings: {},
    companyId: 'c',
    letterDate: LETTER_DATE,
  });
  expect(() => composeLetter(input, 'invitation', 'fr')).toThrow(TypeError);
});

test('the file name carries the meeting day (invitation) or the letter day (information)', () => {
  const input = letterInputFromCase(storedCase(), SETTINGS, { letterDate: LETTER_DATE });
  expect(letterFilename(input, 'invitation')).toBe('liaison-invitation-2026-12-07.pdf');
  expect(letterFilename(input, 'information')).toBe('liaison-information-2026-11-23.pdf');
});

describe('WinAnsi', () => {
  test('keeps French and typographic characters, degrades the others readably', () => {
    expect(toWinAnsi('é è à ç ô œ Œ « » ’ € —')).toBe('é è à ç ô œ Œ « » ’ € —');
    expect(toWinAnsi('Łukasz Dvořák Ştefan')).toBe('Lukasz Dvorák Stefan');
    expect(toWinAnsi('10\u202f€')).toBe('10\u00a0€');
    expect(toWinAnsi('漢')).toBe('?');
  });

  test.each(['fr', 'en'])('every sentence of locales/%s/letters.json prints as written', (lang) => {
    const strings = (value: unknown): string[] =>
      typeof value === 'string' ? [value] : Object.values(value as object).flatMap(strings);
    const file = JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, lang, 'letters.json'), 'utf8'));
    for (const sentence of strings(file)) expect(toWinAnsi(sentence)).toBe(sentence);
  });
});

test('a letter longer than a page numbers every page', async () => {
  const longAddress = Array.from({ length: 14 }, (_, index) => `Bâtiment ${index + 1}`).join('\n');
  const pdf = await render('invitation', 'fr', {}, { company: { postalAddress: longAddress } });
  expect(pageCount(pdf)).toBe(2);
  const text = pdfText(pdf);
  expect(text).toContain('Page 1 sur 2');
  expect(text).toContain('Page 2 sur 2');
  expect(text).toContain('Le service des ressources humaines');
});

test('#12.7 a case that names no manager: the invitation names HR, never an empty manager', () => {
  for (const lang of ['fr', 'en'] as const) {
    const text = letterText(
      composeLetter(
        letterInputFromCase(
          storedCase({
            manager: undefined,
            openedBy: { aadObjectId: 'aad-hr', name: 'Hélène Roux', role: 'hr' },
          }),
          SETTINGS,
          { letterDate: LETTER_DATE },
        ),
        'invitation',
        lang,
      ),
    );
    expect(text).toContain(translatorFor(lang, 'letters')('invitation.hrRepresentative'));
    expect(text).toContain(translatorFor(lang, 'letters')('invitation.howToAnswerHr'));
    expect(text).not.toContain('Hélène Roux');
    expect(text).not.toMatch(/manager\s*:\s*$/im);
  }
});
