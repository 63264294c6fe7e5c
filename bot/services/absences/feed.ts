// Takes a batch of absences from an HR system: stores them and recomputes the employees' reminders.
import { parisToday, type IsoDate } from '../../../domain';
import type { Reminders } from '../reminders';
import type { Database } from '../../platform/storage';
import type { AbsenceStore, CompanyScope, UpsertStatus } from './absenceStore';
import type { AbsenceItem } from './schema';

export interface IngestResult {
  results: Array<{ id: string; status: UpsertStatus }>;
  /** Per employee touched: their eligibility today, as the domain assesses it from the stored absences. */
  employees: Array<{ employee: string; eligible: boolean; firstEligibleDate: IsoDate | null }>;
}

/**
 * Takes a batch of absences from a company's HR system: stores them and recomputes the reminders of every
 * employee they touch, all in one transaction (a batch is stored whole or not at all).
 */
export class AbsenceFeed {
  private readonly now: () => Date;

  constructor(
    private readonly deps: {
      db: Database;
      absences: AbsenceStore;
      reminders: Pick<Reminders, 'recomputeEmployee'>;
      now?: () => Date;
    },
  ) {
    this.now = deps.now ?? (() => new Date());
  }

  async ingest(scope: CompanyScope, items: AbsenceItem[]): Promise<IngestResult> {
    const duplicate = items.find((item, index) => items.findIndex((other) => other.id === item.id) !== index);
    if (duplicate) throw new DuplicateAbsenceIdError(duplicate.id);
    return this.deps.db.transaction(async (tx) => {
      const results: IngestResult['results'] = [];
      const touched = new Set<string>();
      for (const item of items) {
        const { status, employeeKeys } = await this.deps.absences.upsert(tx, scope, item);
        results.push({ id: item.id, status });
        employeeKeys.forEach((key) => touched.add(key));
      }
      const today = parisToday(this.now());
      const employees: IngestResult['employees'] = [];
      for (const employeeKey of touched) {
        await this.deps.reminders.recomputeEmployee(tx, { ...scope, employeeKey });
        const known = await this.deps.absences.assess(tx, { ...scope, employeeKey }, today);
        if (known) {
          employees.push({
            employee: employeeKey,
            eligible: known.assessment.eligible,
            firstEligibleDate: known.assessment.firstEligibleDate,
          });
        }
      }
      return { results, employees };
    });
  }
}

export class DuplicateAbsenceIdError extends Error {
  constructor(readonly absenceId: string) {
    super(`absence id ${absenceId} appears twice in the batch`);
  }
}
