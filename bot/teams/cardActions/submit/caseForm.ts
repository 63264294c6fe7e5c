// `caseForm`: the manager's case form and its summary (dialogs/caseFormDialog), answered by the dialog under way.
import { isCaseFormSubmit } from '../../../../dialogs/caseFormDialog';
import type { SubmitHandler } from '../types';
import { toConversation } from './conversation';

/** With no form under way (finished, cancelled, too old), the case flow says so and sends a fresh one. */
const caseForm: SubmitHandler = { kind: 'caseForm', accepts: isCaseFormSubmit, handle: toConversation };

export default caseForm;
