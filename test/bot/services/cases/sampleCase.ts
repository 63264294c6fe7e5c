import {
  CaseService,
  CompanySettingsStore,
  type CaseCaller,
  type CaseChange,
  type CompanySettings,
  type OpenCaseRequest,
} from '../../../../bot/services/caseFlow';
import {
  CaseStore,
  Outbox,
  type CaseState,
  type CaseStoreOptions,
  type LiaisonCase,
} from '../../../../bot/services/cases';
import type { Database } from '../../../../bot/platform/storage';
import { addDays, type IsoDate } from '../../../../domain';

/**
 * Cases for tests, made the only way cases are made: through CaseService and the case engine. The sample's days
 * fit the engine's rules on SAMPLE_NOW (2026-11-03): on sick leave since 1 September, request on 2 November, the
 * SPST told on the 3rd, the meeting on 20 November.
 */
export const SAMPLE_NOW = new Date('2026-11-03T08:00:00.000Z');
export const TENANT = 'tenant-a';
export const COMPANY = 'company-1';
export const HR_ID = 'aad-hr';
export const MANAGER_ID = 'aad-manager';
export const EMPLOYEE_ID = 'aad-employee';
export const SPST_ID = 'aad-spst';

/** A plausible case to open; tests override what they are about. */
export function sampleOpenRequest(overrides: Partial<OpenCaseRequest> = {}): OpenCaseRequest {
  return {
    caseId: `case-${Math.random().toString(36).slice(2, 10)}`,
    tenantId: TENANT,
    companyId: COMPANY,
    initiator: 'employer',
    requestDate: '2026-11-02',
    employee: { aadObjectId: EMPLOYEE_ID, name: 'Camille Martin', jobTitle: 'Comptable' },
    manager: { aadObjectId: MANAGER_ID, name: 'Louis Bernard' },
    contract: { kind: 'cdi' },
    absences: [{ kind: 'maladie', start: '2026-09-01', end: '2026-12-31' }],
    meeting: { date: '2026-11-20', time: '10:00', mode: 'on_site', place: 'Salle 2' },
    spstAttendance: 'informed',
    ...overrides,
  };
}

/**
 * The sample moved to `today` (for tests that run against the real clock): requested today, on sick leave for
 * the last 60 days and the next 90, the meeting in 20 days.
 */
export function sampleOpenRequestOn(
  today: IsoDate,
  overrides: Partial<OpenCaseRequest> = {},
): OpenCaseRequest {
  return sampleOpenRequest({
    requestDate: today,
    absences: [{ kind: 'maladie', start: addDays(today, -60), end: addDays(today, 90) }],
    meeting: { date: addDays(today, 20), time: '10:00', mode: 'on_site', place: 'Salle 2' },
    ...overrides,
  });
}

/** A stored-looking case, for tests that render or read a case without a database. */
export function sampleCase(overrides: Partial<LiaisonCase> = {}): LiaisonCase {
  const { caseId, spstAttendance, referentOffered, ...request } = sampleOpenRequest();
  return {
    ...request,
    id: caseId,
    state: 'invited',
    offer: 1,
    openedBy: { aadObjectId: MANAGER_ID, name: 'Louis Bernard', role: 'manager' },
    spst: {
      attendance: spstAttendance,
      noticeDate: '2026-11-03',
      notifiedBy: ['teams'],
      contactAadObjectId: SPST_ID,
    },
    wishes: { dates: [], withoutManager: false, referent: false },
    referentOffered: referentOffered ?? true,
    createdAt: SAMPLE_NOW.toISOString(),
    updatedAt: SAMPLE_NOW.toISOString(),
    version: 1,
    ...overrides,
  };
}

export interface TestCaseServiceOptions {
  now?: () => Date;
  /** Who is HR: HR_ID by default. */
  isHr?: (tenantId: string, companyId: string, aadObjectId: string | undefined) => Promise<boolean>;
  emailEnabled?: boolean;
  storeOptions?: CaseStoreOptions;
}

/** A CaseService over `db` with a fixed clock, HR_ID as HR, and the stores it writes to. */
export function testCaseService(db: Database, options: TestCaseServiceOptions = {}) {
  const cases = new CaseStore(db, options.storeOptions);
  const outbox = new Outbox(db, options.now);
  const companySettings = new CompanySettingsStore(db);
  const service = new CaseService({
    db,
    cases,
    outbox,
    companySettings,
    isHr: options.isHr ?? (async (_tenantId, _companyId, id) => id === HR_ID),
    emailEnabled: options.emailEnabled ?? false,
    now: options.now ?? (() => SAMPLE_NOW),
  });
  return { service, cases, outbox, companySettings };
}

export const callerOf = (aadObjectId: string, via: CaseCaller['via'] = 'teams'): CaseCaller => ({
  aadObjectId,
  via,
});

/** The commands that bring an opened case to each status (the meeting held needs its day: see seedCase). */
const PATH_TO: Record<CaseState, Array<{ change: CaseChange; by: string }>> = {
  invited: [],
  accepted: [{ change: { type: 'accept', offer: 1 }, by: EMPLOYEE_ID }],
  declined: [{ change: { type: 'decline', offer: 1 }, by: EMPLOYEE_ID }],
  other_date_asked: [
    {
      change: {
        type: 'ask_other_date',
        offer: 1,
        wishes: { dates: [], withoutManager: false, referent: false },
      },
      by: EMPLOYEE_ID,
    },
  ],
  cancelled: [{ change: { type: 'cancel' }, by: HR_ID }],
  held: [
    { change: { type: 'accept', offer: 1 }, by: EMPLOYEE_ID },
    { change: { type: 'record_held' }, by: HR_ID },
  ],
};

export interface SeedOptions {
  state?: CaseState;
  request?: Partial<OpenCaseRequest>;
  /** The company's settings before the case opens; by default an SPST contact reachable in Teams. */
  settings?: CompanySettings;
  service?: TestCaseServiceOptions;
}

/**
 * A case opened by its manager on SAMPLE_NOW, then moved to `state` by the people allowed to (the meeting is
 * recorded as held on its day). Fails the test if the engine refuses a step.
 */
export async function seedCase(db: Database, options: SeedOptions = {}): Promise<LiaisonCase> {
  let now = options.service?.now ?? (() => SAMPLE_NOW);
  const { service, companySettings } = testCaseService(db, { ...options.service, now: () => now() });
  const request = sampleOpenRequest(options.request);
  await companySettings.upsert(
    request.tenantId,
    request.companyId,
    options.settings ?? { spstContact: { name: 'Dr SPST', aadObjectId: SPST_ID } },
  );
  const opened = await service.open(request, callerOf(request.manager?.aadObjectId ?? HR_ID));
  if (opened.outcome !== 'applied') throw new Error(`seedCase: open ${JSON.stringify(opened)}`);
  let current = opened.case;
  for (const { change, by } of PATH_TO[options.state ?? 'invited']) {
    if (change.type === 'record_held') {
      const meetingDay = new Date(`${current.meeting.date}T10:00:00.000Z`);
      now = () => meetingDay;
    }
    const outcome = await service.change(current.tenantId, current.id, change, callerOf(by));
    if (outcome.outcome !== 'applied') throw new Error(`seedCase: ${change.type} ${JSON.stringify(outcome)}`);
    current = outcome.case;
  }
  return current;
}
