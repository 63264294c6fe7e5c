import type { LiaisonCase } from '../../bot/services/cases';
import { translatorFor } from '../../language/i18n';
import {
  employeeRequestCard,
  invitationCard,
  managerStatusCard,
  organiseRequestCard,
} from '../../cards/caseCards';
import { employerContactOf, hrNewsCard, spstNoticeCardFor } from '../../cards/noticeCards';
import { sampleCase } from '../bot/services/cases/sampleCase';
import { escapeMarkdown } from '../../cards/markdown';
import type { EmployeeRequest } from '../../bot/services/requests/requestStore';

// Finding 8: a value typed by a user must never become a link (or formatting) on someone else's card.
const EVIL = '[x](https://evil.example)';

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((item) => strings(item, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((item) => strings(item, out));
  return out;
}
const noLink = (card: object) => {
  const all = strings(card);
  expect(all.filter((text) => text.includes('[x](') || text.includes('<https://'))).toEqual([]);
  expect(all.some((text) => text.includes('\\[x\\](https://evil.example)'))).toBe(true);
};

const evilCase: LiaisonCase = sampleCase({
  employee: { aadObjectId: 'aad-employee', name: EVIL, jobTitle: EVIL },
  manager: { aadObjectId: 'aad-manager', name: EVIL },
  meeting: { date: '2026-11-20', time: '10:00', mode: 'on_site', place: EVIL },
});

describe('Markdown in cards (finding 8)', () => {
  test('escapeMarkdown shows a value as typed', () => {
    expect(escapeMarkdown(EVIL)).toBe('\\[x\\](https://evil.example)');
    expect(escapeMarkdown('<https://evil.example>')).toBe('\\<https://evil.example\\>');
    expect(escapeMarkdown('**gras** _it_ `code` ~~s~~')).toBe(
      '\\*\\*gras\\*\\* \\_it\\_ \\`code\\` \\~\\~s\\~\\~',
    );
    expect(escapeMarkdown('# titre\n- puce\n1. un\n> cite')).toBe('\\# titre\n\\- puce\n1\\. un\n\\> cite');
    expect(escapeMarkdown('Jean-Pierre Dupont (RH)')).toBe('Jean-Pierre Dupont (RH)');
    expect(escapeMarkdown(undefined)).toBeUndefined();
  });

  test.each(['fr-FR', 'en-US'])(
    'names, place, job title and company are escaped on case cards (%s)',
    (locale) => {
      const t = translatorFor(locale);
      noLink(
        spstNoticeCardFor(evilCase, t, {
          notice: 'notice',
          companyName: EVIL,
          contact: employerContactOf(evilCase, undefined),
        }),
      );
      noLink(invitationCard(evilCase, t, { today: '2026-11-05' }));
      noLink(hrNewsCard(evilCase, 'accept', t));
      noLink(managerStatusCard(evilCase, t, { today: '2026-11-05' }));
    },
  );

  test('names are escaped on the cards of an employee request', () => {
    const t = translatorFor('fr-FR');
    const request = {
      id: 'request-1',
      employee: { name: EVIL },
      manager: { name: EVIL },
      requestDate: '2026-11-02',
      leaveStart: '2026-10-01',
      eligibleFrom: '2026-11-01',
      state: 'acknowledged',
      acknowledged: { by: { name: EVIL }, on: '2026-11-03' },
    } as unknown as EmployeeRequest;
    noLink(employeeRequestCard(request, '2026-11-17', t));
    noLink(organiseRequestCard(request, '2026-11-17', t));
  });
});
