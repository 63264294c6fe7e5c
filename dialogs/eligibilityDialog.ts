import { ComponentDialog, WaterfallDialog } from 'botbuilder-dialogs';
import type { Translator } from '../bot/i18n';
import { formatIsoDate } from '../cards/caseCards';
import {
  assessEligibility,
  CONTRACT_KINDS,
  FIXED_TERM_CONTRACT_KINDS,
  parisToday,
  type Absence,
  type ContractKind,
  type EligibilityAssessment,
  type IsoDate,
} from '../domain';
import { ABSENCES_DIALOG, AbsencesDialog } from './absencesDialog';
import {
  CHOICE_PROMPT,
  CONFIRM_PROMPT,
  DAY_PROMPT,
  chosenCode,
  labelledChoices,
  scratchOf,
  sharedPrompts,
  translatorOf,
  type CaseDialogDeps,
  type CaseDraft,
  type StepOptions,
  type StepOutcome,
} from './caseDraft';

export const ELIGIBILITY_DIALOG = 'eligibility';

interface Scratch {
  kind: ContractKind;
  end: IsoDate;
  answers: Partial<CaseDraft>;
}

/** Notes that put the employee outside the meeting altogether, rather than "not yet". */
const OUT_OF_SCOPE_NOTES = ['contract_not_covered', 'contract_ended'] as const;

/**
 * Step 2 — is the employee concerned: the contract, the absence periods, then `assessEligibility` told in plain
 * words. Not eligible: out of scope ends the flow; "not yet" lets the manager stop or go on (anticipated
 * information).
 */
export class EligibilityDialog extends ComponentDialog {
  constructor(deps: Pick<CaseDialogDeps, 'now'>) {
    super(ELIGIBILITY_DIALOG);
    this.addDialog(
      new WaterfallDialog<StepOptions>(`${ELIGIBILITY_DIALOG}.steps`, [
        async (step) => {
          const t = translatorOf(step.context);
          return step.prompt(CHOICE_PROMPT, {
            prompt: t('eligibility.askContract'),
            choices: labelledChoices(t, 'contractKinds', CONTRACT_KINDS),
          });
        },
        async (step) => {
          const kind = chosenCode(CONTRACT_KINDS, step.result);
          scratchOf<Scratch>(step).kind = kind;
          return FIXED_TERM_CONTRACT_KINDS.includes(kind)
            ? step.prompt(DAY_PROMPT, translatorOf(step.context)('eligibility.askContractEnd'))
            : step.next();
        },
        async (step) => {
          scratchOf<Scratch>(step).end = step.result as IsoDate | undefined;
          return step.beginDialog(ABSENCES_DIALOG, { absences: [] });
        },
        async (step) => {
          const scratch = scratchOf<Scratch>(step);
          const contract = { kind: scratch.kind!, ...(scratch.end ? { end: scratch.end } : {}) };
          const absences = step.result as Absence[];
          scratch.answers = { contract, absences };
          const today = parisToday(deps.now());
          const { policy } = step.options.draft;
          const assessment = assessEligibility({ today, contract, absences, policy });
          const t = translatorOf(step.context);
          await step.context.sendActivity(describeAssessment(t, assessment, today));
          if (assessment.eligible) return step.endDialog({ answers: scratch.answers } satisfies StepOutcome);
          if (OUT_OF_SCOPE_NOTES.some((note) => assessment.notes.includes(note))) {
            await step.context.sendActivity(t('eligibility.stopped'));
            return step.endDialog({ stop: true } satisfies StepOutcome);
          }
          return step.prompt(CONFIRM_PROMPT, t('eligibility.askGoOn'));
        },
        async (step) => {
          const { answers = {} } = scratchOf<Scratch>(step);
          if (step.result === true) return step.endDialog({ answers } satisfies StepOutcome);
          await step.context.sendActivity(translatorOf(step.context)('eligibility.stopped'));
          return step.endDialog({ stop: true } satisfies StepOutcome);
        },
      ]),
    );
    for (const prompt of sharedPrompts()) this.addDialog(prompt);
    this.addDialog(new AbsencesDialog());
  }
}

/** The verdict first, then one plain sentence per note. */
function describeAssessment(t: Translator, assessment: EligibilityAssessment, today: IsoDate): string {
  const verdict = assessment.eligible
    ? t('eligibility.eligible', { days: assessment.countedDays })
    : OUT_OF_SCOPE_NOTES.some((note) => assessment.notes.includes(note))
      ? t('eligibility.outOfScope')
      : assessment.firstEligibleDate && assessment.firstEligibleDate > today
        ? t('eligibility.notYetFrom', {
            days: assessment.countedDays,
            day: formatIsoDate(assessment.firstEligibleDate, t),
          })
        : t('eligibility.notYet', { days: assessment.countedDays });
  const reasons = assessment.notes.map((note) => `- ${t(`eligibilityNotes.${note}`)}`);
  return [verdict, ...reasons].join('\n\n');
}
