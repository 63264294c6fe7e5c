import type { LiaisonCase } from '../../bot/cases';
import { translatorFor } from '../../bot/i18n';
import {
  companyNameOf,
  formatIsoDate,
  hrUpdateCard,
  invitationAnsweredCard,
  invitationCard,
  refusalCard,
  spstAcknowledgedCard,
  spstNoticeCard,
} from '../../cards/caseCards';
import { sampleCase } from '../cases/sampleCase';
import { cardTexts } from '../support/bot';

const fr = translatorFor('fr-FR');
const en = translatorFor('en-US');

const storedCase = (overrides: Partial<LiaisonCase> = {}): LiaisonCase => ({
  ...sampleCase(),
  id: 'case-1',
  state: 'proposed',
  createdAt: '2026-11-02T09:00:00.000Z',
  updatedAt: '2026-11-02T09:00:00.000Z',
  version: 2,
  ...overrides,
});

test.each([
  ['2026-12-07', '07/12/2026', '7 December 2026'],
  ['2027-01-01', '01/01/2027', '1 January 2027'],
  ['2026-08-31', '31/08/2026', '31 August 2026'],
])('formatIsoDate(%s) reads the day from the string', (date, french, english) => {
  expect(formatIsoDate(date, fr)).toBe(french);
  expect(formatIsoDate(date, en)).toBe(english);
});

test('the invitation shows the meeting, the participants and the three verbs on the case id', () => {
  const card = invitationCard(storedCase({ referentRequested: true, spst: { attendance: 'attend' } }), en, {
    today: '2026-11-10',
  });
  const texts = cardTexts(card);
  expect(texts).toEqual(
    expect.arrayContaining([
      '20 November 2026',
      '10:00',
      'In person: Salle 2',
      expect.stringContaining('Louis Bernard (your manager)'),
      en('invitation.noConsequence', { ns: 'cards' }),
    ]),
  );
  const json = JSON.stringify(card);
  for (const verb of [
    'invitation.accept',
    'invitation.decline',
    'invitation.reschedule',
    'invitation.refresh',
  ]) {
    expect(json).toContain(`"verb":"${verb}","data":{"caseId":"case-1"}`);
  }
  for (const id of ['referentRequested', 'preferredDate1', 'preferredDate2', 'comment']) {
    expect(json).toContain(`"id":"${id}"`);
  }
  expect(json).toContain('"userIds":["aad-employee"]');
});

test('a remote meeting shows its link', () => {
  const card = invitationCard(
    storedCase({ meeting: { date: '2026-11-20', mode: 'remote', link: 'https://meet.example/x' } }),
    fr,
    { today: '2026-11-10' },
  );
  expect(cardTexts(card)).toContain('À distance : https://meet.example/x');
});

test('the answered invitation has no button and says a decline has no consequence', () => {
  const card = invitationAnsweredCard(storedCase({ state: 'declined' }), 'declined', fr);
  expect(cardTexts(card)).toContain(fr('invitationAnswered.declined', { ns: 'cards' }));
  expect(card).not.toHaveProperty('actions');
});

test('the SPST notice carries the employer side only and the acknowledge verb', () => {
  const card = spstNoticeCard(storedCase(), fr, 'Acme');
  expect(cardTexts(card)).toEqual(
    expect.arrayContaining([
      'Acme',
      'Camille Martin',
      'Comptable',
      '20/11/2026',
      fr('spstNotice.noMedical', { ns: 'cards' }),
    ]),
  );
  expect(JSON.stringify(card)).toContain('"verb":"spst.acknowledge","data":{"caseId":"case-1"}');
  expect(cardTexts(spstAcknowledgedCard(storedCase(), en))).toContain(
    'Thank you, your acknowledgement is noted for the liaison meeting of Camille Martin on 20 November 2026.',
  );
});

test('the HR update gives the answer, the wishes and the next step', () => {
  const liaisonCase = storedCase({
    state: 'reschedule_requested',
    wishes: {
      preferredDates: ['2026-11-24', '2026-11-25'],
      comment: 'Mornings please',
      withoutManager: false,
    },
  });
  const card = hrUpdateCard(liaisonCase, 'reschedule_requested', en);
  expect(cardTexts(card)).toEqual(
    expect.arrayContaining([
      en('hrUpdate.rescheduleRequested', { ns: 'cards' }),
      en('hrUpdate.nextRescheduleRequested', { ns: 'cards' }),
      '24 November 2026, 25 November 2026',
      'Mornings please',
    ]),
  );
});

test('the refusal says nothing changed', () => {
  expect(cardTexts(refusalCard('unknown', en))).toContain(en('case.refusalUnknown', { ns: 'cards' }));
});

test('the company is named by its configured name, never by its technical id', () => {
  const fr = translatorFor('fr-FR');
  expect(companyNameOf({ companyName: 'Boulangerie Dupain' }, fr)).toBe('Boulangerie Dupain');
  expect(companyNameOf({}, fr)).toBe("(nom de l'entreprise non renseigné)");
  expect(companyNameOf({}, translatorFor('en-US'))).toBe('(company name not set)');
});
