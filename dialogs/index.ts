// dialogs/: the conversations the bot holds, as the Teams layer uses them.
export { CaseDialogRunner, recognizesNewCaseCommand, type CaseDialogRunnerDeps } from './caseDialogRunner';
export type { CaseDialogDeps, CaseDraft, CasePrefill, OpenerRole, Reminder } from './caseDraft';
