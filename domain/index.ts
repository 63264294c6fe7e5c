// domain/ holds the pure legal engine of the rendez-vous de liaison (C. trav. L1226-1-3): eligibility, deadlines,
// référent handicap, visite de reprise, French calendar days and public holidays. No I/O, no clock (callers pass
// `today`; parisToday turns an instant they read into a day), no botbuilder. The API of docs/contract.md §1 plus the
// date helpers the rest of the bot must use instead of re-deriving dates. Rules as implemented: docs/rules.md.
export {
  addDays,
  daysBetween,
  isBusinessDay,
  isIsoDate,
  isPublicHoliday,
  parisToday,
  type HolidaysRegion,
  type IsoDate,
} from './calendar';
export {
  caseBookOf,
  caseViewOf,
  decideCase,
  EMPTY_CASE_BOOK,
  leaveEndOn,
  meetingDateCheck,
  recordsChanged,
  REOFFER_MIN_DAYS,
  type Actor,
  type CaseBook,
  type CaseCommand,
  type CaseContext,
  type CaseDecision,
  type CaseRecord,
  type CaseRefusal,
  type CaseStatus,
  type CaseView,
  type Meeting,
  type MeetingDateSource,
  type NoticeKind,
  type Role,
  type Wishes,
} from './caseEngine';
export {
  caseTimeline,
  proposalDueOf,
  type CaseTimeline,
  type NextStep,
  type TimelineDeadline,
  type TimelineDeadlineKind,
  type TimelineSource,
} from './caseTimeline';
export {
  assessEligibility,
  type EligibilityAssessment,
  type EligibilityInput,
  type EligibilityNote,
} from './eligibility';
export type { Absence, AbsenceKind, ContractKind } from './kinds';
export {
  ABSENCE_KINDS,
  CONTRACT_KINDS,
  COUNTING_ABSENCE_KINDS,
  COVERED_CONTRACT_KINDS,
  FIXED_TERM_CONTRACT_KINDS,
} from './kinds';
export { referentHandicap, type ReferentHandicap } from './participants';
export {
  nearestValidMeetingDate,
  planMeeting,
  type MeetingPlan,
  type PlanInput,
  type PlanProblem,
  type PlanWarning,
} from './planning';
export { DEFAULT_POLICY, resolvePolicy, type Policy } from './policy';
export { returnVisit, type ReturnVisit } from './visits';
