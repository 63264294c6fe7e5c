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
  type StepOutcome,
} from './caseDraft';

export const WHO_DIALOG = 'who';
const EMAIL_PROMPT = 'emailPrompt';

/** A plain shape check: the directory, not the bot, knows whether the mailbox exists. */
const EMAIL_SHAPE = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

/**
 * Step 1 — who the meeting is for: the employee's name and email, typed. (The Teams people picker will replace
 * the typing where Teams offers it.)
 */
export class WhoDialog extends ComponentDialog {
  constructor() {
    super(WHO_DIALOG);
    this.addDialog(
      new WaterfallDialog(`${WHO_DIALOG}.steps`, [
        async (step) => step.prompt(TEXT_PROMPT, translatorOf(step.context)('who.askName')),
        async (step) => {
          const name = String(step.result).trim();
          scratchOf<{ name: string }>(step).name = name;
          return step.prompt(EMAIL_PROMPT, translatorOf(step.context)('who.askEmail', { name }));
        },
        async (step) => {
          const name = scratchOf<{ name: string }>(step).name ?? '';
          const outcome: StepOutcome = { answers: { employee: { name, email: String(step.result).trim() } } };
          return step.endDialog(outcome);
        },
      ]),
    );
    for (const prompt of sharedPrompts()) this.addDialog(prompt);
    this.addDialog(new TextPrompt(EMAIL_PROMPT, validateEmail));
  }
}

async function validateEmail(prompt: PromptValidatorContext<string>): Promise<boolean> {
  if (EMAIL_SHAPE.test((prompt.recognized.value ?? '').trim())) return true;
  return refuseAnswer(prompt, translatorOf(prompt.context)('errors.email'));
}
