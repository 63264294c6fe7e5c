import {
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type PromptValidatorContext,
} from 'botbuilder-dialogs';
import {
  TEXT_PROMPT,
  refuseAnswer,
  scratchOf,
  sharedPrompts,
  translatorOf,
  type CaseDraft,
  type StepOutcome,
} from './caseDraft';
import { EMAIL_SHAPE, PersonPrompt, type PersonAnswer } from './personPrompt';

export const WHO_DIALOG = 'who';
const PERSON_PROMPT = 'personPrompt';
const EMAIL_PROMPT = 'emailPrompt';

type Employee = NonNullable<CaseDraft['employee']>;

/**
 * Step 1 — who the meeting is for. The personPicker card offers the Teams people picker (the employee's Entra
 * object id is what lets Liaison send them the invitation in Teams) with their name and email; a manager may
 * instead type the name, then the email, in the chat. Whatever the card did not give is asked in the chat.
 */
export class WhoDialog extends ComponentDialog {
  constructor() {
    super(WHO_DIALOG);
    this.addDialog(
      new WaterfallDialog(`${WHO_DIALOG}.steps`, [
        async (step) => step.prompt(PERSON_PROMPT, translatorOf(step.context)('who.askName')),
        async (step) => {
          const answer = step.result as PersonAnswer;
          const employee = scratchOf<Employee>(step);
          if ('typed' in answer) return step.next(answer.typed);
          const { name, email, aadObjectId } = answer.picked;
          if (aadObjectId) employee.aadObjectId = aadObjectId;
          if (email !== '') employee.email = email;
          if (name !== '') return step.next(name);
          // Picked in the directory, but Teams would not tell the name (usual in a 1:1 chat): asked in the chat.
          return step.prompt(TEXT_PROMPT, translatorOf(step.context)('who.askPickedName'));
        },
        async (step) => {
          const name = String(step.result).trim();
          const employee = scratchOf<Employee>(step);
          employee.name = name;
          if (employee.email) return step.next(employee.email);
          return step.prompt(EMAIL_PROMPT, translatorOf(step.context)('who.askEmail', { name }));
        },
        async (step) => {
          const { name = '', aadObjectId } = scratchOf<Employee>(step);
          const employee: Employee = {
            name,
            email: String(step.result).trim(),
            ...(aadObjectId ? { aadObjectId } : {}),
          };
          const outcome: StepOutcome = { answers: { employee } };
          return step.endDialog(outcome);
        },
      ]),
    );
    this.addDialog(new PersonPrompt(PERSON_PROMPT));
    for (const prompt of sharedPrompts()) this.addDialog(prompt);
    this.addDialog(new TextPrompt(EMAIL_PROMPT, validateEmail));
  }
}

async function validateEmail(prompt: PromptValidatorContext<string>): Promise<boolean> {
  if (EMAIL_SHAPE.test((prompt.recognized.value ?? '').trim())) return true;
  return refuseAnswer(prompt, translatorOf(prompt.context)('errors.email'));
}
