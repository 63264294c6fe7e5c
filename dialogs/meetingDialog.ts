import {
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type PromptValidatorContext,
} from 'botbuilder-dialogs';
import { normaliseCommandText } from '../bot/commands';
import type { Translator } from '../bot/i18n';
import { formatIsoDate } from '../cards/caseCards';
import type { LiaisonCase } from '../bot/cases/model';
import {
  nearestValidMeetingDate,
  parisToday,
  planMeeting,
  type IsoDate,
  type MeetingPlan,
  type PlanInput,
} from '../domain';
import {
  CHOICE_PROMPT,
  TEXT_PROMPT,
  dayFromText,
  chosenCode,
  labelledChoices,
  leaveEndOf,
  refuseAnswer,
  scratchOf,
  sharedPrompts,
  translatorOf,
  type CaseDialogDeps,
  type CaseDraft,
  type StepOptions,
  type StepOutcome,
} from './caseDraft';

export const MEETING_DIALOG = 'meeting';
const MEETING_DAY_PROMPT = 'meetingDayPrompt';
const TIME_PROMPT = 'timePrompt';

type Meeting = LiaisonCase['meeting'];
const MODES: readonly Meeting['mode'][] = ['in_person', 'remote'];
/** Answers that mean "no time yet", in either language. */
const NO_TIME_WORDS = ['non', 'no', 'aucune', 'aucun', 'none', 'skip', 'passer', '-'];
const TIME_OF_DAY = /^([01]?\d|2[0-3])[:h]([0-5]\d)$/;

/**
 * Step 5 — when and how. The window comes from `planMeeting` with the SPST told today; a day it refuses is
 * refused with the reason and the nearest valid day; a weekend or public holiday is only a warning.
 */
export class MeetingDialog extends ComponentDialog {
  constructor(deps: Pick<CaseDialogDeps, 'now'>) {
    super(MEETING_DIALOG);
    this.addDialog(
      new WaterfallDialog<StepOptions>(`${MEETING_DIALOG}.steps`, [
        async (step) => {
          const t = translatorOf(step.context);
          const planInput = planInputOf(step.options.draft, parisToday(deps.now()));
          const plan = planMeeting(planInput);
          await step.context.sendActivity(describeWindow(t, plan));
          if (plan.problems.includes('no_valid_date')) {
            await step.context.sendActivity(t('meeting.noValidDate'));
            return step.endDialog({ stop: true } satisfies StepOutcome);
          }
          return step.prompt(MEETING_DAY_PROMPT, { prompt: t('meeting.askDay'), validations: planInput });
        },
        async (step) => {
          scratchOf<Meeting>(step).date = step.result as IsoDate;
          return step.prompt(TIME_PROMPT, translatorOf(step.context)('meeting.askTime'));
        },
        async (step) => {
          scratchOf<Meeting>(step).time = timeFromText(step.result as string);
          const t = translatorOf(step.context);
          return step.prompt(CHOICE_PROMPT, {
            prompt: t('meeting.askMode'),
            choices: labelledChoices(t, 'modes', MODES),
          });
        },
        async (step) => {
          const mode = chosenCode(MODES, step.result);
          scratchOf<Meeting>(step).mode = mode;
          return step.prompt(TEXT_PROMPT, translatorOf(step.context)(`meeting.askWhere.${mode}`));
        },
        async (step) => {
          const where = String(step.result).trim();
          const { date, time, mode } = scratchOf<Meeting>(step);
          const meeting: Meeting = {
            date: date!,
            mode: mode!,
            ...(time ? { time } : {}),
            ...(mode === 'in_person' ? { place: where } : { link: where }),
          };
          return step.endDialog({ answers: { meeting } } satisfies StepOutcome);
        },
      ]),
    );
    for (const prompt of sharedPrompts()) this.addDialog(prompt);
    this.addDialog(new TextPrompt(MEETING_DAY_PROMPT, validateMeetingDay));
    this.addDialog(new TextPrompt(TIME_PROMPT, validateTime));
  }
}

/** The SPST is told today; the meeting must fall within the known sick leave and before the contract ends. */
function planInputOf(draft: CaseDraft, today: string): PlanInput {
  const leaveEnd = leaveEndOf(draft);
  return {
    requestDate: draft.requestDate ?? today,
    spstNoticeDate: today,
    ...(draft.policy ? { policy: draft.policy } : {}),
    ...(leaveEnd ? { leaveEnd } : {}),
    ...(draft.contract?.end ? { contractEnd: draft.contract.end } : {}),
  };
}

function describeWindow(t: Translator, plan: MeetingPlan): string {
  return [
    plan.latestMeetingDate
      ? t('meeting.window', {
          earliest: formatIsoDate(plan.earliestMeetingDate, t),
          latest: formatIsoDate(plan.latestMeetingDate, t),
        })
      : t('meeting.windowOpen', { earliest: formatIsoDate(plan.earliestMeetingDate, t) }),
    t('meeting.proposalDeadline', {
      due: formatIsoDate(plan.proposalDue, t),
      recommended: formatIsoDate(plan.proposalRecommendedBy, t),
    }),
  ].join('\n\n');
}

async function validateMeetingDay(prompt: PromptValidatorContext<string>): Promise<boolean> {
  const t = translatorOf(prompt.context);
  const day = dayFromText(prompt.recognized.value);
  if (!day) return refuseAnswer(prompt, t('errors.dayFormat'));
  const planInput = prompt.options.validations as PlanInput;
  const plan = planMeeting({ ...planInput, meetingDate: day });
  if (plan.meetingValid) {
    prompt.recognized.value = day;
    if (plan.warnings.length > 0) {
      await prompt.context.sendActivity(
        plan.warnings.map((warning) => t(`planWarnings.${warning}`)).join('\n\n'),
      );
    }
    return true;
  }
  // Search forward from the refused day; a day past the window has no valid day after it, so offer the first one.
  const nearest = nearestValidMeetingDate({ ...planInput, from: day }) ?? nearestValidMeetingDate(planInput);
  const reasons = plan.problems.map((problem) => `- ${t(`planProblems.${problem}`)}`);
  const offer = nearest ? t('meeting.nearest', { day: formatIsoDate(nearest, t) }) : t('meeting.noValidDate');
  return refuseAnswer(
    prompt,
    [t('meeting.refused', { day: formatIsoDate(day, t) }), ...reasons, offer].join('\n\n'),
  );
}

function timeFromText(text: string): string | undefined {
  const match = TIME_OF_DAY.exec(text.trim().toLowerCase());
  return match ? `${match[1]!.padStart(2, '0')}:${match[2]}` : undefined;
}

async function validateTime(prompt: PromptValidatorContext<string>): Promise<boolean> {
  const answer = prompt.recognized.value ?? '';
  if (NO_TIME_WORDS.includes(normaliseCommandText(answer)) || timeFromText(answer)) return true;
  return refuseAnswer(prompt, translatorOf(prompt.context)('errors.timeFormat'));
}
