// bot/services/cases: the stored cases, their audit trail and the outbox, data only.
/**
 * bot/services/cases — the durable rendez-vous de liaison cases: the case model (no medical field), its bridge to the case
 * engine's record, the tenant-scoped store with its audit trail, and the outbox that sends what a change causes.
 * Data only: no botbuilder, cards or dialogs here. Changes go through CaseService (bot/services/caseFlow).
 */
export type {
  ActorRole,
  CaseActor,
  CaseEvent,
  CaseMeeting,
  CasePerson,
  CaseState,
  EmployeeWishes,
  LiaisonCase,
  NewLiaisonCase,
  SpstChannel,
} from '../../../domain/liaisonCase';
export {
  actorOf,
  caseFromDocument,
  employeeIdOf,
  FINAL_STATES,
  isOpenCase,
  recordOf,
  viewOf,
  withDecidedRecord,
} from '../../../domain/caseRecord';
export { CaseStore, type AuditChannel, type AuditEntry, type CaseStoreOptions } from './caseStore';
export { Outbox, type ClaimedMessage, type OutboxMessage } from '../../platform/messaging/outbox';
