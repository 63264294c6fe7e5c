/**
 * bot/cases — the durable rendez-vous de liaison cases: the case model (no medical field), its state machine,
 * who may act on a case, the tenant-scoped store with its audit trail and idempotent transitions, and the
 * outbox that sends what a transition causes. Data only: no botbuilder, cards or dialogs here.
 */
export type {
  ActorRole,
  CaseActor,
  CaseEvent,
  CaseState,
  EmployeeWishes,
  LiaisonCase,
  NewLiaisonCase,
  SpstChannel,
} from './model';
export { FINAL_STATES, nextState } from './transitions';
export { mayAcknowledgeRequest, mayAcknowledgeSpstNotice, mayAnswerInvitation } from './authorization';
export {
  CaseNotFoundError,
  CaseStore,
  type ApplyOptions,
  type ApplyOutcome,
  type ApplyResult,
  type AuditEntry,
  type CaseChanges,
} from './caseStore';
export { Outbox, type ClaimedMessage, type OutboxMessage } from './outbox';
