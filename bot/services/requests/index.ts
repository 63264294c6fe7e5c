// bot/services/requests: an employee's own request for a rendez-vous de liaison.
/**
 * bot/services/requests — an employee's own request for a rendez-vous de liaison: kept (RequestStore), sent to HR and to
 * the manager they named (EmployeeRequests, the outbox), acknowledged from the request card (bot/teams/cardActions).
 */
export {
  RequestStore,
  type AcknowledgeOutcome,
  type EmployeeRequest,
  type NewEmployeeRequest,
} from './requestStore';
export {
  EmployeeRequests,
  eligibleFromLeaveStart,
  proposalDueOf,
  REQUEST_ACKNOWLEDGED_KIND,
  REQUEST_NOTICE_KIND,
  REQUEST_ORGANISE_KIND,
  type RequestMessagePayload,
  type RequestNoticePayload,
  type RequestSubmission,
  type SubmittedRequest,
} from './employeeRequests';
export { requestRenderers } from './renderers';
export { caseFromRequest, type CaseFromRequest } from './caseFromRequest';
