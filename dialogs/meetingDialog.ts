// Guided flow steps: the meeting's day, time, mode and place, checked by the domain.
import { MessageFactory } from 'botbuilder';
import { TextPrompt, type PromptValidatorContext } from 'botbuilder-dialogs';
import type { Translator } from '../language/i18n';
import { formatIsoDate } from '../language/dates';
import { parisToday, type IsoDate, type MeetingPlan } from '../domain';
import {
  CHOICE_PROMPT,
  MAX_PLACE_LENGTH,
  MEETING_WARNINGS,
  checkMeetingDay,
  choiceQuestion,
  chosenCode,
  dayFromText,
  httpsLinkFrom,
  meetingWindow,
  nearestMeetingDay,
  noValidDateText,
  proposalLateness,
  refuseAnswer,
  timeFromText,
  translatorOf,
  type CaseDialogDeps,
  type CaseDraft,
  type DateSource,
  type StepOutcome,
} from './caseDraft';
import { questionStep } from './questionStep';

export const MEETING_DIALOG = 'meetingDay';
export const MEETING_TIME_STEP = 'meetingTime';
export const MEETING_MODE_STEP = 'meetingMode';
export const MEETING_WHERE_STEP = 'meetingWhere';
const MEETING_DAY_PROMPT = 'meetingDayPrompt';
const TIME_PROMPT = 'timePrompt';
const WHERE_PROMPT = 'wherePrompt';

type Mode = 'on_site' | 'remote';
export const MODES: readonly Mode[] = ['on_site', 'remote'];
/** Times offered as buttons (any HH:MM may be typed). */
export const SUGGESTED_TIMES = ['09:30', '11:00', '14:00', '16:30'];

interface DayValidation {
  source: DateSource;
  today: IsoDate;
}

export function dateSourceOf(draft: CaseDraft, today: IsoDate): DateSource {
  return {
    requestDate: draft.requestDate ?? today,
    ...(draft.contract ? { contract: draft.contract } : {}),
    absences: draft.absences ?? [],
    ...(draft.policy ? { policy: draft.policy } : {}),
  };
}

/**
 * The day. The window and the proposal's deadline come from the engine's date check (the SPST told and the
 * proposal sent today); a late proposal is said plainly with what to do; when no day fits (the leave or the
 * contract ends too soon) the flow stops and redirects as R-DL-04 says. A refused day gets the reasons and the
 * nearest valid day; a weekend or public holiday is only a warning.
 */
export function meetingDayStep(deps: Pick<CaseDialogDeps, 'now'>) {
  return questionStep(
    MEETING_DIALOG,
    async (step) => {
      const t = translatorOf(step.context);
      const today = parisToday(deps.now());
      const source = dateSourceOf(step.options.draft, today);
      const plan = meetingWindow(source, today);
      if (plan.problems.includes('no_valid_date')) {
        await step.context.sendActivity(noValidDateText(t, plan));
        return step.endDialog({ stop: true } satisfies StepOutcome);
      }
      await step.context.sendActivity(describeWindow(t, plan));
      const validations: DayValidation = { source, today };
      return step.prompt(MEETING_DAY_PROMPT, { prompt: t('meeting.askDay'), validations });
    },
    (step): StepOutcome => ({
      answers: { meeting: { ...step.options.draft.meeting, date: step.result as IsoDate } },
    }),
    [new TextPrompt(MEETING_DAY_PROMPT, validateMeetingDay)],
  );
}

/** The time, required: a few buttons, or any HH:MM typed. */
export function meetingTimeStep() {
  return questionStep(
    MEETING_TIME_STEP,
    async (step) => {
      const t = translatorOf(step.context);
      const question = MessageFactory.suggestedActions(SUGGESTED_TIMES, t('meeting.askTime'));
      return step.prompt(TIME_PROMPT, { prompt: question });
    },
    (step): StepOutcome => ({
      answers: { meeting: { ...step.options.draft.meeting, time: timeFromText(step.result as string)! } },
    }),
    [new TextPrompt(TIME_PROMPT, validateTime)],
  );
}

export function meetingModeStep() {
  return questionStep(
    MEETING_MODE_STEP,
    async (step) => {
      const t = translatorOf(step.context);
      return step.prompt(CHOICE_PROMPT, choiceQuestion(t, t('meeting.askMode'), 'modes', MODES));
    },
    (step): StepOutcome => {
      const mode = chosenCode(MODES, step.result);
      const { place, link, ...meeting } = step.options.draft.meeting ?? {};
      const kept = mode === 'on_site' ? (place ? { place } : {}) : link ? { link } : {};
      return { answers: { meeting: { ...meeting, ...kept, mode } } };
    },
  );
}

/**
 * Where: on site, a place chosen ("our premises") or a short place typed (screened like every free text); remote,
 * an https link to join. Nothing else: the invitation and the SPST notice show it as typed.
 */
export function meetingWhereStep() {
  return questionStep(
    MEETING_WHERE_STEP,
    async (step) => {
      const t = translatorOf(step.context);
      const mode = step.options.draft.meeting?.mode ?? 'on_site';
      const question =
        mode === 'on_site'
          ? MessageFactory.suggestedActions([t('meeting.premises')], t('meeting.askWhere.on_site'))
          : t('meeting.askWhere.remote');
      return step.prompt(WHERE_PROMPT, { prompt: question, validations: { mode } });
    },
    (step): StepOutcome => {
      const meeting = step.options.draft.meeting ?? {};
      const answer = String(step.result).trim();
      return {
        answers: {
          meeting:
            meeting.mode === 'remote'
              ? { ...meeting, link: httpsLinkFrom(answer)! }
              : { ...meeting, place: answer },
        },
      };
    },
    [new TextPrompt(WHERE_PROMPT, validateWhere)],
  );
}

function describeWindow(t: Translator, plan: MeetingPlan): string {
  const window = plan.latestMeetingDate
    ? t('meeting.window', {
        earliest: formatIsoDate(plan.earliestMeetingDate, t),
        latest: formatIsoDate(plan.latestMeetingDate, t),
      })
    : t('meeting.windowOpen', { earliest: formatIsoDate(plan.earliestMeetingDate, t) });
  const deadline =
    proposalLateness(t, plan) ??
    t('meeting.proposalDeadline', {
      due: formatIsoDate(plan.proposalDue, t),
      recommended: formatIsoDate(plan.proposalRecommendedBy, t),
    });
  return [window, deadline].join('\n\n');
}

async function validateMeetingDay(prompt: PromptValidatorContext<string>): Promise<boolean> {
  const t = translatorOf(prompt.context);
  const day = dayFromText(prompt.recognized.value);
  if (!day) return refuseAnswer(prompt, t('errors.dayFormat'));
  const { source, today } = prompt.options.validations as DayValidation;
  const plan = checkMeetingDay(source, day, today);
  if (plan.meetingValid) {
    prompt.recognized.value = day;
    // Only what concerns the meeting's day: the proposal's deadline was said with the window.
    const warnings = plan.warnings.filter((warning) =>
      (MEETING_WARNINGS as readonly string[]).includes(warning),
    );
    if (warnings.length > 0) {
      await prompt.context.sendActivity(warnings.map((warning) => t(`planWarnings.${warning}`)).join('\n\n'));
    }
    return true;
  }
  const nearest = nearestMeetingDay(source, today, day);
  const reasons = plan.problems.map((problem) => `- ${t(`planProblems.${problem}`)}`);
  const offer = nearest ? t('meeting.nearest', { day: formatIsoDate(nearest, t) }) : noValidDateText(t, plan);
  return refuseAnswer(
    prompt,
    [t('meeting.refused', { day: formatIsoDate(day, t) }), ...reasons, offer].join('\n\n'),
  );
}

async function validateTime(prompt: PromptValidatorContext<string>): Promise<boolean> {
  if (timeFromText(prompt.recognized.value)) return true;
  return refuseAnswer(prompt, translatorOf(prompt.context)('errors.timeFormat'));
}

async function validateWhere(prompt: PromptValidatorContext<string>): Promise<boolean> {
  const t = translatorOf(prompt.context);
  const answer = (prompt.recognized.value ?? '').trim();
  if ((prompt.options.validations as { mode?: string } | undefined)?.mode === 'remote') {
    if (httpsLinkFrom(answer)) return true;
    return refuseAnswer(prompt, t('errors.link'));
  }
  if (answer !== '' && answer.length <= MAX_PLACE_LENGTH) return true;
  return refuseAnswer(prompt, t('errors.placeLength', { max: MAX_PLACE_LENGTH }));
}
