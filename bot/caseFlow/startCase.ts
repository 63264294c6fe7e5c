import type { CaseStore, LiaisonCase, NewLiaisonCase, Outbox, SpstChannel } from '../cases';
import type { Queryable } from '../storage';
import { parisToday, planMeeting, type IsoDate, type PlanProblem } from '../../domain';
import type { CompanySettingsStore, SpstContact } from './companySettings';
import {
  enqueueManagerStatus,
  INVITATION_KIND,
  SPST_EMAIL_KIND,
  SPST_NOTICE_KIND,
  type CaseMessagePayload,
} from './messages';

/**
 * A case as the manager confirmed it on the summary card. The SPST contact is not part of it: it comes from the
 * company's settings (CompanySettingsStore), and the notice date is the day the case is started.
 */
export interface CaseStartRequest extends Omit<NewLiaisonCase, 'spst'> {
  /** Generated once per confirmation (e.g. a UUID kept in the dialog's state): a retried start creates nothing. */
  draftId: string;
  spstAttendance: LiaisonCase['spst']['attendance'];
  /** The last day of the known sick leave, when known: the meeting cannot come after it. */
  leaveEnd?: IsoDate;
  /** The last day of a fixed-term contract or assignment. */
  contractEnd?: IsoDate;
}

/** planMeeting's problems, e.g. 'spst_notice_too_short' when the SPST would be told less than 8 days before. */
export type StartCaseRefusal = {
  reason: 'meeting_date_invalid';
  problems: PlanProblem[];
  earliestMeetingDate: IsoDate;
};

export type StartCaseResult =
  | { status: 'started'; case: LiaisonCase }
  /** The same draftId was started before: nothing new was created or queued. */
  | { status: 'already_started'; case: LiaisonCase }
  | { status: 'refused'; refusal: StartCaseRefusal };

export interface CaseFlowDeps {
  cases: CaseStore;
  outbox: Outbox;
  companySettings: CompanySettingsStore;
  /** Whether SMTP is configured, i.e. whether the SPST notice can go out by email. */
  emailEnabled: boolean;
  now?: () => Date;
}

/** Turns a confirmed case into a proposed case and the messages it causes. */
export class CaseFlow {
  private readonly now: () => Date;

  constructor(private readonly deps: CaseFlowDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * Stores the case as proposed and queues, in the same transaction, the invitation to the employee, the SPST
   * notice (Teams card and/or email) and the manager's status card. Refuses, storing nothing, a meeting date
   * planMeeting rejects with the SPST told today — in particular one less than 8 days away. When Liaison cannot
   * reach the company's SPST (no contact with a Teams id, no email with SMTP), the case still starts: the status
   * card tells the manager to notify the SPST themselves, and by which day.
   */
  async startCase(request: CaseStartRequest): Promise<StartCaseResult> {
    const { draftId, spstAttendance, leaveEnd, contractEnd, ...newCase } = request;
    const today = parisToday(this.now());
    const { spstContact, policy } = await this.deps.companySettings.get(request.tenantId, request.companyId);
    const plan = planMeeting({
      policy,
      requestDate: request.requestDate,
      spstNoticeDate: today,
      proposalDate: today,
      meetingDate: request.meeting.date,
      leaveEnd,
      contractEnd,
    });
    if (plan.problems.length > 0) {
      return {
        status: 'refused',
        refusal: {
          reason: 'meeting_date_invalid',
          problems: plan.problems,
          earliestMeetingDate: plan.earliestMeetingDate,
        },
      };
    }
    const notifiedBy = this.spstChannels(spstContact);

    const result = await this.deps.cases.createAndApply(
      {
        ...newCase,
        ...(policy ? { policy } : {}),
        spst: {
          attendance: spstAttendance,
          notifiedBy,
          ...(notifiedBy.length > 0 ? { noticeDate: today } : {}),
          ...(spstContact?.aadObjectId ? { contactAadObjectId: spstContact.aadObjectId } : {}),
        },
      },
      'propose',
      { role: 'manager', aadObjectId: request.manager.aadObjectId },
      `start:${draftId}`,
      {
        effect: (tx, proposed) =>
          this.enqueue(tx, proposed, [
            INVITATION_KIND,
            ...(notifiedBy.includes('teams') ? [SPST_NOTICE_KIND] : []),
            ...(notifiedBy.includes('email') ? [SPST_EMAIL_KIND] : []),
          ]),
      },
    );
    return { status: result.outcome === 'applied' ? 'started' : 'already_started', case: result.case };
  }

  private spstChannels(contact: SpstContact | undefined): SpstChannel[] {
    return [
      ...(contact?.aadObjectId ? (['teams'] as const) : []),
      ...(contact?.email && this.deps.emailEnabled ? (['email'] as const) : []),
    ];
  }

  private async enqueue(tx: Queryable, proposed: LiaisonCase, kinds: string[]): Promise<void> {
    const payload: CaseMessagePayload = { caseId: proposed.id };
    for (const kind of kinds) {
      await this.deps.outbox.enqueue(tx, { tenantId: proposed.tenantId, caseId: proposed.id, kind, payload });
    }
    await enqueueManagerStatus(this.deps.outbox, tx, proposed, 'started');
  }
}
