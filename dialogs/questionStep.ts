// One step of the guided flow that asks one question: the building block of caseDialog's STEPS.
import {
  ComponentDialog,
  WaterfallDialog,
  type Dialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { sharedPrompts, type StepOptions, type StepOutcome } from './caseDraft';

export type StepContext = WaterfallStepContext<StepOptions>;

/**
 * One step of the guided flow that asks ONE question: `ask` prompts (or ends at once with `step.endDialog`),
 * `receive` turns the answer into the step's outcome. One question per step is what lets "retour" go back to the
 * question just before, and "non" on the summary change one answer.
 */
export function questionStep(
  id: string,
  ask: (step: StepContext) => Promise<DialogTurnResult>,
  receive: (step: StepContext) => Promise<StepOutcome> | StepOutcome,
  dialogs: Dialog[] = [],
): ComponentDialog {
  const component = new ComponentDialog(id);
  component.addDialog(
    new WaterfallDialog<StepOptions>(`${id}.steps`, [
      ask,
      async (step) => step.endDialog(await receive(step)),
    ]),
  );
  for (const prompt of sharedPrompts()) component.addDialog(prompt);
  for (const dialog of dialogs) component.addDialog(dialog);
  return component;
}
