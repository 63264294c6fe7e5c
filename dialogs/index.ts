export { CaseDialogRunner, recognizesNewCaseCommand, type CaseDialogRunnerDeps } from './caseDialogRunner';
export type { CaseDialogDeps, CaseDraft, CasePrefill, OpenerRole, Reminder } from './caseDraft';
