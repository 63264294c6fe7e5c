// The absences table, scoped by tenant and company, and each employee's eligibility read from it.
import {
  addDays,
  assessEligibility,
  type Absence,
  type AbsenceKind,
  type ContractKind,
  type IsoDate,
} from '../../../domain';
import type { EmployeeEligibility, EmployeeRef } from '../reminders';
import { employeeKeyOf } from '../reminders';
import type { Queryable } from '../../platform/storage';
import type { CompanySettingsStore } from '../settings/companySettingsStore';
import type { AbsenceItem } from './schema';

/** An open absence is assumed to last at least this long after today when predicting the first eligible day. */
const OPEN_ABSENCE_HORIZON_DAYS = 366;

export type UpsertStatus = 'created' | 'updated' | 'unchanged';

interface AbsenceRow {
  absence_id: string;
  employee_key: string;
  employee: string;
  kind: AbsenceKind;
  start_on: string;
  end_on: string | null;
  contract_kind: ContractKind;
  contract_end: string | null;
  updated_at: string;
}

export interface CompanyScope {
  tenantId: string;
  companyId: string;
}

/**
 * The absences fed by a company's HR system, each row scoped by tenant and company and keyed by the HR system's
 * own absence id (so a repeated id updates, never duplicates). Every method takes the Queryable to run on, so it
 * can take part in the caller's transaction.
 */
export class AbsenceStore implements EmployeeEligibility {
  constructor(
    private readonly now: () => Date = () => new Date(),
    /** The company's settings, for the policy eligibility is assessed under (docs/rules.md#a-companys-policy). */
    private readonly settings?: Pick<CompanySettingsStore, 'get'>,
  ) {}

  /**
   * Stores one absence; answers what happened and the employee keys whose eligibility may have changed (the
   * previous one too when the absence moved to another employee).
   */
  async upsert(
    tx: Queryable,
    scope: CompanyScope,
    item: AbsenceItem,
  ): Promise<{ status: UpsertStatus; employeeKeys: string[] }> {
    const employee: EmployeeRef = {
      ...(item.employee.aadObjectId ? { aadObjectId: item.employee.aadObjectId } : {}),
      ...(item.employee.email ? { email: item.employee.email.trim().toLowerCase() } : {}),
      ...(item.employee.name ? { name: item.employee.name } : {}),
    };
    const employeeKey = employeeKeyOf(employee);
    const values = {
      employee_key: employeeKey,
      employee: JSON.stringify(employee),
      kind: item.kind,
      start_on: item.start,
      end_on: item.end ?? null,
      contract_kind: item.contract.kind,
      contract_end: item.contract.end ?? null,
    };
    const [current] = await tx.query<AbsenceRow>(
      `SELECT * FROM absences WHERE tenant_id = $1 AND company_id = $2 AND absence_id = $3`,
      [scope.tenantId, scope.companyId, item.id],
    );
    const at = this.now().toISOString();
    // $1–$11 of both statements below.
    const params = [
      scope.tenantId,
      scope.companyId,
      item.id,
      values.employee_key,
      values.employee,
      values.kind,
      values.start_on,
      values.end_on,
      values.contract_kind,
      values.contract_end,
      at,
    ];
    if (!current) {
      await tx.execute(
        `INSERT INTO absences (tenant_id, company_id, absence_id, employee_key, employee, kind, start_on, end_on,
           contract_kind, contract_end, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)`,
        params,
      );
      return { status: 'created', employeeKeys: [employeeKey] };
    }
    const same = (Object.keys(values) as Array<keyof typeof values>).every(
      (column) => current[column] === values[column],
    );
    if (same) return { status: 'unchanged', employeeKeys: [employeeKey] };
    await tx.execute(
      `UPDATE absences SET employee_key = $4, employee = $5, kind = $6, start_on = $7, end_on = $8,
         contract_kind = $9, contract_end = $10, updated_at = $11
       WHERE tenant_id = $1 AND company_id = $2 AND absence_id = $3`,
      params,
    );
    return { status: 'updated', employeeKeys: [...new Set([current.employee_key, employeeKey])] };
  }

  /** The employee's stored absences, oldest first. */
  async forEmployee(queryable: Queryable, scope: CompanyScope, employeeKey: string): Promise<AbsenceRow[]> {
    return queryable.query<AbsenceRow>(
      `SELECT * FROM absences WHERE tenant_id = $1 AND company_id = $2 AND employee_key = $3
       ORDER BY start_on, absence_id`,
      [scope.tenantId, scope.companyId, employeeKey],
    );
  }

  /**
   * The employee's eligibility on `today` (domain assessEligibility): open absences are taken to run on, the
   * contract is the one of the most recently updated absence. Null when no absence is stored.
   */
  async assess(
    queryable: Queryable,
    scope: CompanyScope & { employeeKey: string },
    today: IsoDate,
  ): Promise<{ assessment: ReturnType<typeof assessEligibility>; employee: EmployeeRef } | null> {
    const rows = await this.forEmployee(queryable, scope, scope.employeeKey);
    if (rows.length === 0) return null;
    const latest = rows.reduce((a, b) => (b.updated_at > a.updated_at ? b : a));
    const absences: Absence[] = rows.map((row) => ({
      kind: row.kind,
      start: row.start_on,
      end: row.end_on ?? addDays(row.start_on > today ? row.start_on : today, OPEN_ABSENCE_HORIZON_DAYS),
    }));
    const policy = (await this.settings?.get(scope.tenantId, scope.companyId, queryable))?.policy;
    const assessment = assessEligibility({
      policy,
      today,
      contract: {
        kind: latest.contract_kind,
        ...(latest.contract_end ? { end: latest.contract_end } : {}),
      },
      absences,
    });
    return { assessment, employee: JSON.parse(latest.employee) as EmployeeRef };
  }
}
