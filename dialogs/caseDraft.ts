import type { TurnContext } from 'botbuilder';
import {
  ChoicePrompt,
  ConfirmPrompt,
  TextPrompt,
  type Choice,
  type FoundChoice,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type {
  CaseStartRequest,
  CompanySettingsStore,
  StartCaseResult as CaseStartResult,
} from '../bot/caseFlow';
import { translatorFor, type Translator } from '../bot/i18n';
import { formatIsoDate } from '../cards/caseCards';
import type { NewLiaisonCase } from '../bot/cases/model';
import {
  COUNTING_ABSENCE_KINDS,
  isIsoDate,
  type Absence,
  type ContractKind,
  type IsoDate,
  type Policy,
} from '../domain';

/** What the manager has answered so far; kept in conversation state, so plain JSON only. */
export interface CaseDraft {
  /** The email is unknown when the flow starts from an employee's own request (they gave none). */
  employee?: { name: string; email?: string; aadObjectId?: string };
  contract?: { kind: ContractKind; end?: IsoDate };
  absences?: Absence[];
  initiator?: NewLiaisonCase['initiator'];
  requestDate?: IsoDate;
  meeting?: NewLiaisonCase['meeting'];
  spstAttendance?: NewLiaisonCase['spst']['attendance'];
  /** Whether the invitation offers the employee the référent handicap (step 6, from `referentHandicap`). */
  referentOffered?: boolean;
  /** The company's policy (its settings), read when the flow starts: every rule of the flow applies it. */
  policy?: Partial<Policy>;
  /** The employee's own request the flow answers: who and when are known, so those steps are skipped. */
  requestId?: string;
}

/** What an acknowledged employee request tells the flow before it starts. */
export type CasePrefill = Required<Pick<CaseDraft, 'employee' | 'initiator' | 'requestDate' | 'requestId'>>;

/** Every step dialog begins with the draft and ends with its answers, or with a stop (nothing is created). */
export interface StepOptions {
  draft: CaseDraft;
}
export type StepOutcome = { answers: Partial<CaseDraft> } | { stop: true } | { backTo: string };

// What the summary hands to `startCase`, and its answer, are the case flow's own types.
export type { CaseStartRequest, StartCaseResult as CaseStartResult } from '../bot/caseFlow';

/** The last day of the known sick leave: the latest end among the absences that count. */
export function leaveEndOf(draft: CaseDraft): IsoDate | undefined {
  const sickLeaveEnds = (draft.absences ?? [])
    .filter((absence) => COUNTING_ABSENCE_KINDS.includes(absence.kind))
    .map((absence) => absence.end)
    .sort();
  return sickLeaveEnds[sickLeaveEnds.length - 1];
}

export interface CaseDialogDeps {
  /** The clock: every "today" is `parisToday(now())`. */
  now: () => Date;
  /** Stores the case and queues the invitation and the SPST notice; may refuse, or throw when it cannot. */
  startCase: (request: CaseStartRequest, context: TurnContext) => Promise<CaseStartResult>;
  /** The company's settings: the headcount and référent designation are asked once, then remembered there. */
  companySettings?: Pick<CompanySettingsStore, 'get' | 'upsert'>;
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

/** The longest name, place or link the flow keeps; longer answers are refused. */
export const MAX_ANSWER_LENGTH = 300;

async function validateText(prompt: PromptValidatorContext<string>): Promise<boolean> {
  const answer = (prompt.recognized.value ?? '').trim();
  if (answer !== '' && answer.length <= MAX_ANSWER_LENGTH) return true;
  return refuseAnswer(prompt, translatorOf(prompt.context)('errors.textLength', { max: MAX_ANSWER_LENGTH }));
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
