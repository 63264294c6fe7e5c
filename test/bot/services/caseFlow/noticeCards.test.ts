import { translatorFor } from '../../../../language/i18n';
import type { LiaisonCase } from '../../../../bot/services/cases';
import type { CaseNews } from '../../../../bot/services/caseFlow';
import {
  employeeCancellationCard,
  employerContactOf,
  hrNewsCard,
  spstNoticeCardFor,
} from '../../../../cards/noticeCards';
import { cardTexts } from '../../../support/bot';

const EVIL = '[x](https://evil.example)';

function storedCase(overrides: Partial<LiaisonCase> = {}): LiaisonCase {
  return {
    id: 'case-1',
    tenantId: 'tenant-a',
    companyId: 'company-1',
    state: 'invited',
    offer: 1,
    initiator: 'employer',
    requestDate: '2026-11-02',
    employee: { aadObjectId: 'aad-employee', name: 'Camille Martin', jobTitle: 'Comptable' },
    manager: { aadObjectId: 'aad-manager', name: 'Louis Bernard' },
    openedBy: { aadObjectId: 'aad-hr', name: 'Claire Petit', role: 'hr' },
    contract: { kind: 'cdi' },
    absences: [{ kind: 'maladie', start: '2026-09-01', end: '2026-12-31' }],
    meeting: { date: '2026-11-20', time: '10:00', mode: 'on_site', place: 'Salle 2' },
    spst: { attendance: 'informed', noticeDate: '2026-11-05', notifiedBy: ['teams'] },
    wishes: { dates: [], withoutManager: false, referent: false },
    createdAt: '2026-11-05T09:00:00.000Z',
    updatedAt: '2026-11-05T09:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

const NEWS: CaseNews[] = [
  'open',
  'accept',
  'decline',
  'ask_other_date',
  'acknowledge_spst',
  'propose_again',
  'cancel',
  'record_held',
];
const STATE_AFTER: Record<CaseNews, LiaisonCase['state']> = {
  open: 'invited',
  accept: 'accepted',
  decline: 'declined',
  ask_other_date: 'other_date_asked',
  acknowledge_spst: 'invited',
  propose_again: 'invited',
  cancel: 'cancelled',
  record_held: 'held',
};
const text = (card: object) => cardTexts(card).join('\n');

describe.each(['fr-FR', 'en-US'])('the notice cards in %s', (locale) => {
  const t = translatorFor(locale);

  test.each(NEWS)(
    '#12.16 HR has a headline and a next step for the news %s, every sentence translated',
    (news) => {
      const card = hrNewsCard(storedCase({ state: STATE_AFTER[news] }), news, t);
      const json = JSON.stringify(card);
      expect(json).not.toMatch(/\$\{/);
      const texts = cardTexts(card);
      expect(texts.length).toBeGreaterThan(6);
      for (const line of texts) expect(line).not.toMatch(/^hrUpdate\./);
      expect(text(card)).toContain('Camille Martin');
    },
  );

  test('every value a person typed is escaped on the SPST, HR and employee cards', () => {
    const evil = storedCase({
      employee: { aadObjectId: 'aad-employee', name: EVIL, jobTitle: EVIL },
      manager: { name: EVIL },
      openedBy: { name: EVIL, role: 'hr' },
      meeting: { date: '2026-11-20', time: '10:00', mode: 'on_site', place: EVIL },
    });
    const contact = { name: EVIL, email: EVIL, phone: EVIL, organiser: EVIL };
    for (const card of [
      spstNoticeCardFor(evil, t, { notice: 'notice', companyName: EVIL, contact }),
      hrNewsCard(evil, 'open', t),
      employeeCancellationCard(evil, t),
    ]) {
      expect(JSON.stringify(card)).not.toContain('"[x](');
      expect(text(card)).not.toMatch(/(^|[^\\])\[x\]\(/m);
      expect(text(card)).toContain('\\[x\\](https://evil.example)');
    }
  });
});

test('#12.3 only a notice or a change can be acknowledged, each for its own offer', () => {
  const t = translatorFor('fr-FR');
  const contact = { name: 'Service RH' };
  const at = (notice: 'notice' | 'change' | 'cancellation', offer: number) =>
    spstNoticeCardFor(storedCase({ offer }), t, {
      notice,
      companyName: 'Acme',
      contact,
      replaces: { date: '2026-11-20', time: '10:00', mode: 'on_site' },
    }) as { actions: unknown[] };
  expect(at('notice', 1).actions).toEqual([
    expect.objectContaining({ verb: 'spst.acknowledge', data: { caseId: 'case-1', offer: 1 } }),
  ]);
  expect(at('change', 2).actions).toEqual([
    expect.objectContaining({ verb: 'spst.acknowledge', data: { caseId: 'case-1', offer: 2 } }),
  ]);
  expect(text(at('change', 2))).toContain('Ce rendez-vous remplace celui du 20/11/2026 à 10:00.');
  expect(at('cancellation', 2).actions).toEqual([]);
});

test("#12.16 the employer contact: the company's HR contact with the organiser beside it, else the organiser", () => {
  const hrContact = { name: 'Service RH', email: 'rh@acme.example', phone: '01 23 45 67 89' };
  expect(employerContactOf(storedCase(), hrContact)).toEqual({ ...hrContact, organiser: 'Louis Bernard' });
  expect(employerContactOf(storedCase({ manager: undefined }), hrContact)).toEqual({
    ...hrContact,
    organiser: 'Claire Petit',
  });
  expect(employerContactOf(storedCase(), undefined)).toEqual({ name: 'Louis Bernard' });
});
