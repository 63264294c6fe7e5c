import type { LiaisonCase } from '../../bot/services/cases';
import { translatorFor } from '../../language/i18n';
import {
  companyNameOf,
  invitationAnsweredCard,
  invitationCard,
  managerStatusCard,
  refusalCard,
  spstAcknowledgedCard,
} from '../../cards/caseCards';
import { sampleCase } from '../bot/services/cases/sampleCase';
import { cardTexts } from '../support/bot';

const fr = translatorFor('fr-FR');
const en = translatorFor('en-US');

const storedCase = (overrides: Partial<LiaisonCase> = {}): LiaisonCase =>
  sampleCase({ id: 'case-1', ...overrides });

test('the invitation shows the meeting, the participants and the three verbs on the case and its offer', () => {
  const card = invitationCard(
    storedCase({
      wishes: { dates: [], withoutManager: false, referent: true },
      spst: { attendance: 'attend' },
    }),
    en,
    { today: '2026-11-10' },
  );
  const texts = cardTexts(card);
  expect(texts).toEqual(
    expect.arrayContaining([
      '20 November 2026',
      '10:00',
      'On site: Salle 2',
      expect.stringContaining('Louis Bernard (your manager)'),
      en('invitation.noConsequence', { ns: 'cards' }),
    ]),
  );
  const json = JSON.stringify(card);
  for (const verb of ['invitation.accept', 'invitation.decline', 'invitation.reschedule']) {
    expect(json).toContain(`"verb":"${verb}","data":{"caseId":"case-1","offer":1}`);
  }
  expect(json).toContain('"verb":"invitation.refresh","data":{"caseId":"case-1"}');
  for (const id of ['referentRequested', 'withoutManager', 'preferredDate1', 'preferredDate2', 'partOfDay']) {
    expect(json).toContain(`"id":"${id}"`);
  }
  expect(json).not.toContain('"id":"comment"');
  expect(json).toContain('"userIds":["aad-employee"]');
});

test('a remote meeting shows its link', () => {
  const card = invitationCard(
    storedCase({
      meeting: { date: '2026-11-20', time: '10:00', mode: 'remote', link: 'https://meet.example/x' },
    }),
    fr,
    { today: '2026-11-10' },
  );
  expect(cardTexts(card)).toContain('À distance : https://meet.example/x');
});

test('#12.9 a declined invitation has no button and says the employee may still ask later', () => {
  const card = invitationAnsweredCard(storedCase({ state: 'declined' }), fr, { today: '2026-11-10' });
  expect(cardTexts(card)).toContain(fr('invitationAnswered.declined', { ns: 'cards' }));
  expect((card as { actions?: unknown[] }).actions ?? []).toEqual([]);
});

test('#12.9 an accepted invitation may be declined or changed until the meeting day, not after', () => {
  const accepted = storedCase({ state: 'accepted' });
  const before = JSON.stringify(invitationAnsweredCard(accepted, en, { today: '2026-11-20' }));
  expect(before).toContain('"verb":"invitation.decline"');
  expect(before).toContain('"verb":"invitation.reschedule"');
  expect(before).not.toContain('"verb":"invitation.accept"');
  const after = invitationAnsweredCard(accepted, en, { today: '2026-11-21' }) as { actions?: unknown[] };
  expect(after.actions ?? []).toEqual([]);
});

test('#12.4 the employee who would rather their manager did not attend does not see them listed', () => {
  const card = invitationCard(
    storedCase({ offer: 2, wishes: { dates: [], withoutManager: true, referent: false } }),
    en,
    {
      today: '2026-11-10',
    },
  );
  const texts = cardTexts(card).join(' ');
  expect(texts).not.toContain('Louis Bernard');
  expect(texts).toContain(en('case.companyRepresentative', { ns: 'cards' }));
  expect(texts).toContain(en('invitation.replacesEarlier', { ns: 'cards' }));
  expect(JSON.stringify(card)).toMatch(/"id":"withoutManager"[^}]*"value":"true"/);
});

test("#12.5 the manager's status card shows a decline as closed, without the employee's wishes", () => {
  const declined = storedCase({
    state: 'declined',
    wishes: { dates: ['2026-11-25'], withoutManager: true, referent: true },
  });
  const texts = cardTexts(managerStatusCard(declined, en, { today: '2026-11-10', news: 'decline' }));
  expect(texts).toContain(en('managerStatus.states.closed', { ns: 'cards' }));
  expect(texts.join(' ')).not.toMatch(/declined|25 November/);
  expect(texts).not.toContain(en('managerStatus.withoutManager', { ns: 'cards' }));
});

test('the SPST acknowledgement names the meeting', () => {
  expect(cardTexts(spstAcknowledgedCard(storedCase(), en))).toContain(
    'Thank you, your acknowledgement is noted for the liaison meeting of Camille Martin on 20 November 2026.',
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
