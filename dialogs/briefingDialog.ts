import { ComponentDialog, WaterfallDialog } from 'botbuilder-dialogs';
import { CONFIRM_PROMPT, sharedPrompts, translatorOf, type StepOutcome } from './caseDraft';

export const BRIEFING_DIALOG = 'briefing';

/**
 * Step 3 — what the meeting is, said before anything is sent: optional, not medical, no consequence if refused,
 * what will be presented, and that the employee's own request cannot be refused.
 */
export class BriefingDialog extends ComponentDialog {
  constructor() {
    super(BRIEFING_DIALOG);
    this.addDialog(
      new WaterfallDialog(`${BRIEFING_DIALOG}.steps`, [
        async (step) => {
          const t = translatorOf(step.context);
          await step.context.sendActivity(t('briefing.text'));
          return step.prompt(CONFIRM_PROMPT, t('briefing.askGoOn'));
        },
        async (step) => {
          if (step.result === true) return step.endDialog({ answers: {} } satisfies StepOutcome);
          await step.context.sendActivity(translatorOf(step.context)('cancelled'));
          return step.endDialog({ stop: true } satisfies StepOutcome);
        },
      ]),
    );
    for (const prompt of sharedPrompts()) this.addDialog(prompt);
  }
}
