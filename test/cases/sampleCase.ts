import type { NewLiaisonCase } from '../../bot/cases';

/** A plausible new case; tests override what they are about. */
export function sampleCase(overrides: Partial<NewLiaisonCase> = {}): NewLiaisonCase {
  return {
    tenantId: 'tenant-a',
    companyId: 'company-1',
    initiator: 'employer',
    requestDate: '2026-11-02',
    employee: { aadObjectId: 'aad-employee', name: 'Camille Martin', jobTitle: 'Comptable' },
    manager: { aadObjectId: 'aad-manager', name: 'Louis Bernard' },
    meeting: { date: '2026-11-20', time: '10:00', mode: 'in_person', place: 'Salle 2' },
    spst: { attendance: 'informed', noticeDate: '2026-11-05' },
    referentRequested: false,
    ...overrides,
  };
}
