export { CaseDialogRunner, recognizesNewCaseCommand, type CaseDialogRunnerDeps } from './caseDialogRunner';
export type { CaseDialogDeps, CaseDraft } from './caseDraft';
