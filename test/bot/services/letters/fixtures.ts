import type { LiaisonCase } from '../../../../bot/services/cases';
import type { CompanySettings } from '../../../../bot/services/caseFlow';

/** A stored case as the letters read it: meeting on Monday 7 December 2026, SPST told on 25 November. */
export function storedCase(overrides: Partial<LiaisonCase> = {}): LiaisonCase {
  return {
    id: 'case-1',
    tenantId: 'tenant-a',
    companyId: 'company-1',
    state: 'invited',
    offer: 1,
    initiator: 'employer',
    requestDate: '2026-11-20',
    employee: { aadObjectId: 'aad-employee', name: 'Zoé Lefèvre', email: 'zoe.lefevre@example.org' },
    manager: { aadObjectId: 'aad-manager', name: 'François Bœuf' },
    openedBy: { aadObjectId: 'aad-manager', name: 'François Bœuf', role: 'manager' },
    contract: { kind: 'cdi' },
    absences: [{ kind: 'maladie', start: '2026-09-01', end: '2026-12-31' }],
    meeting: { date: '2026-12-07', time: '10:30', mode: 'on_site', place: 'Salle Œillet, 2e étage' },
    spst: { attendance: 'attend', noticeDate: '2026-11-25' },
    wishes: { dates: [], withoutManager: false, referent: false },
    createdAt: '2026-11-20T09:00:00.000Z',
    updatedAt: '2026-11-20T09:00:00.000Z',
    version: 2,
    ...overrides,
  };
}

export const SETTINGS: CompanySettings = {
  companyName: 'Boulangerie Dupain & Fils',
  spstContact: {
    name: 'SPST Île-de-France',
    email: 'spst@example.org',
    phone: '01 02 03 04 05',
    address: '1 rue de la Paix, 75002 Paris',
    website: 'https://spst.example.org',
  },
  headcount: 40,
  referentDesignated: true,
};

/** Health words that must never appear in a letter, in either language. */
export const MEDICAL_WORDS = [
  'diagnostic',
  'diagnosis',
  'symptôme',
  'symptom',
  'traitement',
  'treatment',
  'pathologie',
  'pathology',
  'maladie',
  'illness',
  'sickness',
  'médicament',
  'medication',
  'ordonnance',
  'prescription',
  'cancer',
  'dépression',
  'depression',
  'burn-out',
  'burnout',
  'opéré',
  'surgery',
  'chirurgie',
  'hôpital',
  'hospital',
  'handicapé',
  'état de santé',
  'health condition',
];
