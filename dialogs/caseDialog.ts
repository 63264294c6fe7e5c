// The manager's guided case flow: the ordered STEPS, one question each, with cancel/back/help.
import {
  ComponentDialog,
  DialogTurnStatus,
  type Dialog,
  type DialogContext,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { companyOfActivity } from '../bot/services/access';
import { INTERRUPTION_WORDS, recognizeWord, type Interruption } from '../language/commands';
import { ABSENCES_STEP, absencesStep } from './absencesDialog';
import { ATTENDEES_DIALOG, AttendeesDialog } from './attendeesDialog';
import { BRIEFING_DIALOG, briefingStep } from './briefingDialog';
import {
  carriesHealthDetails,
  translatorOf,
  type CaseDialogDeps,
  type CaseDraft,
  type CasePrefill,
  type StepOptions,
  type StepOutcome,
} from './caseDraft';
import {
  CONTRACT_END_STEP,
  CONTRACT_STEP,
  INTERIM_STEP,
  contractEndStep,
  contractStep,
  interimStep,
  isFixedTerm,
} from './contractDialog';
import { ELIGIBILITY_STEP, eligibilityStep } from './eligibilityDialog';
import { INITIATOR_DIALOG, REQUEST_DATE_STEP, initiatorStep, requestDateStep } from './initiatorDialog';
import {
  MEETING_DIALOG,
  MEETING_MODE_STEP,
  MEETING_TIME_STEP,
  MEETING_WHERE_STEP,
  meetingDayStep,
  meetingModeStep,
  meetingTimeStep,
  meetingWhereStep,
} from './meetingDialog';
import { SUMMARY_DIALOG, SummaryDialog } from './summaryDialog';
import { MANAGER_STEP, WHO_DIALOG, WhoDialog, managerStep } from './whoDialog';

export const CASE_DIALOG = 'case';

/**
 * The steps in order, each asking one question (or one card); `applies` skips a step the draft does not need.
 * The contract comes FIRST: an excluded contract stops before anything else is asked (R-ELIG-10).
 */
const STEPS: { id: string; applies?: (draft: CaseDraft) => boolean }[] = [
  { id: CONTRACT_STEP },
  { id: INTERIM_STEP, applies: (draft) => draft.contract?.kind === 'interim' },
  { id: CONTRACT_END_STEP, applies: (draft) => isFixedTerm(draft.contract?.kind) },
  { id: WHO_DIALOG, applies: (draft) => !draft.requestId },
  { id: MANAGER_STEP, applies: (draft) => !draft.requestId && draft.openerRole === 'hr' },
  { id: ABSENCES_STEP },
  { id: ELIGIBILITY_STEP },
  { id: BRIEFING_DIALOG },
  { id: INITIATOR_DIALOG, applies: (draft) => !draft.requestId },
  { id: REQUEST_DATE_STEP, applies: (draft) => !draft.requestId },
  { id: MEETING_DIALOG },
  { id: MEETING_TIME_STEP },
  { id: MEETING_MODE_STEP },
  { id: MEETING_WHERE_STEP },
  { id: ATTENDEES_DIALOG },
  { id: SUMMARY_DIALOG },
];
const indexOf = (id: string) => STEPS.findIndex((step) => step.id === id);

/** "annuler", "retour", "aide" (and their English words) in a guided conversation. */
export function recognizeInterruption(text: string | undefined): Interruption | undefined {
  return recognizeWord(text ?? '', INTERRUPTION_WORDS);
}

/** A question rather than an answer: it ends with a question mark (and is more than "?"). */
const looksLikeQuestion = (text: string) => text.length > 1 && /[?？]\s*$/.test(text);

/** Where the flow is; kept in the component's own dialog state, so it survives a restart. */
interface Progress {
  step: number;
  draft: CaseDraft;
  /** The steps that asked a question, in order, the current one last: "retour" goes to the one before. */
  history: number[];
  /** Changing answers from the summary: the steps still to ask again before coming back to it. */
  editing?: string[];
}

/**
 * The manager's guided case flow: runs the steps one after the other, gathering their answers into a draft.
 * Above whichever step (or prompt) is active: "annuler", "retour" (the question before), "aide"; a health detail
 * in any typed answer gets the kind notice and is not kept; a question asked mid-dialog is answered (FAQ) and the
 * same question is asked again.
 */
export class CaseDialog extends ComponentDialog {
  constructor(private readonly deps: CaseDialogDeps) {
    super(CASE_DIALOG);
    const dialogs: Dialog[] = [
      contractStep(),
      interimStep(),
      contractEndStep(),
      new WhoDialog(deps),
      managerStep(),
      absencesStep(),
      eligibilityStep(deps),
      briefingStep(),
      initiatorStep(),
      requestDateStep(deps),
      meetingDayStep(deps),
      meetingTimeStep(),
      meetingModeStep(),
      meetingWhereStep(),
      new AttendeesDialog(deps),
      new SummaryDialog(deps),
    ];
    for (const dialog of dialogs) this.addDialog(dialog);
  }

  protected override async onBeginDialog(
    innerDc: DialogContext,
    options?: { prefill?: CasePrefill },
  ): Promise<DialogTurnResult> {
    const draft = { ...(await this.initialDraft(innerDc.context)), ...options?.prefill };
    const progress: Progress = { step: 0, draft, history: [] };
    outerState(innerDc).progress = progress;
    await innerDc.context.sendActivity(translatorOf(innerDc.context)('started'));
    return this.beginStep(innerDc, progress);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const progress = outerState(innerDc).progress as Progress;
    const { context } = innerDc;
    const t = translatorOf(context);
    const text = (context.activity.text ?? '').trim();
    switch (recognizeInterruption(text)) {
      case 'cancel':
        await innerDc.cancelAllDialogs();
        await context.sendActivity(t('cancelled'));
        return { status: DialogTurnStatus.complete };
      case 'back': {
        await innerDc.cancelAllDialogs();
        progress.history.pop();
        const previous = progress.history.pop();
        progress.step = previous ?? progress.step;
        return this.beginStep(innerDc, progress);
      }
      case 'help':
        await context.sendActivity(t(`help.${helpKeyOf(STEPS[progress.step]!.id)}`));
        await innerDc.repromptDialog();
        return { status: DialogTurnStatus.waiting };
      default:
        break;
    }
    if (carriesHealthDetails(text)) {
      // Never kept, never repeated: the notice, then the same question.
      await context.sendActivity(t('errors.health'));
      await innerDc.repromptDialog();
      return { status: DialogTurnStatus.waiting };
    }
    if (looksLikeQuestion(text) && (await this.deps.answerQuestion?.(context))) {
      await context.sendActivity(t('resume'));
      await innerDc.repromptDialog();
      return { status: DialogTurnStatus.waiting };
    }
    const turn = await innerDc.continueDialog();
    return turn.status === DialogTurnStatus.complete ? this.afterStep(innerDc, progress, turn.result) : turn;
  }

  /** The company's policy, read once: the whole flow applies the rules in force when it began. */
  private async initialDraft(context: TurnContext): Promise<CaseDraft> {
    const company = companyOfActivity(context.activity);
    if (!company || !this.deps.companySettings) return {};
    const { policy } = await this.deps.companySettings.get(company.tenantId, company.companyId);
    return policy ? { policy } : {};
  }

  /** Begins the step at `progress.step`, or the next one that applies. */
  private async beginStep(innerDc: DialogContext, progress: Progress): Promise<DialogTurnResult> {
    while (!(STEPS[progress.step]!.applies?.(progress.draft) ?? true)) {
      const next = this.nextStep(progress);
      if (next === undefined) return { status: DialogTurnStatus.complete };
      progress.step = next;
    }
    const options: StepOptions = { draft: progress.draft };
    const turn = await innerDc.beginDialog(STEPS[progress.step]!.id, options);
    if (turn.status === DialogTurnStatus.complete) return this.afterStep(innerDc, progress, turn.result);
    if (progress.history.at(-1) !== progress.step) progress.history.push(progress.step);
    return turn;
  }

  /** The step after the current one: the next still to change when editing, else the next in order. */
  private nextStep(progress: Progress): number | undefined {
    if (progress.editing) {
      const id = progress.editing.shift();
      if (id === undefined) {
        delete progress.editing;
        return indexOf(SUMMARY_DIALOG);
      }
      return indexOf(id);
    }
    return progress.step + 1 < STEPS.length ? progress.step + 1 : undefined;
  }

  private async afterStep(
    innerDc: DialogContext,
    progress: Progress,
    outcome: StepOutcome,
  ): Promise<DialogTurnResult> {
    if ('stop' in outcome) return { status: DialogTurnStatus.complete };
    if ('backTo' in outcome) {
      progress.step = indexOf(outcome.backTo);
      return this.beginStep(innerDc, progress);
    }
    if ('edit' in outcome) {
      progress.editing = [...outcome.edit];
      progress.step = indexOf(progress.editing.shift() ?? SUMMARY_DIALOG);
      return this.beginStep(innerDc, progress);
    }
    progress.draft = { ...progress.draft, ...outcome.answers };
    const next = this.nextStep(progress);
    if (next === undefined) return { status: DialogTurnStatus.complete };
    progress.step = next;
    return this.beginStep(innerDc, progress);
  }
}

/** The help sentence of a step: one per group of questions. */
function helpKeyOf(stepId: string): string {
  if ([CONTRACT_STEP, INTERIM_STEP, CONTRACT_END_STEP, ABSENCES_STEP, ELIGIBILITY_STEP].includes(stepId))
    return 'eligibility';
  if ([WHO_DIALOG, MANAGER_STEP].includes(stepId)) return 'who';
  if ([INITIATOR_DIALOG, REQUEST_DATE_STEP].includes(stepId)) return 'initiator';
  if ([MEETING_DIALOG, MEETING_TIME_STEP, MEETING_MODE_STEP, MEETING_WHERE_STEP].includes(stepId))
    return 'meeting';
  return stepId;
}

/** The state of this component's own entry on the outer stack (its inner stack lives beside it). */
function outerState(innerDc: DialogContext): Record<string, unknown> {
  const state = innerDc.parent?.activeDialog?.state;
  if (!state) throw new Error('CaseDialog runs only inside a dialog context');
  return state;
}
