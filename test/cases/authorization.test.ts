import {
  mayAcknowledgeRequest,
  mayAcknowledgeSpstNotice,
  mayAnswerInvitation,
  type LiaisonCase,
} from '../../bot/cases';
import { sampleCase } from './sampleCase';

const stored: LiaisonCase = {
  ...sampleCase(),
  id: 'case-1',
  state: 'proposed',
  createdAt: '2026-11-03T08:00:00.000Z',
  updatedAt: '2026-11-03T08:00:00.000Z',
  version: 2,
};

describe('authorisation from the stored case', () => {
  test("only the case's employee may answer the invitation", () => {
    expect(mayAnswerInvitation(stored, 'aad-employee')).toBe(true);
    expect(mayAnswerInvitation(stored, 'aad-manager')).toBe(false);
    expect(mayAnswerInvitation(stored, 'aad-stranger')).toBe(false);
    expect(mayAnswerInvitation(stored, undefined)).toBe(false);
  });

  test('an employee known only by name and email cannot be matched, so nobody may answer for them', () => {
    const withoutAadId = { ...stored, employee: { name: 'Camille Martin', email: 'c.martin@example.fr' } };
    expect(mayAnswerInvitation(withoutAadId, undefined)).toBe(false);
    expect(mayAnswerInvitation(withoutAadId, '')).toBe(false);
  });

  test("HR or the case's own manager may acknowledge a request", () => {
    expect(mayAcknowledgeRequest(stored, { role: 'hr', aadObjectId: 'aad-hr' })).toBe(true);
    expect(mayAcknowledgeRequest(stored, { role: 'manager', aadObjectId: 'aad-manager' })).toBe(true);
    expect(mayAcknowledgeRequest(stored, { role: 'manager', aadObjectId: 'aad-other-manager' })).toBe(false);
    expect(mayAcknowledgeRequest(stored, { role: 'manager' })).toBe(false);
    expect(mayAcknowledgeRequest(stored, { role: 'employee', aadObjectId: 'aad-employee' })).toBe(false);
    expect(mayAcknowledgeRequest(stored, { role: 'spst', aadObjectId: 'aad-manager' })).toBe(false);
  });

  test('only the SPST contact may acknowledge the SPST notice', () => {
    expect(mayAcknowledgeSpstNotice({ role: 'spst', aadObjectId: 'aad-spst' })).toBe(true);
    for (const role of ['employee', 'manager', 'hr', 'system'] as const) {
      expect(mayAcknowledgeSpstNotice({ role, aadObjectId: 'aad-spst' })).toBe(false);
    }
  });
});
