import {
  ComponentDialog,
  DialogTurnStatus,
  type DialogContext,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { companyOfActivity } from '../bot/access';
import { recognizeWord } from '../bot/commands';
import { ATTENDEES_DIALOG, AttendeesDialog } from './attendeesDialog';
import { BRIEFING_DIALOG, BriefingDialog } from './briefingDialog';
import {
  translatorOf,
  type CaseDialogDeps,
  type CaseDraft,
  type CasePrefill,
  type StepOptions,
  type StepOutcome,
} from './caseDraft';
import { ELIGIBILITY_DIALOG, EligibilityDialog } from './eligibilityDialog';
import { INITIATOR_DIALOG, InitiatorDialog } from './initiatorDialog';
import { MEETING_DIALOG, MeetingDialog } from './meetingDialog';
import { SUMMARY_DIALOG, SummaryDialog } from './summaryDialog';
import { WHO_DIALOG, WhoDialog } from './whoDialog';

export const CASE_DIALOG = 'case';

/** The steps in order; each is a component dialog of its own. */
const STEPS = [
  WHO_DIALOG,
  ELIGIBILITY_DIALOG,
  BRIEFING_DIALOG,
  INITIATOR_DIALOG,
  MEETING_DIALOG,
  ATTENDEES_DIALOG,
  SUMMARY_DIALOG,
] as const;

/** The steps an employee's own request answers (the employee; who initiated it and when). */
const ANSWERED_BY_REQUEST: readonly string[] = [WHO_DIALOG, INITIATOR_DIALOG];

type Interruption = 'cancel' | 'back' | 'help';

const INTERRUPTION_WORDS: Record<Interruption, string[]> = {
  cancel: ['annuler', 'cancel', 'abandonner', 'stop'],
  back: ['retour', 'back', 'precedent', 'previous'],
  help: ['aide', 'help', '?'],
};

/** "annuler", "retour", "aide" (and their English words) in a guided conversation. */
export function recognizeInterruption(text: string | undefined): Interruption | undefined {
  return recognizeWord(text ?? '', INTERRUPTION_WORDS);
}

/** Where the flow is; kept in the component's own dialog state, so it survives a restart. */
interface Progress {
  step: number;
  draft: CaseDraft;
}

/**
 * The manager's case flow: runs the steps one after the other, gathering their answers into a draft. "annuler",
 * "retour" and "aide" are handled here, above whichever step (or prompt) is active.
 */
export class CaseDialog extends ComponentDialog {
  constructor(private readonly deps: CaseDialogDeps) {
    super(CASE_DIALOG);
    this.addDialog(new WhoDialog());
    this.addDialog(new EligibilityDialog(deps));
    this.addDialog(new BriefingDialog());
    this.addDialog(new InitiatorDialog(deps));
    this.addDialog(new MeetingDialog(deps));
    this.addDialog(new AttendeesDialog(deps));
    this.addDialog(new SummaryDialog(deps));
  }

  protected override async onBeginDialog(
    innerDc: DialogContext,
    options?: { prefill?: CasePrefill },
  ): Promise<DialogTurnResult> {
    const draft = { ...(await this.initialDraft(innerDc.context)), ...options?.prefill };
    const progress: Progress = { step: 0, draft };
    outerState(innerDc).progress = progress;
    await innerDc.context.sendActivity(translatorOf(innerDc.context)('started'));
    return this.beginStep(innerDc, progress);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const progress = outerState(innerDc).progress as Progress;
    const t = translatorOf(innerDc.context);
    switch (recognizeInterruption(innerDc.context.activity.text)) {
      case 'cancel':
        await innerDc.cancelAllDialogs();
        await innerDc.context.sendActivity(t('cancelled'));
        return { status: DialogTurnStatus.complete };
      case 'back':
        await innerDc.cancelAllDialogs();
        progress.step = Math.max(0, progress.step - 1);
        while (
          progress.step > 0 &&
          progress.draft.requestId &&
          ANSWERED_BY_REQUEST.includes(STEPS[progress.step]!)
        ) {
          progress.step -= 1;
        }
        return this.beginStep(innerDc, progress);
      case 'help':
        await innerDc.context.sendActivity(t(`help.${STEPS[progress.step]}`));
        await innerDc.repromptDialog();
        return { status: DialogTurnStatus.waiting };
      default: {
        const turn = await innerDc.continueDialog();
        return turn.status === DialogTurnStatus.complete
          ? this.afterStep(innerDc, progress, turn.result)
          : turn;
      }
    }
  }

  /** The company's policy, read once: the whole flow applies the rules in force when it began. */
  private async initialDraft(context: TurnContext): Promise<CaseDraft> {
    const company = companyOfActivity(context.activity);
    if (!company || !this.deps.companySettings) return {};
    const { policy } = await this.deps.companySettings.get(company.tenantId, company.companyId);
    return policy ? { policy } : {};
  }

  private async beginStep(innerDc: DialogContext, progress: Progress): Promise<DialogTurnResult> {
    // From an employee's request, who asked and when are known already.
    while (progress.draft.requestId && ANSWERED_BY_REQUEST.includes(STEPS[progress.step]!))
      progress.step += 1;
    const options: StepOptions = { draft: progress.draft };
    const turn = await innerDc.beginDialog(STEPS[progress.step]!, options);
    return turn.status === DialogTurnStatus.complete ? this.afterStep(innerDc, progress, turn.result) : turn;
  }

  private async afterStep(
    innerDc: DialogContext,
    progress: Progress,
    outcome: StepOutcome,
  ): Promise<DialogTurnResult> {
    if ('backTo' in outcome) {
      progress.step = STEPS.indexOf(outcome.backTo as (typeof STEPS)[number]);
      return this.beginStep(innerDc, progress);
    }
    if ('stop' in outcome || progress.step === STEPS.length - 1) return { status: DialogTurnStatus.complete };
    progress.draft = { ...progress.draft, ...outcome.answers };
    progress.step += 1;
    return this.beginStep(innerDc, progress);
  }
}

/** The state of this component's own entry on the outer stack (its inner stack lives beside it). */
function outerState(innerDc: DialogContext): Record<string, unknown> {
  const state = innerDc.parent?.activeDialog?.state;
  if (!state) throw new Error('CaseDialog runs only inside a dialog context');
  return state;
}
