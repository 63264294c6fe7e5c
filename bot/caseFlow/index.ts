/**
 * bot/caseFlow — what turns a confirmed case into delivered messages: startCase (the case stored as proposed
 * with its invitation and SPST notice queued in one transaction, or a typed refusal), the per-company settings
 * (HR channel, SPST contact, headcount, référent), the outbox renderers (invitation, SPST card, HR update, SPST
 * email with its .ics), and the manager's notice when an invitation cannot be delivered in Teams.
 */
export {
  CaseFlow,
  type CaseStartRequest,
  type CaseFlowDeps,
  type StartCaseRefusal,
  type StartCaseResult,
} from './startCase';
export { CompanySettingsStore, type CompanySettings, type SpstContact } from './companySettings';
export { caseFlowRenderers, type CaseRendererDeps } from './renderers';
export { EmailSender, type Email, type EmailAttachment } from './emailSender';
export { meetingIcs, spstNoticeEmail } from './spstEmail';
export { notifyManagerOfUndeliveredInvitation, type UndeliveredInvitationDeps } from './undeliverable';
export {
  enqueueManagerStatus,
  HR_UPDATE_KIND,
  INVITATION_KIND,
  MANAGER_STATUS_KIND,
  SPST_EMAIL_KIND,
  SPST_NOTICE_KIND,
  type CaseMessagePayload,
  type CaseNews,
  type HrUpdatePayload,
  type ManagerStatusPayload,
} from './messages';
