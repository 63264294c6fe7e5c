/**
 * The outbox messages of the case flow. Each payload names the case only: the renderers read the stored case
 * (and the company's settings) at send time, so a message never carries a stale copy of the case.
 */
export const INVITATION_KIND = 'invitation';
export const SPST_NOTICE_KIND = 'spst.notice';
export const SPST_EMAIL_KIND = 'spst.email';

export interface CaseMessagePayload {
  caseId: string;
}
