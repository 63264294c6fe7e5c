import { ComponentDialog, WaterfallDialog } from 'botbuilder-dialogs';
import { parisToday, type IsoDate } from '../domain';
import {
  CHOICE_PROMPT,
  DAY_PROMPT,
  chosenCode,
  labelledChoices,
  scratchOf,
  sharedPrompts,
  translatorOf,
  type CaseDialogDeps,
  type CaseDraft,
  type DayBounds,
  type StepOutcome,
} from './caseDraft';

export const INITIATOR_DIALOG = 'initiator';

type Initiator = NonNullable<CaseDraft['initiator']>;
const INITIATORS: readonly Initiator[] = ['employer', 'employee'];

/** Step 4 — who asked for the meeting, and D0: the day the request or the acceptance reached the employer. */
export class InitiatorDialog extends ComponentDialog {
  constructor(deps: Pick<CaseDialogDeps, 'now'>) {
    super(INITIATOR_DIALOG);
    this.addDialog(
      new WaterfallDialog(`${INITIATOR_DIALOG}.steps`, [
        async (step) => {
          const t = translatorOf(step.context);
          return step.prompt(CHOICE_PROMPT, {
            prompt: t('initiator.askWho'),
            choices: labelledChoices(t, 'initiators', INITIATORS),
          });
        },
        async (step) => {
          const initiator = chosenCode(INITIATORS, step.result);
          scratchOf<{ initiator: Initiator }>(step).initiator = initiator;
          const t = translatorOf(step.context);
          const validations: DayBounds = {
            notAfter: { day: parisToday(deps.now()), messageKey: 'errors.dayInFuture' },
          };
          return step.prompt(DAY_PROMPT, { prompt: t(`initiator.askRequestDate.${initiator}`), validations });
        },
        async (step) => {
          const answers: Partial<CaseDraft> = {
            initiator: scratchOf<{ initiator: Initiator }>(step).initiator,
            requestDate: step.result as IsoDate,
          };
          return step.endDialog({ answers } satisfies StepOutcome);
        },
      ]),
    );
    for (const prompt of sharedPrompts()) this.addDialog(prompt);
  }
}
