export { CaseDialogRunner, recognizesNewCaseCommand, type CaseDialogRunnerDeps } from './caseDialogRunner';
export type { CaseDialogDeps, CaseDraft, CaseStartRequest, CaseStartResult } from './caseDraft';
