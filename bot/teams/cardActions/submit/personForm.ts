// `personForm`: the person picker card (dialogs/personPrompt), answered by the dialog under way.
import { isPersonForm } from '../../../../dialogs/personPrompt';
import type { SubmitHandler } from '../types';
import { toConversation } from './conversation';

const personForm: SubmitHandler = { kind: 'personForm', accepts: isPersonForm, handle: toConversation };

export default personForm;
