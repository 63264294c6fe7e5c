// Guided flow steps: who the meeting is for and who their manager is.
import { MessageFactory } from 'botbuilder';
import {
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type PromptValidatorContext,
} from 'botbuilder-dialogs';
import { MANAGER_ANSWER_WORDS, normaliseCommandText } from '../language/commands';
import {
  TEXT_PROMPT,
  refuseAnswer,
  scratchOf,
  sharedPrompts,
  translatorOf,
  validateText,
  type CaseDialogDeps,
  type CaseDraft,
  type StepOptions,
  type StepOutcome,
} from './caseDraft';
import { EMAIL_SHAPE, PersonPrompt, type PersonAnswer } from './personPrompt';
import { questionStep } from './questionStep';

export const WHO_DIALOG = 'who';
export const MANAGER_STEP = 'manager';
const PERSON_PROMPT = 'personPrompt';
const EMAIL_PROMPT = 'emailPrompt';
const MANAGER_PROMPT = 'managerPrompt';

type Employee = NonNullable<CaseDraft['employee']>;

/**
 * Who the meeting is for. The personPicker card offers the Teams people picker (the employee's Entra object id
 * is what lets Liaison send them the invitation in Teams) with their name and email; a manager may instead type
 * the name, then the email, in the chat. Whatever the card did not give is asked in the chat. Then, before any
 * other question, whether the person talking may open the case (`mayOpenFor`): HR or the employee's manager;
 * anyone else is told kindly that HR opens it.
 */
export class WhoDialog extends ComponentDialog {
  constructor(deps: Pick<CaseDialogDeps, 'mayOpenFor'> = {}) {
    super(WHO_DIALOG);
    this.addDialog(
      new WaterfallDialog<StepOptions>(`${WHO_DIALOG}.steps`, [
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
          const role = deps.mayOpenFor ? await deps.mayOpenFor(step.context, employee) : 'hr';
          if (!role) {
            await step.context.sendActivity(translatorOf(step.context)('access.hrOpens', { name }));
            return step.endDialog({ stop: true } satisfies StepOutcome);
          }
          const outcome: StepOutcome = { answers: { employee, openerRole: role } };
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

/** Lower case, no accents, apostrophes as spaces: "C'est moi" and "c est moi" are one answer. */
const plainWords = (text: string) => normaliseCommandText(text.replace(/['’]/g, ' ')).replace(/\s+/g, ' ');

/**
 * HR opening a case names the EMPLOYEE's manager (never HR itself unless they are that manager): "me", "I don't
 * know" (the case opens without one), or the manager's name typed (screened like every free text).
 */
export function managerStep() {
  return questionStep(
    MANAGER_STEP,
    async (step) => {
      const t = translatorOf(step.context);
      const name = step.options.draft.employee?.name ?? '';
      const question = MessageFactory.suggestedActions(
        [t('manager.myself'), t('manager.unknown')],
        t('manager.ask', { name }),
      );
      return step.prompt(MANAGER_PROMPT, {
        prompt: question,
        retryPrompt: question,
      });
    },
    async (step): Promise<StepOutcome> => {
      const answer = String(step.result).trim();
      const t = translatorOf(step.context);
      const words = plainWords(answer);
      if ([...MANAGER_ANSWER_WORDS.unknown, plainWords(t('manager.unknown'))].includes(words)) {
        return { answers: { manager: undefined, managerUnknown: true } };
      }
      if ([...MANAGER_ANSWER_WORDS.myself, plainWords(t('manager.myself'))].includes(words)) {
        const { from } = step.context.activity;
        return {
          answers: {
            manager: { aadObjectId: from.aadObjectId ?? from.id, name: from.name ?? '' },
            managerUnknown: false,
          },
        };
      }
      return { answers: { manager: { name: answer }, managerUnknown: false } };
    },
    [new TextPrompt(MANAGER_PROMPT, validateText)],
  );
}
