// The case draft kept between the steps of the manager's flow, and the helpers the steps share.
import type { TurnContext } from 'botbuilder';
import {
  ChoicePrompt,
  ConfirmPrompt,
  TextPrompt,
  type Choice,
  type FoundChoice,
  type PromptOptions,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type {
  CaseCaller,
  CaseOutcome,
  CompanySettingsStore,
  OpenCaseRequest,
} from '../bot/services/caseFlow';
import { companyOfActivity } from '../bot/services/access';
import { translatorFor, type Translator } from '../language/i18n';
import { formatIsoDate } from '../language/dates';
import type { CaseMeeting, CasePerson } from '../domain/liaisonCase';
import {
  COVERED_CONTRACT_KINDS,
  isIsoDate,
  meetingDateCheck,
  nearestValidMeetingDate,
  leaveEndOn,
  type Absence,
  type ContractKind,
  type IsoDate,
  type MeetingPlan,
  type PlanInput,
  type Policy,
} from '../domain';
import { containsHealthDetails, screenFreeText } from '../language';

/** What the manager has answered so far; kept in conversation state, so plain JSON only. */
export interface CaseDraft {
  /** The email is unknown when the flow starts from an employee's own request (they gave none). */
  employee?: { name: string; email?: string; aadObjectId?: string };
  /** The EMPLOYEE's manager (the request's, the one HR names, or the opener when they are that manager). */
  manager?: CasePerson;
  /** No manager known (HR said so): the case opens without one. */
  managerUnknown?: boolean;
  /** How the opener may open the case: as HR, or as the employee's manager (from `mayOpenFor`). */
  openerRole?: 'hr' | 'manager';
  contract?: { kind: ContractKind; end?: IsoDate };
  /** An intérim assignment: the opener confirmed they act for the temp agency (R-ELIG-08). */
  temporaryAgency?: boolean;
  absences?: Absence[];
  initiator?: 'employer' | 'employee';
  requestDate?: IsoDate;
  meeting?: Partial<CaseMeeting>;
  spstAttendance?: 'attend' | 'informed';
  /** Whether the invitation offers the employee the référent handicap (from `referentHandicap`). */
  referentOffered?: boolean;
  /** The company's policy (its settings), read when the flow starts: every rule of the flow applies it. */
  policy?: Partial<Policy>;
  /** The employee's own request the flow answers: who and when are known, so those steps are skipped. */
  requestId?: string;
}

/** What an acknowledged employee request tells the flow before it starts (its manager when the employee named one). */
export type CasePrefill = Required<Pick<CaseDraft, 'employee' | 'initiator' | 'requestDate' | 'requestId'>> &
  Pick<CaseDraft, 'manager'>;

/** Every step dialog begins with the draft and ends with its answers, or with a stop (nothing is created). */
export interface StepOptions {
  draft: CaseDraft;
}
export type StepOutcome =
  | { answers: Partial<CaseDraft> }
  | { stop: true }
  | { backTo: string }
  /** Change some answers (from the summary), then come back to the summary. */
  | { edit: string[] };

/** Who may open a case for this employee: as HR, as their manager, or not at all (then HR opens it). */
export type OpenerRole = 'hr' | 'manager' | null;

/** A plain message to the opener on a later day (the first eligible day), 09:00 Paris. */
export interface Reminder {
  tenantId: string;
  aadObjectId: string;
  day: IsoDate;
  text: string;
}

export interface CaseDialogDeps {
  /** The clock: every "today" is `parisToday(now())`. */
  now: () => Date;
  /** CaseService.open: the engine decides; may refuse (its reason), or throw when it cannot. */
  openCase: (request: OpenCaseRequest, caller: CaseCaller) => Promise<CaseOutcome>;
  /** The company's settings: the headcount and référent designation are asked once, then remembered there. */
  companySettings?: Pick<CompanySettingsStore, 'get' | 'upsert'>;
  /**
   * Whether the person talking may open a case for this employee, asked right after the employee is known: HR,
   * the employee's manager, or nobody (null: HR opens it). Absent: everybody counts as HR (the engine still
   * decides on open).
   */
  mayOpenFor?: (context: TurnContext, employee: NonNullable<CaseDraft['employee']>) => Promise<OpenerRole>;
  /** Answers a question asked mid-dialog (the FAQ); true when it answered, false to let the dialog hint. */
  answerQuestion?: (context: TurnContext) => Promise<boolean>;
  /** Queues a plain message for `day` 09:00 Paris; absent: the opener is told the day to come back. */
  remindOn?: (reminder: Reminder) => Promise<void>;
  /** Sends the status card of a case to the person talking, when they may follow it (a case under way, #12.6). */
  showCase?: (context: TurnContext, caseId: string) => Promise<void>;
}

export const CASE_DIALOG_NAMESPACE = 'caseDialog';

export function translatorOf(context: TurnContext): Translator {
  return translatorFor(context.activity.locale, CASE_DIALOG_NAMESPACE);
}

/** Choice and confirm prompts guess their language from the activity; without a locale they must say French. */
const PROMPT_DEFAULT_LOCALE = 'fr-fr';
export const DAY_PROMPT = 'dayPrompt';
export const TEXT_PROMPT = 'textPrompt';
export const CHOICE_PROMPT = 'choicePrompt';
export const CONFIRM_PROMPT = 'confirmPrompt';

/** Optional bounds a day answer must respect, passed as the prompt's `validations`. */
export interface DayBounds {
  notBefore?: { day: IsoDate; messageKey: string };
  notAfter?: { day: IsoDate; messageKey: string };
}

/**
 * A typed day: 'YYYY-MM-DD' as Input.Date sends it, or 'DD/MM/YYYY' as people type it. Only the digits are
 * rearranged — the day is never turned into an instant, so no time zone can shift it.
 */
export function dayFromText(text: string | undefined): IsoDate | null {
  const trimmed = (text ?? '').trim();
  const french = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(trimmed);
  const candidate = french
    ? `${french[3]}-${french[2]!.padStart(2, '0')}-${french[1]!.padStart(2, '0')}`
    : trimmed;
  return isIsoDate(candidate) ? candidate : null;
}

/** 'HH:MM' from "14:30", "9h05", "14h": the meeting's time, required. */
export function timeFromText(text: string | undefined): string | null {
  const match = /^([01]?\d|2[0-3])\s*[:hH]\s*([0-5]\d)?$/.exec((text ?? '').trim());
  return match ? `${match[1]!.padStart(2, '0')}:${match[2] ?? '00'}` : null;
}

/** A link to join a remote meeting: an https URL, nothing else. */
export function httpsLinkFrom(text: string | undefined): string | null {
  const trimmed = (text ?? '').trim();
  if (trimmed.length > MAX_ANSWER_LENGTH || /\s/.test(trimmed)) return null;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'https:' && url.hostname.includes('.') ? url.toString() : null;
  } catch {
    return null;
  }
}

/** True when free text carries a health detail: it is then neither kept nor sent. */
export function carriesHealthDetails(text: string | undefined): boolean {
  return !!text && containsHealthDetails(text).found;
}

/**
 * Tells why an answer is refused, then asks the question again: a prompt does not re-ask by itself once the turn
 * has already had a reply.
 */
export async function refuseAnswer(prompt: PromptValidatorContext<unknown>, reason: string): Promise<false> {
  await prompt.context.sendActivity(reason);
  if (prompt.options.prompt) await prompt.context.sendActivity(prompt.options.prompt);
  return false;
}

async function validateDay(prompt: PromptValidatorContext<string>): Promise<boolean> {
  const t = translatorOf(prompt.context);
  const day = dayFromText(prompt.recognized.value);
  if (!day) return refuseAnswer(prompt, t('errors.dayFormat'));
  const bounds = (prompt.options.validations ?? {}) as DayBounds;
  // IsoDate strings compare in calendar order.
  const broken = [
    bounds.notBefore && day < bounds.notBefore.day ? bounds.notBefore : undefined,
    bounds.notAfter && day > bounds.notAfter.day ? bounds.notAfter : undefined,
  ].find((bound) => bound !== undefined);
  if (broken) return refuseAnswer(prompt, t(broken.messageKey, { day: formatIsoDate(broken.day, t) }));
  // The prompt ends with the recognized value: the step after it receives the day as an IsoDate.
  prompt.recognized.value = day;
  return true;
}

/** The longest name or link the flow keeps; longer answers are refused. */
export const MAX_ANSWER_LENGTH = 300;
/** The longest place the flow keeps: a room, a floor, an address — short, so that nothing else fits in. */
export const MAX_PLACE_LENGTH = 120;

/**
 * A typed name or link: free text, screened before it is kept or sent (language/screen-free-text.ts) — no health
 * detail, no invisible character or line break, not empty, at most MAX_ANSWER_LENGTH characters. The step after
 * it receives the normalised text.
 */
export async function validateText(prompt: PromptValidatorContext<string>): Promise<boolean> {
  const t = translatorOf(prompt.context);
  const screened = screenFreeText(prompt.recognized.value ?? '', { maxLength: MAX_ANSWER_LENGTH });
  if (screened.ok && screened.value !== '') {
    prompt.recognized.value = screened.value;
    return true;
  }
  if (!screened.ok && screened.reason === 'health') return refuseAnswer(prompt, t('errors.health'));
  return refuseAnswer(prompt, t('errors.textLength', { max: MAX_ANSWER_LENGTH }));
}

/**
 * The prompts every step shares, added to each step's own dialog set — after the step's waterfall, since a
 * component dialog begins with the first dialog added.
 */
export function sharedPrompts() {
  return [
    new TextPrompt(DAY_PROMPT, validateDay),
    new TextPrompt(TEXT_PROMPT, validateText),
    new ChoicePrompt(CHOICE_PROMPT, undefined, PROMPT_DEFAULT_LOCALE),
    new ConfirmPrompt(CONFIRM_PROMPT, undefined, PROMPT_DEFAULT_LOCALE),
  ];
}

/**
 * Choices shown with the label in the user's language: the label is also the choice's value, because Teams' hero
 * card buttons show the value, not the action's title. `chosenCode` turns the answer back into the domain's code.
 */
export function labelledChoices(t: Translator, labelsKey: string, values: readonly string[]): Choice[] {
  return values.map((value) => {
    const title = t(`${labelsKey}.${value}`);
    return { value: title, action: { type: 'imBack', title, value: title }, synonyms: [value] };
  });
}

/** A choice question whose unrecognised answer gets a hint with the expected form, then the choices again. */
export function choiceQuestion(
  t: Translator,
  question: string,
  labelsKey: string,
  values: readonly string[],
): PromptOptions {
  const choices = labelledChoices(t, labelsKey, values);
  return {
    prompt: question,
    choices,
    retryPrompt: `${t('errors.choice', { example: choices[0]?.value ?? '' })}\n\n${question}`,
  };
}

/** A yes/no question whose unrecognised answer gets the hint "oui or non". */
export function confirmQuestion(t: Translator, question: string): PromptOptions {
  return { prompt: question, retryPrompt: `${t('errors.yesNo')}\n\n${question}` };
}

/** The domain's code of the choice the person made among `labelledChoices(…, values)`. */
export function chosenCode<T extends string>(values: readonly T[], result: unknown): T {
  const code = values[(result as FoundChoice).index];
  if (code === undefined) throw new Error('a choice outside the offered ones');
  return code;
}

/** A waterfall's scratch answers (`step.values`), typed for the dialog that fills them. */
export function scratchOf<T extends object>(step: WaterfallStepContext<object>): Partial<T> {
  return step.values as Partial<T>;
}

// ---------------------------------------------------------------------------------------------------------------
// The date check, the same for the dialog and the form: the engine's meetingDateCheck, nothing by hand.

/** What the date check needs from a draft. */
export interface DateSource {
  requestDate: IsoDate;
  contract?: { end?: IsoDate };
  absences?: Absence[];
  policy?: Partial<Policy>;
}

/** The engine's check of `day` as the meeting (the SPST told and the proposal sent today). */
export function checkMeetingDay(source: DateSource, day: IsoDate, today: IsoDate): MeetingPlan {
  return meetingDateCheck(
    {
      requestDate: source.requestDate,
      contract: source.contract ?? {},
      absences: source.absences ?? [],
      meeting: { date: day },
    },
    today,
    source.policy,
  );
}

/** The window (earliest, latest, no valid date, lateness of the proposal): the date check of today's date. */
export function meetingWindow(source: DateSource, today: IsoDate): MeetingPlan {
  return checkMeetingDay(source, today, today);
}

/** The first valid business day on or after `from` for the same check, else the first one at all; null if none. */
export function nearestMeetingDay(source: DateSource, today: IsoDate, from?: IsoDate): IsoDate | null {
  const leaveEnd = leaveEndOn(source.absences ?? [], today);
  const input: PlanInput = {
    requestDate: source.requestDate,
    spstNoticeDate: today,
    proposalDate: today,
    ...(leaveEnd ? { leaveEnd } : {}),
    ...(source.contract?.end ? { contractEnd: source.contract.end } : {}),
    ...(source.policy ? { policy: source.policy } : {}),
  };
  return (from ? nearestValidMeetingDate({ ...input, from }) : null) ?? nearestValidMeetingDate(input);
}

/** Meeting warnings only: a warning about the proposal's deadline is not about the meeting's day. */
export const MEETING_WARNINGS = ['weekend', 'public_holiday'] as const;

/** The proposal is late: by how many days, the day it was due, and what to do now (R-DL-01). */
export function proposalLateness(t: Translator, plan: MeetingPlan): string | null {
  if (plan.proposalDaysLate <= 0) return null;
  return t('meeting.proposalLate', {
    count: plan.proposalDaysLate,
    days: plan.proposalDaysLate,
    due: formatIsoDate(plan.proposalDue, t),
  });
}

/** R-DL-04: no valid day — what to do instead (the pré-reprise visit, the visite de reprise). */
export function noValidDateText(t: Translator, plan: MeetingPlan): string {
  return t('meeting.noValidDate', {
    earliest: formatIsoDate(plan.earliestMeetingDate, t),
    latest: plan.latestMeetingDate ? formatIsoDate(plan.latestMeetingDate, t) : '',
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Contracts

/** R-ELIG-10: contracts outside the rendez-vous de liaison. */
export const EXCLUDED_CONTRACT_KINDS: readonly ContractKind[] = [
  'fonctionnaire',
  'contractuel_droit_public',
  'stagiaire',
  'independant',
];

export const isExcludedContract = (kind: ContractKind): boolean => !COVERED_CONTRACT_KINDS.includes(kind);

// ---------------------------------------------------------------------------------------------------------------
// Opening the case

/** The person talking, as CaseService knows callers. */
export function callerOf(context: TurnContext): CaseCaller {
  const { from } = context.activity;
  return {
    aadObjectId: from.aadObjectId ?? from.id,
    ...(from.name ? { name: from.name } : {}),
    via: 'teams',
  };
}

/** The case to open from a complete draft: the tenant from the activity, the manager the EMPLOYEE's. */
export function openRequestOf(draft: CaseDraft, caseId: string, context: TurnContext): OpenCaseRequest {
  const { employee, initiator, requestDate, meeting, spstAttendance, contract, absences } = draft;
  if (
    !employee ||
    !initiator ||
    !requestDate ||
    !meeting?.date ||
    !meeting.time ||
    !meeting.mode ||
    !spstAttendance ||
    !contract
  ) {
    throw new Error('The case draft is incomplete');
  }
  const tenantId = companyOfActivity(context.activity)?.tenantId ?? '';
  const manager = managerOf(draft, context);
  return {
    caseId,
    tenantId,
    // One company per tenant until companies are configured separately.
    companyId: tenantId,
    initiator,
    requestDate,
    employee,
    ...(manager ? { manager } : {}),
    contract,
    absences: absences ?? [],
    meeting: {
      date: meeting.date,
      time: meeting.time,
      mode: meeting.mode,
      ...(meeting.mode === 'on_site' && meeting.place ? { place: meeting.place } : {}),
      ...(meeting.mode === 'remote' && meeting.link ? { link: meeting.link } : {}),
    },
    spstAttendance,
    referentOffered: draft.referentOffered ?? true,
    ...(draft.requestId ? { requestId: draft.requestId } : {}),
  };
}

/** The employee's manager: named in the draft, or the opener when they open it as that manager. */
function managerOf(draft: CaseDraft, context: TurnContext): CasePerson | undefined {
  if (draft.manager) return draft.manager;
  if (draft.openerRole !== 'manager') return undefined;
  const { from } = context.activity;
  return { aadObjectId: from.aadObjectId ?? from.id, name: from.name ?? '' };
}

/** Every refusal of the engine in a plain sentence, with what to do next. */
export function refusalText(
  t: Translator,
  outcome: Extract<CaseOutcome, { outcome: 'refused' }>,
  source?: DateSource,
  today?: IsoDate,
): string {
  const lines = [t(`refusals.${outcome.reason}`, { caseId: outcome.openCaseId ?? '' })];
  if (outcome.reason === 'not_eligible') {
    lines.push(...outcome.details.map((note) => `- ${t(`eligibilityNotes.${note}`)}`));
  }
  if (outcome.reason === 'meeting_invalid') {
    lines.push(...outcome.details.map((problem) => `- ${t(`planProblems.${problem}`)}`));
    const nearest = source && today ? nearestMeetingDay(source, today) : null;
    if (nearest) lines.push(t('meeting.nearest', { day: formatIsoDate(nearest, t) }));
  }
  return lines.join('\n\n');
}
