// Guided flow step: the absence periods, one at a time (kind and days, never why).
import { ComponentDialog, WaterfallDialog } from 'botbuilder-dialogs';
import { ABSENCE_KINDS, type Absence } from '../domain';
import {
  CHOICE_PROMPT,
  CONFIRM_PROMPT,
  DAY_PROMPT,
  choiceQuestion,
  chosenCode,
  confirmQuestion,
  scratchOf,
  sharedPrompts,
  translatorOf,
  type DayBounds,
  type StepOutcome,
} from './caseDraft';
import { questionStep } from './questionStep';

export const ABSENCES_DIALOG = 'absences';
export const ABSENCES_STEP = 'absencesStep';

interface AbsencesOptions {
  absences: Absence[];
}

/**
 * The absence periods, one at a time (kind, first day, last day), until the manager says there is no other.
 * Only the administrative kind of leave is asked — never why the employee is absent.
 */
export class AbsencesDialog extends ComponentDialog {
  constructor() {
    super(ABSENCES_DIALOG);
    this.addDialog(
      new WaterfallDialog<AbsencesOptions>(`${ABSENCES_DIALOG}.steps`, [
        async (step) => {
          const t = translatorOf(step.context);
          const question = t('absences.askKind', { number: step.options.absences.length + 1 });
          return step.prompt(CHOICE_PROMPT, choiceQuestion(t, question, 'absenceKinds', ABSENCE_KINDS));
        },
        async (step) => {
          scratchOf<Absence>(step).kind = chosenCode(ABSENCE_KINDS, step.result);
          return step.prompt(DAY_PROMPT, translatorOf(step.context)('absences.askStart'));
        },
        async (step) => {
          scratchOf<Absence>(step).start = step.result as string;
          const validations: DayBounds = {
            notBefore: { day: step.result as string, messageKey: 'errors.endBeforeStart' },
          };
          return step.prompt(DAY_PROMPT, {
            prompt: translatorOf(step.context)('absences.askEnd'),
            validations,
          });
        },
        async (step) => {
          scratchOf<Absence>(step).end = step.result as string;
          const t = translatorOf(step.context);
          return step.prompt(CONFIRM_PROMPT, confirmQuestion(t, t('absences.askAnother')));
        },
        async (step) => {
          const { kind, start, end } = scratchOf<Absence>(step) as Absence;
          const absences = [...step.options.absences, { kind, start, end }];
          return step.result === true
            ? step.replaceDialog(ABSENCES_DIALOG, { absences })
            : step.endDialog(absences);
        },
      ]),
    );
    for (const prompt of sharedPrompts()) this.addDialog(prompt);
  }
}

/** The absences as one step of the flow (its loop inside). */
export function absencesStep() {
  return questionStep(
    ABSENCES_STEP,
    async (step) => step.beginDialog(ABSENCES_DIALOG, { absences: [] } satisfies AbsencesOptions),
    (step): StepOutcome => ({ answers: { absences: step.result as Absence[] } }),
    [new AbsencesDialog()],
  );
}
