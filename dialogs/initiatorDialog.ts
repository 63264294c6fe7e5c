// Guided flow steps: who asked for the meeting and the day the request reached the employer (D0).
import { parisToday, type IsoDate } from '../domain';
import {
  CHOICE_PROMPT,
  DAY_PROMPT,
  choiceQuestion,
  chosenCode,
  translatorOf,
  type CaseDialogDeps,
  type CaseDraft,
  type DayBounds,
  type StepOutcome,
} from './caseDraft';
import { questionStep } from './questionStep';

export const INITIATOR_DIALOG = 'initiator';
export const REQUEST_DATE_STEP = 'requestDate';

type Initiator = NonNullable<CaseDraft['initiator']>;
const INITIATORS: readonly Initiator[] = ['employer', 'employee'];

/** Who asked for the meeting. */
export function initiatorStep() {
  return questionStep(
    INITIATOR_DIALOG,
    async (step) => {
      const t = translatorOf(step.context);
      return step.prompt(CHOICE_PROMPT, choiceQuestion(t, t('initiator.askWho'), 'initiators', INITIATORS));
    },
    (step): StepOutcome => ({ answers: { initiator: chosenCode(INITIATORS, step.result) } }),
  );
}

/** D0: the day the request or the acceptance reached the employer (not in the future). */
export function requestDateStep(deps: Pick<CaseDialogDeps, 'now'>) {
  return questionStep(
    REQUEST_DATE_STEP,
    async (step) => {
      const t = translatorOf(step.context);
      const validations: DayBounds = {
        notAfter: { day: parisToday(deps.now()), messageKey: 'errors.dayInFuture' },
      };
      const initiator = step.options.draft.initiator ?? 'employer';
      return step.prompt(DAY_PROMPT, { prompt: t(`initiator.askRequestDate.${initiator}`), validations });
    },
    (step): StepOutcome => ({ answers: { requestDate: step.result as IsoDate } }),
  );
}
