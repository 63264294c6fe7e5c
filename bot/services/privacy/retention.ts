// The daily retention (R-DATA-05): closed cases reduced to their proof, then deleted.
import { addDays, parisToday, type IsoDate } from '../../../domain';
import { caseFromDocument, FINAL_STATES } from '../../../domain/caseRecord';
import type { LiaisonCase } from '../../../domain/liaisonCase';
import type { Database, Queryable } from '../../platform/storage';
import {
  DEFAULT_RETENTION,
  retentionCutoffs,
  subtractMonths,
  type RetentionPolicy,
} from '../../platform/retentionPolicy';
import { jsonText, logRetention, tableExists } from './sql';

/**
 * The daily retention of docs/rules.md#r-data-05 (periods: bot/platform/retentionPolicy.ts):
 *  1. a closed case (held, cancelled, declined) `detailsMonths` after it closed keeps only the proof of its steps
 *     (see proofOnly); its outbox messages and scheduled jobs are deleted; recorded in case_retention;
 *  2. `proofYears` after it closed, the case and its audit rows are deleted;
 *  3. housekeeping of what no case needs any more: sent outbox messages, conversation state and 1:1 conversation
 *     references not used for `detailsMonths` (except those of people on an open case or on an HR list),
 *     absences that ended long enough ago to count for nothing (the eligibility look-back is 12 months),
 *     employees' requests no open case answers.
 * Every step is written to retention_log with actor 'system'. Idempotent: running it twice on a day does nothing
 * the second time, and a crash half-way leaves every case either purged or not (one transaction per case).
 */
export interface RetentionReport {
  detailsPurged: number;
  proofsDeleted: number;
  outboxDeleted: number;
  referencesDeleted: number;
  statesDeleted: number;
  absencesDeleted: number;
  requestsDeleted: number;
}

const FINAL = [...FINAL_STATES].map((state) => `'${state}'`).join(', ');
const BATCH = 200;
/** Housekeeping belongs to no tenant: its log rows use this tenant and company (as the scheduler's daily rows). */
const NO_TENANT = '*';

/**
 * What is kept of a closed case after its details are purged: the dates of its steps (request, meeting day and
 * time, SPST notice and acknowledgement, decline), its state, offer, mode, contract kind and who initiated and
 * opened it, whether the référent or a meeting without the manager was asked for, and the employee's and
 * manager's Entra object ids (pseudonymous keys an employer needs to connect the proof to a claim; no name, email,
 * job, place, link, absences or wished dates). `keepPeople: false` (an erasure) drops the ids as well. What the
 * proof file (bot/services/letters/proof.ts) prints of a purged case comes from here and from the audit trail.
 */
export function proofOnly(liaisonCase: LiaisonCase, options: { keepPeople: boolean }): LiaisonCase {
  const { spst } = liaisonCase;
  return {
    id: liaisonCase.id,
    tenantId: liaisonCase.tenantId,
    companyId: liaisonCase.companyId,
    state: liaisonCase.state,
    initiator: liaisonCase.initiator,
    requestDate: liaisonCase.requestDate,
    offer: liaisonCase.offer,
    employee:
      options.keepPeople && liaisonCase.employee.aadObjectId
        ? { aadObjectId: liaisonCase.employee.aadObjectId, name: '' }
        : { name: '' },
    ...(options.keepPeople && liaisonCase.manager?.aadObjectId
      ? { manager: { aadObjectId: liaisonCase.manager.aadObjectId, name: '' } }
      : {}),
    openedBy: { name: '', role: liaisonCase.openedBy.role },
    contract: {
      kind: liaisonCase.contract.kind,
      ...(liaisonCase.contract.end ? { end: liaisonCase.contract.end } : {}),
    },
    absences: [],
    meeting: {
      date: liaisonCase.meeting.date,
      time: liaisonCase.meeting.time,
      mode: liaisonCase.meeting.mode,
    },
    spst: {
      attendance: spst.attendance,
      ...(spst.noticeDate ? { noticeDate: spst.noticeDate } : {}),
      ...(spst.notifiedBy ? { notifiedBy: spst.notifiedBy } : {}),
      ...(spst.acknowledgedOn ? { acknowledgedOn: spst.acknowledgedOn } : {}),
    },
    wishes: {
      dates: [],
      withoutManager: liaisonCase.wishes.withoutManager,
      referent: liaisonCase.wishes.referent,
    },
    ...(liaisonCase.declinedOn ? { declinedOn: liaisonCase.declinedOn } : {}),
    createdAt: liaisonCase.createdAt,
    updatedAt: liaisonCase.updatedAt,
    version: liaisonCase.version,
  };
}

/** The first instant after Paris day `day` has surely ended (Paris is at most UTC+2). */
const afterParisDay = (day: IsoDate) => `${addDays(day, 1)}T00:00:00.000Z`;
/** An instant surely before Paris day `day` has begun. */
const beforeParisDay = (day: IsoDate) => `${addDays(day, -1)}T00:00:00.000Z`;

interface Candidate {
  id: string;
  tenant_id: string;
  company_id: string;
  closed_at: string;
}

/** Applies the retention due on `today` (a Paris calendar day); see the comment at the top. */
export async function applyRetention(
  db: Database,
  today: IsoDate,
  policy: RetentionPolicy = DEFAULT_RETENTION,
  now: () => Date = () => new Date(),
): Promise<RetentionReport> {
  const cutoffs = retentionCutoffs(today, policy);
  const report: RetentionReport = {
    detailsPurged: 0,
    proofsDeleted: 0,
    outboxDeleted: 0,
    referencesDeleted: 0,
    statesDeleted: 0,
    absencesDeleted: 0,
    requestsDeleted: 0,
  };
  const hasJobs = await tableExists(db, db.dialect, 'scheduled_jobs');

  // 1. Details of cases closed on or before the cut-off day. The close is the transition into the final state
  // (a later SPST acknowledgement does not restart the clock).
  const closedAt = `COALESCE((SELECT MAX(a.at) FROM case_audit a
      WHERE a.case_id = c.id AND a.to_state = c.state AND a.from_state <> c.state), c.updated_at)`;
  const skipped = new Set<string>();
  for (;;) {
    const candidates = await db.query<Candidate>(
      `SELECT id, tenant_id, company_id, closed_at FROM (
         SELECT c.id, c.tenant_id, c.company_id, ${closedAt} AS closed_at FROM cases c
         WHERE c.state IN (${FINAL}) AND NOT EXISTS (SELECT 1 FROM case_retention r WHERE r.case_id = c.id)
       ) closed WHERE closed_at < $1 ORDER BY closed_at, id LIMIT $2`,
      [afterParisDay(cutoffs.details), BATCH + skipped.size],
    );
    const due = candidates.filter(
      (row) => !skipped.has(row.id) && parisToday(new Date(row.closed_at)) <= cutoffs.details,
    );
    for (const row of candidates) if (!due.includes(row)) skipped.add(row.id);
    if (due.length === 0) break;
    for (const row of due) {
      const outcome = await purgeDetails(db, row, parisToday(new Date(row.closed_at)), today, hasJobs, now());
      if (outcome) {
        report.detailsPurged += 1;
        report.outboxDeleted += outcome.outboxDeleted;
      } else {
        skipped.add(row.id);
      }
    }
  }

  // 2. Proof past its period: the case and its audit rows go.
  for (;;) {
    const expired = await db.query<{
      case_id: string;
      tenant_id: string;
      company_id: string;
      closed_on: string;
    }>(
      'SELECT case_id, tenant_id, company_id, closed_on FROM case_retention WHERE closed_on <= $1 ORDER BY closed_on, case_id LIMIT $2',
      [cutoffs.proof, BATCH],
    );
    if (expired.length === 0) break;
    for (const row of expired) {
      await db.transaction(async (tx) => {
        await deleteCaseRows(tx, row.case_id, row.tenant_id, hasJobs);
        await logRetention(tx, {
          tenantId: row.tenant_id,
          companyId: row.company_id,
          caseId: row.case_id,
          action: 'proof_deleted',
          actor: { role: 'system' },
          at: now(),
          details: { closedOn: row.closed_on },
        });
      });
      report.proofsDeleted += 1;
    }
  }

  // 3. Housekeeping.
  const swept = await housekeeping(db, today, cutoffs.details, policy, now());
  report.outboxDeleted += swept.outboxDeleted;
  report.referencesDeleted = swept.referencesDeleted;
  report.statesDeleted = swept.statesDeleted;
  report.absencesDeleted = swept.absencesDeleted;
  report.requestsDeleted = swept.requestsDeleted;
  return report;
}

async function purgeDetails(
  db: Database,
  row: Candidate,
  closedOn: IsoDate,
  today: IsoDate,
  hasJobs: boolean,
  at: Date,
): Promise<{ outboxDeleted: number } | null> {
  const forUpdate = db.dialect === 'postgres' ? ' FOR UPDATE' : '';
  return db.transaction(async (tx) => {
    const [current] = await tx.query<{ document: string; state: string }>(
      `SELECT document, state FROM cases WHERE tenant_id = $1 AND id = $2${forUpdate}`,
      [row.tenant_id, row.id],
    );
    if (!current || !FINAL_STATES.has(current.state as LiaisonCase['state'])) return null;
    const marked = await tx.execute(
      `INSERT INTO case_retention (case_id, tenant_id, company_id, closed_on, purged_on)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (case_id) DO NOTHING`,
      [row.id, row.tenant_id, row.company_id, closedOn, today],
    );
    if (marked === 0) return null; // purged meanwhile (an erasure, another instance)
    const purged = proofOnly(caseFromDocument(current.document), { keepPeople: true });
    await tx.execute('UPDATE cases SET document = $1 WHERE tenant_id = $2 AND id = $3', [
      JSON.stringify(purged),
      row.tenant_id,
      row.id,
    ]);
    const outboxDeleted = await tx.execute('DELETE FROM outbox WHERE tenant_id = $1 AND case_id = $2', [
      row.tenant_id,
      row.id,
    ]);
    const jobsDeleted = hasJobs
      ? await tx.execute('DELETE FROM scheduled_jobs WHERE tenant_id = $1 AND case_id = $2', [
          row.tenant_id,
          row.id,
        ])
      : 0;
    await logRetention(tx, {
      tenantId: row.tenant_id,
      companyId: row.company_id,
      caseId: row.id,
      action: 'details_purged',
      actor: { role: 'system' },
      at,
      details: { closedOn, outboxDeleted, jobsDeleted },
    });
    return { outboxDeleted };
  });
}

/** Deletes a case and everything keyed by it (audit rows, outbox, jobs, retention mark). */
export async function deleteCaseRows(
  tx: Queryable,
  caseId: string,
  tenantId: string,
  hasJobs: boolean,
): Promise<void> {
  await tx.execute('DELETE FROM case_audit WHERE case_id = $1', [caseId]);
  await tx.execute('DELETE FROM outbox WHERE tenant_id = $1 AND case_id = $2', [tenantId, caseId]);
  if (hasJobs) {
    await tx.execute('DELETE FROM scheduled_jobs WHERE tenant_id = $1 AND case_id = $2', [tenantId, caseId]);
  }
  await tx.execute('DELETE FROM case_retention WHERE case_id = $1', [caseId]);
  await tx.execute('DELETE FROM cases WHERE tenant_id = $1 AND id = $2', [tenantId, caseId]);
}

async function housekeeping(
  db: Database,
  today: IsoDate,
  detailsCutoff: IsoDate,
  policy: RetentionPolicy,
  at: Date,
): Promise<Omit<RetentionReport, 'detailsPurged' | 'proofsDeleted'>> {
  // Instants before which a row was surely last touched on or before the cut-off day.
  const before = beforeParisDay(addDays(detailsCutoff, 1));
  const person = (column: string, path: string[]) => jsonText(db.dialect, column, path);
  return db.transaction(async (tx) => {
    // Sent (or given up) messages: their payload is no longer needed once delivered.
    const outboxDeleted = await tx.execute(
      `DELETE FROM outbox WHERE status NOT IN ('pending', 'claimed') AND created_at < $1`,
      [before],
    );
    // A person's 1:1 reference, unused for the period, unless they are on an open case or an HR list. Channel
    // references (the HR channel) are configuration and stay.
    const openCases = `SELECT c.tenant_id, ${person('c.document', ['employee', 'aadObjectId'])} AS who FROM cases c WHERE c.state NOT IN (${FINAL})
      UNION SELECT c.tenant_id, ${person('c.document', ['manager', 'aadObjectId'])} FROM cases c WHERE c.state NOT IN (${FINAL})
      UNION SELECT c.tenant_id, ${person('c.document', ['spst', 'contactAadObjectId'])} FROM cases c WHERE c.state NOT IN (${FINAL})
      UNION SELECT h.tenant_id, h.aad_object_id FROM company_hr_users h`;
    const referencesDeleted = await tx.execute(
      `DELETE FROM conversation_references WHERE target_kind = 'user' AND updated_at < $1
       AND NOT EXISTS (SELECT 1 FROM (${openCases}) keep
                       WHERE keep.tenant_id = conversation_references.tenant_id
                         AND keep.who = conversation_references.target_id)`,
      [before],
    );
    // Conversation state (dialogs under way, e.g. a manager's draft) not touched for the period.
    const statesDeleted = await tx.execute('DELETE FROM bot_state WHERE updated_at < $1', [before]);
    // Absences that ended before the eligibility look-back (12 months) plus the details period.
    const absencesDeleted = (await tableExists(tx, db.dialect, 'absences'))
      ? await tx.execute('DELETE FROM absences WHERE COALESCE(end_on, start_on) < $1', [
          subtractMonths(today, 12 + policy.detailsMonths),
        ])
      : 0;
    // Employees' own requests for the meeting, once the period has passed, unless an open case answers them.
    const requestsDeleted = (await tableExists(tx, db.dialect, 'employee_requests'))
      ? await tx.execute(
          `DELETE FROM employee_requests WHERE created_at < $1
           AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.tenant_id = employee_requests.tenant_id
                           AND c.state NOT IN (${FINAL})
                           AND ${person('c.document', ['requestId'])} = employee_requests.id)`,
          [before],
        )
      : 0;
    await tx.execute('DELETE FROM used_links WHERE used_at < $1', [beforeParisDay(today)]);
    await tx.execute('DELETE FROM privacy_requests WHERE expires_at <= $1', [at.toISOString()]);
    const logBefore = `${subtractMonths(today, policy.proofYears * 12)}T00:00:00.000Z`;
    await tx.execute('DELETE FROM retention_log WHERE at < $1', [logBefore]);
    const counts = { outboxDeleted, referencesDeleted, statesDeleted, absencesDeleted, requestsDeleted };
    if (Object.values(counts).some((count) => count > 0)) {
      await logRetention(tx, {
        tenantId: NO_TENANT,
        companyId: NO_TENANT,
        action: 'housekeeping',
        actor: { role: 'system' },
        at,
        details: { ...counts, before: detailsCutoff },
      });
    }
    return counts;
  });
}
