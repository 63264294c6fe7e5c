export { CaseDialogRunner, recognizesNewCaseCommand, type CaseDialogRunnerDeps } from './caseDialogRunner';
export type { CaseDialogDeps, CaseDraft, CasePrefill, CaseStartRequest, CaseStartResult } from './caseDraft';
