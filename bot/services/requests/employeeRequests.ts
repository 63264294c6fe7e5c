// An employee's own request: kept, sent to HR and the named manager, acknowledged, re-evaluated.
import type { Outbox } from '../cases';
import type { Queryable } from '../../platform/storage';
import { addDays, assessEligibility, proposalDueOf, type IsoDate, type Policy } from '../../../domain';
import type { CompanySettingsStore } from '../settings/companySettingsStore';
import type { EmployeeRequest, NewEmployeeRequest, RequestStore } from './requestStore';

/** The request card to HR's channel or to the named manager; payload RequestNoticePayload. */
export const REQUEST_NOTICE_KIND = 'request.notice';
/** Tells the employee their request was acknowledged; payload RequestMessagePayload. */
export const REQUEST_ACKNOWLEDGED_KIND = 'request.acknowledged';
/** Offers whoever acknowledged the request, in their 1:1 chat, to organise the meeting; RequestMessagePayload. */
export const REQUEST_ORGANISE_KIND = 'request.organise';

export interface RequestMessagePayload {
  requestId: string;
}
export interface RequestNoticePayload extends RequestMessagePayload {
  to: 'hr' | 'manager';
}

/** What the employee's conversation gathered. */
export type RequestSubmission = Omit<NewEmployeeRequest, 'eligibleFrom' | 'policy'>;

export interface SubmittedRequest {
  request: EmployeeRequest;
  /** Where the request went: HR's channel, the manager in Teams; empty when Liaison knows neither. */
  sentTo: Array<'hr' | 'manager'>;
  /** The day by which the employer must propose a date (docs/rules.md#r-dl-01), counted from the request. */
  proposalDue: IsoDate;
}

export interface EmployeeRequestsDeps {
  requests: RequestStore;
  outbox: Outbox;
  companySettings: CompanySettingsStore;
}

/**
 * The first day the employee can have the meeting, assuming the leave they are on goes on (they told us when it
 * began, not when it ends): the domain counts the days, nothing here does.
 */
export function eligibleFromLeaveStart(
  leaveStart: IsoDate,
  today: IsoDate,
  policy?: Partial<Policy>,
): IsoDate {
  const assumedEnd = addDays(leaveStart > today ? leaveStart : today, 366);
  const assessment = assessEligibility({
    policy,
    today,
    contract: { kind: 'cdi' },
    absences: [{ kind: 'maladie', start: leaveStart, end: assumedEnd }],
  });
  return assessment.firstEligibleDate ?? today;
}

/** Keeps an employee's request and queues it to HR and to their manager, in one transaction. */
export class EmployeeRequests {
  constructor(private readonly deps: EmployeeRequestsDeps) {}

  async submit(submission: RequestSubmission, today: IsoDate): Promise<SubmittedRequest> {
    const settings = await this.deps.companySettings.get(submission.tenantId, submission.companyId);
    const sentTo: SubmittedRequest['sentTo'] = [
      ...(settings.hrChannelId ? (['hr'] as const) : []),
      ...(submission.manager.aadObjectId ? (['manager'] as const) : []),
    ];
    const { request } = await this.deps.requests.create(
      {
        ...submission,
        eligibleFrom: eligibleFromLeaveStart(submission.leaveStart, today, settings.policy),
        ...(settings.policy ? { policy: settings.policy } : {}),
      },
      async (tx, created) => {
        for (const to of sentTo)
          await this.enqueue(tx, created, REQUEST_NOTICE_KIND, { requestId: created.id, to });
      },
    );
    return { request, sentTo, proposalDue: proposalDueOf(request) };
  }

  /** The employee is told; whoever acknowledged it gets the button that starts the case flow from it. */
  async enqueueAcknowledged(tx: Queryable, request: EmployeeRequest): Promise<void> {
    await this.enqueue(tx, request, REQUEST_ACKNOWLEDGED_KIND, { requestId: request.id });
    if (request.acknowledged?.by.aadObjectId) {
      await this.enqueue(tx, request, REQUEST_ORGANISE_KIND, { requestId: request.id });
    }
  }

  private enqueue(
    tx: Queryable,
    request: EmployeeRequest,
    kind: string,
    payload: RequestMessagePayload | RequestNoticePayload,
  ) {
    return this.deps.outbox.enqueue(tx, { tenantId: request.tenantId, kind, payload });
  }
}

/** The day by which the employer must propose a date for a request: the domain's (caseTimeline). */
export { proposalDueOf };
