import { ComponentDialog, WaterfallDialog, type FoundChoice } from 'botbuilder-dialogs';
import type { LiaisonCase } from '../bot/cases/model';
import { CHOICE_PROMPT, labelledChoices, sharedPrompts, translatorOf, type StepOutcome } from './caseDraft';

export const ATTENDEES_DIALOG = 'attendees';

const SPST_ATTENDANCE: readonly LiaisonCase['spst']['attendance'][] = ['attend', 'informed'];

/**
 * Step 6 — who attends. The SPST is asked to attend or only informed. The référent handicap is not the manager's
 * to add: the employee may ask for them once invited, so this step only says so.
 */
export class AttendeesDialog extends ComponentDialog {
  constructor() {
    super(ATTENDEES_DIALOG);
    this.addDialog(
      new WaterfallDialog(`${ATTENDEES_DIALOG}.steps`, [
        async (step) => {
          const t = translatorOf(step.context);
          return step.prompt(CHOICE_PROMPT, {
            prompt: t('attendees.askSpst'),
            choices: labelledChoices(t, 'spstAttendance', SPST_ATTENDANCE),
          });
        },
        async (step) => {
          await step.context.sendActivity(translatorOf(step.context)('attendees.referent'));
          const spstAttendance = (step.result as FoundChoice).value as LiaisonCase['spst']['attendance'];
          return step.endDialog({ answers: { spstAttendance } } satisfies StepOutcome);
        },
      ]),
    );
    for (const prompt of sharedPrompts()) this.addDialog(prompt);
  }
}
