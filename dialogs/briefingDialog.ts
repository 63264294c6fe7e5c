// Guided flow step: what the meeting is, said before anything is sent.
import { CONFIRM_PROMPT, confirmQuestion, translatorOf, type StepOutcome } from './caseDraft';
import { questionStep } from './questionStep';

export const BRIEFING_DIALOG = 'briefing';

/**
 * What the meeting is, said before anything is sent: optional, not medical, no consequence if refused, what will
 * be presented, and that the employee's own request cannot be refused.
 */
export function briefingStep() {
  return questionStep(
    BRIEFING_DIALOG,
    async (step) => {
      const t = translatorOf(step.context);
      await step.context.sendActivity(t('briefing.text'));
      return step.prompt(CONFIRM_PROMPT, confirmQuestion(t, t('briefing.askGoOn')));
    },
    async (step): Promise<StepOutcome> => {
      if (step.result === true) return { answers: {} };
      await step.context.sendActivity(translatorOf(step.context)('cancelled'));
      return { stop: true };
    },
  );
}
