// CaseService, the only way a case changes: the case engine decides; decision, audit and messages in one transaction.
import {
  caseBookOf,
  decideCase,
  parisToday,
  type CaseCommand,
  type CaseRefusal,
  type PlanWarning,
} from '../../../domain';
import {
  actorOf,
  employeeIdOf,
  recordOf,
  withDecidedRecord,
  type AuditChannel,
  type CaseActor,
  type CaseEvent,
  type CaseMeeting,
  type CaseStore,
  type EmployeeWishes,
  type LiaisonCase,
  type NewLiaisonCase,
  type Outbox,
  type SpstChannel,
} from '../cases';
import type { Database, Queryable } from '../../platform/storage';
import type { CompanySettingsStore, SpstContact } from '../settings/companySettingsStore';
import { auditRoleOf, isNoticeContact } from '../access';
import { enqueueNotices } from './messages';

/**
 * The only way a case changes. Every surface — the manager's dialog and form, the employee's and the SPST's
 * cards, the HR tab, the answer page, the organise-from-request button — hands CaseService a command; it loads
 * the case (and, to open one, the employee's other cases), asks the case engine (domain/caseEngine.ts), and in
 * one transaction stores what the engine decided, its audit entry and the messages `notify` names. A refused
 * command changes nothing and comes back with the engine's reason, for the surface to explain.
 */

/** Who acts: their Entra object id (or, on the answer page, the employee's key), and through which surface. */
export interface CaseCaller {
  aadObjectId: string;
  name?: string;
  via: AuditChannel;
}

/** A command on an existing case, as the surfaces build it: the engine's command without the case and actor. */
export type CaseChange =
  | { type: 'accept' | 'decline'; offer: number }
  | { type: 'ask_other_date'; offer: number; wishes: EmployeeWishes }
  | { type: 'acknowledge_spst'; offer: number }
  | { type: 'propose_again'; meeting: CaseMeeting }
  | { type: 'cancel' | 'record_held' };

/** A case to open, as the manager's dialog or form (or HR organising a request) confirmed it. */
export interface OpenCaseRequest extends Omit<
  NewLiaisonCase,
  'openedBy' | 'spst' | 'policy' | 'referentOffered'
> {
  /** Generated once per confirmation and kept in the dialog's state: a retried opening opens nothing twice. */
  caseId: string;
  spstAttendance: LiaisonCase['spst']['attendance'];
  referentOffered?: boolean;
}

export type CaseOutcome =
  | { outcome: 'applied' | 'unchanged'; case: LiaisonCase; warnings: PlanWarning[] }
  | {
      outcome: 'refused';
      reason: CaseRefusal;
      /** The engine's details: eligibility notes or planMeeting problems, sorted. */
      details: string[];
      /** The case as it stands (null when unknown, or for a refused opening). */
      case: LiaisonCase | null;
      /** With open_case_exists: the employee's case under way. */
      openCaseId?: string;
    };

export interface CaseServiceDeps {
  db: Database;
  cases: CaseStore;
  outbox: Outbox;
  companySettings: Pick<CompanySettingsStore, 'get'>;
  /** Who is HR of a company: the one rule of bot/services/access. */
  isHr: (tenantId: string, companyId: string, aadObjectId: string | undefined) => Promise<boolean>;
  /** Whether SMTP is configured, i.e. whether the SPST notice can go out by email. */
  emailEnabled: boolean;
  now?: () => Date;
}

export class CaseService {
  private readonly now: () => Date;

  constructor(private readonly deps: CaseServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Opens the case when the engine agrees: stored as invited, the invitation and the notices queued with it. */
  async open(request: OpenCaseRequest, caller: CaseCaller): Promise<CaseOutcome> {
    const { db, cases, companySettings } = this.deps;
    const { tenantId, companyId } = request;
    const today = parisToday(this.now());
    const settings = await companySettings.get(tenantId, companyId);
    const isHr = await this.deps.isHr(tenantId, companyId, caller.aadObjectId);
    const employeeId = employeeIdOf(request.employee);
    const command: CaseCommand = {
      type: 'open',
      caseId: request.caseId,
      by: actorOf(caller.aadObjectId, { hr: isHr, spst: false }),
      initiator: request.initiator,
      requestDate: request.requestDate,
      employee: {
        id: employeeId,
        ...(request.manager?.aadObjectId ? { managerId: request.manager.aadObjectId } : {}),
      },
      contract: request.contract,
      absences: request.absences,
      meeting: { date: request.meeting.date, time: request.meeting.time, mode: request.meeting.mode },
    };

    return db.transaction(async (tx) => {
      const sameEmployee = await cases.casesOfEmployee(tx, tenantId, companyId, employeeId);
      const retried = sameEmployee.find((existing) => existing.id === request.caseId);
      if (retried) return { outcome: 'unchanged', case: retried, warnings: [] };
      // The engine refuses a case id already in the book; one taken elsewhere is refused the same way.
      if (await cases.idTaken(tx, request.caseId)) {
        return { outcome: 'refused', reason: 'open_case_exists', details: [], case: null };
      }
      const decision = decideCase(caseBookOf(sameEmployee.map(recordOf)), command, {
        today,
        policy: settings.policy,
      });
      if (decision.outcome === 'refused') {
        const openCase = sameEmployee.find(
          (existing) => !['declined', 'cancelled', 'held'].includes(existing.state),
        );
        return {
          outcome: 'refused',
          reason: decision.reason,
          details: decision.details,
          case: null,
          ...(decision.reason === 'open_case_exists' && openCase ? { openCaseId: openCase.id } : {}),
        };
      }
      const record = decision.book.cases[request.caseId];
      if (!record) throw new Error('The engine opened no case');
      const notifiedBy = this.spstChannels(settings.spstContact);
      const at = this.now().toISOString();
      const { caseId, spstAttendance, referentOffered, ...fields } = request;
      const opened = withDecidedRecord(
        {
          ...fields,
          id: caseId,
          state: record.status,
          offer: record.offer,
          wishes: record.wishes,
          openedBy: {
            aadObjectId: caller.aadObjectId,
            name: caller.name ?? '',
            role: isHr ? 'hr' : 'manager',
          },
          spst: {
            attendance: spstAttendance,
            notifiedBy,
            ...(notifiedBy.length > 0 ? { noticeDate: today } : {}),
            ...(settings.spstContact?.aadObjectId
              ? { contactAadObjectId: settings.spstContact.aadObjectId }
              : {}),
          },
          ...(settings.policy ? { policy: settings.policy } : {}),
          referentOffered: referentOffered ?? true,
          createdAt: at,
          updatedAt: at,
          version: 1,
        },
        record,
        today,
      );
      await cases.insert(tx, opened);
      await this.record(
        tx,
        'open',
        opened,
        null,
        { role: isHr ? 'hr' : 'manager', aadObjectId: caller.aadObjectId },
        caller.via,
      );
      await enqueueNotices(this.deps.outbox, tx, decision.notify, 'open', opened);
      return { outcome: 'applied', case: opened, warnings: decision.warnings };
    });
  }

  /** Applies `change` to the case when the engine agrees; the caller's roles come from the server's records. */
  async change(
    tenantId: string,
    caseId: string,
    change: CaseChange,
    caller: CaseCaller,
  ): Promise<CaseOutcome> {
    const { db, cases } = this.deps;
    const today = parisToday(this.now());
    // Who is HR is read before the transaction: on SQLite a read outside it would wait for it to end.
    const known = await cases.get(tenantId, caseId);
    if (!known) return { outcome: 'refused', reason: 'unknown_case', details: [], case: null };
    const isHr = await this.deps.isHr(tenantId, known.companyId, caller.aadObjectId);
    return db.transaction(async (tx) => {
      const current = await cases.getForChange(tx, tenantId, caseId);
      if (!current) return { outcome: 'refused', reason: 'unknown_case', details: [], case: null };
      const isSpst = isNoticeContact(current, caller.aadObjectId);
      const by = actorOf(caller.aadObjectId, { hr: isHr, spst: isSpst });
      const command = { ...engineChange(change), caseId, by } as CaseCommand;
      const decision = decideCase(caseBookOf([recordOf(current)]), command, {
        today,
        policy: current.policy,
      });
      if (decision.outcome === 'refused') {
        return { outcome: 'refused', reason: decision.reason, details: decision.details, case: current };
      }
      if (decision.outcome === 'unchanged') return { outcome: 'unchanged', case: current, warnings: [] };
      const record = decision.book.cases[caseId];
      if (!record) throw new Error('The engine lost the case');
      const decided = withDecidedRecord(current, record, today);
      const updated: LiaisonCase = {
        ...decided,
        ...botFieldsOf(change, decided, today),
        version: current.version + 1,
        updatedAt: this.now().toISOString(),
      };
      await cases.update(tx, updated);
      await this.record(
        tx,
        change.type,
        updated,
        current,
        {
          role: auditRoleOf(current, caller.aadObjectId, { hr: isHr, spst: isSpst }),
          aadObjectId: caller.aadObjectId,
        },
        caller.via,
      );
      await enqueueNotices(this.deps.outbox, tx, decision.notify, change.type, updated, current);
      return { outcome: 'applied', case: updated, warnings: decision.warnings };
    });
  }

  private record(
    tx: Queryable,
    event: CaseEvent,
    after: LiaisonCase,
    before: LiaisonCase | null,
    actor: CaseActor,
    via: AuditChannel,
  ): Promise<void> {
    return this.deps.cases.appendAudit(tx, after.id, {
      caseVersion: after.version,
      at: after.updatedAt,
      actorRole: actor.role,
      actorId: actor.aadObjectId ?? null,
      event,
      fromState: before?.state ?? null,
      toState: after.state,
      offer: after.offer,
      via,
    });
  }

  private spstChannels(contact: SpstContact | undefined): SpstChannel[] {
    return [
      ...(contact?.aadObjectId ? (['teams'] as const) : []),
      ...(contact?.email && this.deps.emailEnabled ? (['email'] as const) : []),
    ];
  }
}

/** The engine's part of a change: wishes without the bot's part of the day, a meeting without its place. */
function engineChange(change: CaseChange): Omit<CaseCommand, 'caseId' | 'by'> {
  if (change.type === 'ask_other_date') {
    const { dates, withoutManager, referent } = change.wishes;
    return { ...change, wishes: { dates, withoutManager, referent } } as Omit<CaseCommand, 'caseId' | 'by'>;
  }
  if (change.type === 'propose_again') {
    const { date, time, mode } = change.meeting;
    return { type: 'propose_again', meeting: { date, time, mode } } as Omit<CaseCommand, 'caseId' | 'by'>;
  }
  return change as Omit<CaseCommand, 'caseId' | 'by'>;
}

/** What an applied change sets beyond the engine's record: the new place or link, the wished part of the day. */
function botFieldsOf(change: CaseChange, decided: LiaisonCase, today: string): Partial<LiaisonCase> {
  if (change.type === 'ask_other_date') {
    return {
      wishes: {
        ...decided.wishes,
        ...(change.wishes.partOfDay ? { partOfDay: change.wishes.partOfDay } : {}),
      },
    };
  }
  if (change.type === 'propose_again') {
    const { place, link } = change.meeting;
    const meeting: CaseMeeting = {
      ...decided.meeting,
      ...(place ? { place } : {}),
      ...(link ? { link } : {}),
    };
    if (!place) delete meeting.place;
    if (!link) delete meeting.link;
    const notified = (decided.spst.notifiedBy ?? []).length > 0;
    return { meeting, spst: { ...decided.spst, ...(notified ? { noticeDate: today } : {}) } };
  }
  return {};
}
