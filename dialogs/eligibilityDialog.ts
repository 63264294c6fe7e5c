// Guided flow step: the eligibility verdict from the domain, told with its reason.
import type { Translator } from '../language/i18n';
import { companyOfActivity } from '../bot/services/access';
import { formatIsoDate } from '../language/dates';
import { escapeMarkdown } from '../cards/markdown';
import { assessEligibility, parisToday, type EligibilityAssessment, type IsoDate } from '../domain';
import {
  CONFIRM_PROMPT,
  callerOf,
  confirmQuestion,
  scratchOf,
  translatorOf,
  type CaseDialogDeps,
  type CaseDraft,
  type StepOutcome,
} from './caseDraft';
import { questionStep } from './questionStep';

export const ELIGIBILITY_STEP = 'eligibility';

/** Notes that put the employee outside the meeting altogether, rather than "not yet". */
const OUT_OF_SCOPE_NOTES = ['contract_not_covered', 'contract_ended'] as const;

/** The day eligibility comes by itself: on leave now, and the known leave makes them eligible later. */
export function eligibleLaterOn(assessment: EligibilityAssessment, today: IsoDate): IsoDate | null {
  if (assessment.eligible || !assessment.onLeave) return null;
  if (OUT_OF_SCOPE_NOTES.some((note) => assessment.notes.includes(note))) return null;
  return assessment.firstEligibleDate && assessment.firstEligibleDate > today
    ? assessment.firstEligibleDate
    : null;
}

export function assessmentOf(draft: CaseDraft, today: IsoDate): EligibilityAssessment {
  return assessEligibility({
    today,
    contract: draft.contract ?? { kind: 'cdi' },
    absences: draft.absences ?? [],
    policy: draft.policy,
  });
}

/**
 * Is the employee concerned: `assessEligibility` told in plain words. Eligible: the flow goes on without a
 * question. Not eligible: NO override (the engine would refuse `not_eligible` anyway) — the flow stops and says
 * why; when it is only a matter of time, the opener may be reminded on the first eligible day.
 */
export function eligibilityStep(deps: Pick<CaseDialogDeps, 'now' | 'remindOn'>) {
  return questionStep(
    ELIGIBILITY_STEP,
    async (step) => {
      const t = translatorOf(step.context);
      const today = parisToday(deps.now());
      const assessment = assessmentOf(step.options.draft, today);
      await step.context.sendActivity(describeAssessment(t, assessment, today));
      if (assessment.eligible) return step.endDialog({ answers: {} } satisfies StepOutcome);
      const later = eligibleLaterOn(assessment, today);
      if (later && deps.remindOn) {
        scratchOf<{ later: IsoDate }>(step).later = later;
        return step.prompt(
          CONFIRM_PROMPT,
          confirmQuestion(t, t('eligibility.askReminder', { day: formatIsoDate(later, t) })),
        );
      }
      await step.context.sendActivity(
        later ? t('eligibility.comeBack', { day: formatIsoDate(later, t) }) : t('eligibility.stopped'),
      );
      return step.endDialog({ stop: true } satisfies StepOutcome);
    },
    async (step): Promise<StepOutcome> => {
      const t = translatorOf(step.context);
      const later = scratchOf<{ later: IsoDate }>(step).later!;
      const day = formatIsoDate(later, t);
      const company = companyOfActivity(step.context.activity);
      if (step.result === true && deps.remindOn && company) {
        const name = escapeMarkdown(step.options.draft.employee?.name ?? '');
        await deps.remindOn({
          tenantId: company.tenantId,
          aadObjectId: callerOf(step.context).aadObjectId,
          day: later,
          text: t('eligibility.reminderText', { name, day }),
        });
        await step.context.sendActivity(t('eligibility.reminderSet', { day }));
      } else {
        await step.context.sendActivity(t('eligibility.comeBack', { day }));
      }
      return { stop: true };
    },
  );
}

/** The verdict first, then one plain sentence per note. */
export function describeAssessment(t: Translator, assessment: EligibilityAssessment, today: IsoDate): string {
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
