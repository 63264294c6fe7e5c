// bot/services/caseFlow: how a case changes (CaseService) and the messages a change sends.
/**
 * bot/services/caseFlow — how a case changes and what it causes: CaseService (every command decided by the case engine,
 * stored with its audit entry and its messages in one transaction), the per-company settings (HR channel, SPST
 * contact, headcount, référent), the outbox renderers (invitation, SPST card and email, HR update, manager's
 * status), and the manager's notice when an invitation cannot be delivered in Teams.
 */
export {
  CaseService,
  type CaseCaller,
  type CaseChange,
  type CaseOutcome,
  type CaseServiceDeps,
  type OpenCaseRequest,
} from './caseService';
export {
  CompanySettingsStore,
  type CompanySettings,
  type SpstContact,
} from '../settings/companySettingsStore';
export { caseFlowRenderers, type CaseRendererDeps } from './renderers';
export { EmailSender, type Email, type EmailAttachment } from '../../platform/messaging/emailSender';
export { meetingIcs, spstNoticeEmail } from './spstEmail';
export { notifyManagerOfUndeliveredInvitation, type UndeliveredInvitationDeps } from './undeliverable';
export {
  enqueueNotices,
  EMPLOYEE_CANCELLATION_KIND,
  HR_UPDATE_KIND,
  INVITATION_KIND,
  MANAGER_STATUS_KIND,
  SPST_EMAIL_KIND,
  SPST_NOTICE_KIND,
  type CaseMessagePayload,
  type CaseNews,
  type CaseNewsPayload,
  type HrUpdatePayload,
  type InvitationPayload,
  type ManagerStatusPayload,
  type SpstNoticePayload,
} from './messages';
