// The manager's one-card case form: checked on submit as the case engine will, then a summary to send.
import { randomUUID } from 'node:crypto';
import { MessageFactory, type TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { companyOfActivity, ENTRA_OBJECT_ID } from '../bot/services/access';
import type { CaseOutcome, CompanySettings } from '../bot/services/caseFlow';
import { CASE_FORM_WORDS, recognizeWord } from '../language/commands';
import type { Translator } from '../language/i18n';
import { cardAttachment } from '../cards';
import { formatIsoDate } from '../language/dates';
import { escapeMarkdown } from '../cards/markdown';
import {
  ABSENCE_KINDS,
  CONTRACT_KINDS,
  isIsoDate,
  parisToday,
  referentHandicap,
  type Absence,
  type AbsenceKind,
  type ContractKind,
  type IsoDate,
} from '../domain';
import {
  MAX_ANSWER_LENGTH,
  MAX_PLACE_LENGTH,
  MEETING_WARNINGS,
  callerOf,
  carriesHealthDetails,
  checkMeetingDay,
  httpsLinkFrom,
  isExcludedContract,
  meetingWindow,
  nearestMeetingDay,
  noValidDateText,
  openRequestOf,
  proposalLateness,
  refusalText,
  timeFromText,
  translatorOf,
  type CaseDialogDeps,
  type CaseDraft,
  type CasePrefill,
  type OpenerRole,
} from './caseDraft';
import { isFixedTerm } from './contractDialog';
import { assessmentOf, describeAssessment, eligibleLaterOn } from './eligibilityDialog';
import { dateSourceOf, MODES } from './meetingDialog';
import { EMAIL_SHAPE } from './personPrompt';
import { summaryFacts } from './summaryDialog';
import { SPST_ATTENDANCE } from './attendeesDialog';

export const CASE_FORM_DIALOG = 'caseForm';
/** Absence rows of the form: the first shown, the next ones one "add a period" away. */
export const MAX_ABSENCE_ROWS = 4;
/** The kind that empties an absence row: how a period is removed. */
export const NO_ABSENCE = 'none';

/** The form's verbs (`data.caseForm` of its Action.Submit buttons, and of the summary's). */
export type CaseFormVerb = 'submit' | 'guided' | 'cancel' | 'remind' | 'confirm' | 'edit';
const VERBS: readonly CaseFormVerb[] = ['submit', 'guided', 'cancel', 'remind', 'confirm', 'edit'];

/** A submission of the form or of its summary (`data.caseForm`), current or from a card no longer under way. */
export function isCaseFormSubmit(value: unknown): boolean {
  return typeof (value as { caseForm?: unknown } | undefined)?.caseForm === 'string';
}

/** The input ids of the form, each one string as Teams sends it. */
export const FORM_INPUTS = [
  'employee',
  'employeeName',
  'employeeEmail',
  'manager',
  'managerName',
  'contractKind',
  'contractEnd',
  ...Array.from({ length: MAX_ABSENCE_ROWS }, (_, i) => [
    `absenceKind${i + 1}`,
    `absenceStart${i + 1}`,
    `absenceEnd${i + 1}`,
  ]).flat(),
  'initiator',
  'requestDate',
  'meetingDate',
  'meetingTime',
  'meetingMode',
  'meetingPlace',
  'meetingLink',
  'spstAttendance',
] as const;
export type FormValues = Partial<Record<(typeof FORM_INPUTS)[number], string>>;

/** Where an error is shown: under the field it concerns (`form` at the top). */
export type FormField =
  | 'form'
  | 'employee'
  | 'manager'
  | 'contract'
  | 'contractEnd'
  | `absence${number}`
  | 'absences'
  | 'initiator'
  | 'requestDate'
  | 'meetingDate'
  | 'meetingTime'
  | 'meetingMode'
  | 'meetingWhere'
  | 'spst';
export type FormErrors = Partial<Record<FormField, string>>;

interface FormState {
  values: FormValues;
  prefill?: CasePrefill;
  policy?: CompanySettings['policy'];
  /** Set once the form passed every check: the case id of this confirmation and the draft it confirms. */
  confirm?: { caseId: string; draft: CaseDraft };
}

/**
 * The manager's one-card form (cards/caseForm.json): the employee and their manager (people pickers), the
 * contract, up to four absence periods, who initiated and when, the meeting (day, time, on site or remote, where)
 * and the SPST's attendance. On submit it is checked like the engine will (assessEligibility, then the engine's
 * date check) and the card comes back with the values kept and each problem under its field, the nearest valid day
 * proposed; once clean, the summary with "send" — then CaseService.open. Command → form → (corrected form) →
 * confirm: at most four interactions. "pas à pas" switches to the guided dialog.
 */
export class CaseFormDialog extends Dialog {
  constructor(
    private readonly deps: CaseDialogDeps,
    private readonly guidedDialogId: string,
  ) {
    super(CASE_FORM_DIALOG);
  }

  override async beginDialog(
    dc: DialogContext,
    options?: { prefill?: CasePrefill },
  ): Promise<DialogTurnResult> {
    const company = companyOfActivity(dc.context.activity);
    const settings: CompanySettings =
      company && this.deps.companySettings
        ? await this.deps.companySettings.get(company.tenantId, company.companyId)
        : {};
    const state: FormState = {
      values: options?.prefill ? valuesOfPrefill(options.prefill) : { spstAttendance: 'attend' },
      ...(options?.prefill ? { prefill: options.prefill } : {}),
      ...(settings.policy ? { policy: settings.policy } : {}),
    };
    dc.activeDialog!.state.form = state;
    const t = translatorOf(dc.context);
    await dc.context.sendActivity(t('form.intro'));
    await sendForm(dc.context, state, {});
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state.form as FormState;
    const { context } = dc;
    const t = translatorOf(context);
    const value = context.activity.value as
      { caseForm?: unknown; caseId?: unknown; day?: unknown } | undefined;
    const verb = VERBS.find((known) => known === value?.caseForm);
    if (!verb) return this.onText(dc, state);
    switch (verb) {
      case 'cancel':
        await context.sendActivity(t('cancelled'));
        return dc.endDialog();
      case 'guided':
        return dc.replaceDialog(this.guidedDialogId, state.prefill ? { prefill: state.prefill } : undefined);
      case 'edit':
        delete state.confirm;
        await sendForm(context, state, {});
        return Dialog.EndOfTurn;
      case 'remind':
        return this.remind(dc, state, typeof value?.day === 'string' ? value.day : '');
      case 'confirm':
        if (!state.confirm || value?.caseId !== state.confirm.caseId) {
          await context.sendActivity(t('form.staleConfirm'));
          return Dialog.EndOfTurn;
        }
        return this.open(dc, state);
      case 'submit':
        return this.submit(dc, state, value as Record<string, unknown>);
    }
  }

  /** Text while the card is out: cancel, switch to the guided dialog, a question, or a hint to use the card. */
  private async onText(dc: DialogContext, state: FormState): Promise<DialogTurnResult> {
    const { context } = dc;
    const t = translatorOf(context);
    const text = (context.activity.text ?? '').trim();
    const word = recognizeWord(text.replace(/['’-]/g, ' '), CASE_FORM_WORDS);
    if (word === 'cancel') {
      await context.sendActivity(t('cancelled'));
      return dc.endDialog();
    }
    if (word === 'guided') {
      return dc.replaceDialog(this.guidedDialogId, state.prefill ? { prefill: state.prefill } : undefined);
    }
    if (carriesHealthDetails(text)) {
      await context.sendActivity(t('errors.health'));
      return Dialog.EndOfTurn;
    }
    if (/[?？]\s*$/.test(text) && text.length > 1 && (await this.deps.answerQuestion?.(context))) {
      await context.sendActivity(t('form.resume'));
      return Dialog.EndOfTurn;
    }
    await context.sendActivity(t('form.useCard'));
    return Dialog.EndOfTurn;
  }

  private async submit(
    dc: DialogContext,
    state: FormState,
    submitted: Record<string, unknown>,
  ): Promise<DialogTurnResult> {
    const { context } = dc;
    const t = translatorOf(context);
    const values = valuesOfSubmission(submitted);
    // A typed value with a health detail is refused under its field and never kept, nor shown back.
    state.values = Object.fromEntries(
      Object.entries(values).map(([id, value]) => [id, carriesHealthDetails(value) ? '' : value]),
    ) as FormValues;
    delete state.confirm;
    const today = parisToday(this.deps.now());
    const { draft, errors, remindDay } = checkCaseForm(t, values, {
      today,
      ...(state.prefill ? { prefill: state.prefill } : {}),
      ...(state.policy ? { policy: state.policy } : {}),
    });
    if (!errors.employee && draft.employee && !state.prefill) {
      const role: OpenerRole = this.deps.mayOpenFor
        ? await this.deps.mayOpenFor(context, draft.employee)
        : 'hr';
      if (!role) errors.employee = t('access.hrOpens', { name: escapeMarkdown(draft.employee.name) });
      else draft.openerRole = role;
    }
    if (Object.keys(errors).length > 0) {
      await sendForm(context, state, errors, remindDay);
      return Dialog.EndOfTurn;
    }
    draft.referentOffered = await this.referentOffered(context);
    state.confirm = { caseId: randomUUID(), draft };
    const notices = [
      ...(draft.contract?.kind === 'interim' ? [t('interim.formNotice')] : []),
      ...meetingNotices(t, draft, today),
    ];
    if (notices.length > 0) await context.sendActivity(notices.join('\n\n'));
    const facts = summaryFacts(t, draft);
    const actions = [
      { title: t('form.send'), data: { caseForm: 'confirm', caseId: state.confirm.caseId } },
      { title: t('form.change'), data: { caseForm: 'edit' } },
    ];
    const speak = facts.map(({ title, value }) => `${title} : ${value}`).join('. ');
    await context.sendActivity(
      MessageFactory.attachment(cardAttachment('caseSummary', t, { facts, speak, actions })),
    );
    return Dialog.EndOfTurn;
  }

  private async open(dc: DialogContext, state: FormState): Promise<DialogTurnResult> {
    const { context } = dc;
    const t = translatorOf(context);
    const { caseId, draft } = state.confirm!;
    let outcome: CaseOutcome;
    try {
      outcome = await this.deps.openCase(openRequestOf(draft, caseId, context), callerOf(context));
    } catch {
      // The same card, the same case id: pressing "send" again cannot open two cases.
      await context.sendActivity(t('summary.failed'));
      return Dialog.EndOfTurn;
    }
    if (outcome.outcome !== 'refused') {
      await context.sendActivity(t('summary.sent'));
      return dc.endDialog();
    }
    const today = parisToday(this.deps.now());
    const message = refusalText(t, outcome, dateSourceOf(draft, today), today);
    delete state.confirm;
    await sendForm(context, state, { [fieldOfRefusal(outcome.reason)]: message });
    if (outcome.openCaseId) await this.deps.showCase?.(context, outcome.openCaseId);
    return Dialog.EndOfTurn;
  }

  private async remind(dc: DialogContext, state: FormState, day: string): Promise<DialogTurnResult> {
    const { context } = dc;
    const t = translatorOf(context);
    const company = companyOfActivity(context.activity);
    if (!isIsoDate(day) || !this.deps.remindOn || !company) {
      await sendForm(context, state, {});
      return Dialog.EndOfTurn;
    }
    const shown = formatIsoDate(day, t);
    await this.deps.remindOn({
      tenantId: company.tenantId,
      aadObjectId: callerOf(context).aadObjectId,
      day,
      text: t('eligibility.reminderText', {
        name: escapeMarkdown(state.values.employeeName ?? ''),
        day: shown,
      }),
    });
    await context.sendActivity(t('eligibility.reminderSet', { day: shown }));
    return dc.endDialog();
  }

  private async referentOffered(context: TurnContext): Promise<boolean> {
    const company = companyOfActivity(context.activity);
    if (!company || !this.deps.companySettings) return true;
    const { headcount, referentDesignated, policy } = await this.deps.companySettings.get(
      company.tenantId,
      company.companyId,
    );
    if (headcount === undefined || referentDesignated === undefined) return true;
    return referentHandicap({ headcount, designated: referentDesignated, employeeAsked: false, policy })
      .canBeOffered;
  }
}

/** The field a refusal of the engine is shown under. */
function fieldOfRefusal(reason: string): FormField {
  switch (reason) {
    case 'not_allowed':
    case 'open_case_exists':
      return 'employee';
    case 'not_eligible':
      return 'absences';
    case 'meeting_invalid':
      return 'meetingDate';
    case 'reoffer_too_soon':
    case 'reoffer_limit':
      return 'initiator';
    default:
      return 'form';
  }
}

/** The late proposal and the meeting day's own warnings (weekend, public holiday), said before the confirmation. */
function meetingNotices(t: Translator, draft: CaseDraft, today: IsoDate): string[] {
  const source = dateSourceOf(draft, today);
  const late = proposalLateness(t, meetingWindow(source, today));
  const plan = checkMeetingDay(source, draft.meeting!.date!, today);
  const warnings = plan.warnings
    .filter((warning) => (MEETING_WARNINGS as readonly string[]).includes(warning))
    .map((warning) => t(`planWarnings.${warning}`));
  return [...(late ? [late] : []), ...warnings];
}

function valuesOfPrefill(prefill: CasePrefill): FormValues {
  return {
    employee: prefill.employee.aadObjectId ?? '',
    employeeName: prefill.employee.name,
    employeeEmail: prefill.employee.email ?? '',
    manager: prefill.manager?.aadObjectId ?? '',
    managerName: prefill.manager?.name ?? '',
    initiator: prefill.initiator,
    requestDate: prefill.requestDate,
    spstAttendance: 'attend',
  };
}

function valuesOfSubmission(submitted: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const id of FORM_INPUTS) {
    const raw = submitted[id];
    // Teams sends every input as a string; anything longer than a field may hold is cut, never kept whole.
    if (typeof raw === 'string' && raw.trim() !== '') values[id] = raw.trim().slice(0, MAX_ANSWER_LENGTH + 1);
  }
  return values;
}

const oneOf = <T extends string>(values: readonly T[], value: string | undefined): T | undefined =>
  values.find((known) => known === value);

/**
 * The form's answers checked as the engine will check them: each problem under its field, in the user's
 * language. Returns the draft (complete only when there is no error) and, when the employee will be eligible
 * later in this leave, the day a reminder can be set for.
 */
export function checkCaseForm(
  t: Translator,
  values: FormValues,
  context: { today: IsoDate; prefill?: CasePrefill; policy?: CaseDraft['policy'] },
): { draft: CaseDraft; errors: FormErrors; remindDay: string } {
  const { today, prefill } = context;
  const errors: FormErrors = {};
  const draft: CaseDraft = { ...(context.policy ? { policy: context.policy } : {}) };
  const screened = (
    text: string | undefined,
    field: FormField,
    max = MAX_ANSWER_LENGTH,
  ): string | undefined => {
    if (text === undefined) return undefined;
    if (text.length > max) {
      errors[field] = t('errors.textLength', { max });
      return undefined;
    }
    if (carriesHealthDetails(text)) {
      errors[field] = t('errors.health');
      return undefined;
    }
    return text;
  };

  // The employee and their manager: from the request when the form answers one, else from the pickers.
  if (prefill) {
    draft.employee = prefill.employee;
    if (prefill.manager) draft.manager = prefill.manager;
    draft.initiator = prefill.initiator;
    draft.requestDate = prefill.requestDate;
    draft.requestId = prefill.requestId;
  } else {
    const picked = ENTRA_OBJECT_ID.test(values.employee ?? '') ? values.employee : undefined;
    const name = screened(values.employeeName, 'employee');
    const email = values.employeeEmail;
    if (!errors.employee) {
      if (!name) errors.employee = t('form.errors.employeeName');
      else if (email && !EMAIL_SHAPE.test(email)) errors.employee = t('errors.email');
      else if (!email && !picked) errors.employee = t('form.errors.employeeEmail');
      else draft.employee = { name, ...(email ? { email } : {}), ...(picked ? { aadObjectId: picked } : {}) };
    }
    const managerId = ENTRA_OBJECT_ID.test(values.manager ?? '') ? values.manager : undefined;
    const managerName = screened(values.managerName, 'manager');
    if (!errors.manager && (managerId || managerName)) {
      draft.manager = { name: managerName ?? '', ...(managerId ? { aadObjectId: managerId } : {}) };
    }
    const initiator = oneOf(['employer', 'employee'] as const, values.initiator);
    if (!initiator) errors.initiator = t('form.errors.initiator');
    else draft.initiator = initiator;
    if (!values.requestDate || !isIsoDate(values.requestDate))
      errors.requestDate = t('form.errors.requestDate');
    else if (values.requestDate > today)
      errors.requestDate = t('errors.dayInFuture', { day: formatIsoDate(today, t) });
    else draft.requestDate = values.requestDate;
  }

  // The contract: an excluded one (R-ELIG-10) is said at once; a fixed-term one needs its end.
  const kind = oneOf(CONTRACT_KINDS, values.contractKind) as ContractKind | undefined;
  if (!kind) errors.contract = t('form.errors.contract');
  else if (isExcludedContract(kind)) errors.contract = t(`excludedContracts.${kind}`);
  else if (isFixedTerm(kind) && !(values.contractEnd && isIsoDate(values.contractEnd)))
    errors.contractEnd = t('form.errors.contractEnd');
  else
    draft.contract = {
      kind,
      ...(values.contractEnd && isFixedTerm(kind) ? { end: values.contractEnd } : {}),
    };

  // The absences: a row counts once its kind is chosen; "none" empties it.
  const absences: Absence[] = [];
  for (let row = 1; row <= MAX_ABSENCE_ROWS; row += 1) {
    const rowKind = values[`absenceKind${row}` as keyof FormValues];
    const start = values[`absenceStart${row}` as keyof FormValues];
    const end = values[`absenceEnd${row}` as keyof FormValues];
    if ((!rowKind || rowKind === NO_ABSENCE) && (rowKind === NO_ABSENCE || (!start && !end))) continue;
    const absenceKind = oneOf(ABSENCE_KINDS, rowKind) as AbsenceKind | undefined;
    const field = `absence${row}` as FormField;
    if (!absenceKind) errors[field] = t('form.errors.absenceKind');
    else if (!start || !isIsoDate(start) || !end || !isIsoDate(end))
      errors[field] = t('form.errors.absenceDays');
    else if (end < start) errors[field] = t('errors.endBeforeStart', { day: formatIsoDate(start, t) });
    else absences.push({ kind: absenceKind, start, end });
  }
  if (absences.length === 0 && !Object.keys(errors).some((field) => field.startsWith('absence')))
    errors.absence1 = t('form.errors.noAbsence');
  draft.absences = absences;

  // Eligibility, as the engine will decide it: no override.
  let remindDay = '';
  const rowsOk = !Object.keys(errors).some((field) => field.startsWith('absence'));
  if (draft.contract && rowsOk) {
    const assessment = assessmentOf(draft, today);
    if (!assessment.eligible) {
      const later = eligibleLaterOn(assessment, today);
      remindDay = later ?? '';
      errors.absences = [
        describeAssessment(t, assessment, today),
        later ? t('eligibility.comeBack', { day: formatIsoDate(later, t) }) : '',
      ]
        .filter(Boolean)
        .join('\n\n');
    }
  }

  // The meeting: the engine's date check, the nearest valid day when it refuses.
  const date = values.meetingDate;
  const time = timeFromText(values.meetingTime);
  const mode = oneOf(MODES, values.meetingMode);
  if (!time) errors.meetingTime = t('errors.timeFormat');
  if (!mode) errors.meetingMode = t('form.errors.mode');
  const meeting: NonNullable<CaseDraft['meeting']> = { ...(time ? { time } : {}), ...(mode ? { mode } : {}) };
  if (mode === 'on_site') {
    const place = screened(values.meetingPlace, 'meetingWhere', MAX_PLACE_LENGTH);
    if (!errors.meetingWhere && !place) errors.meetingWhere = t('form.errors.place');
    else if (place) meeting.place = place;
  } else if (mode === 'remote') {
    const link = httpsLinkFrom(values.meetingLink);
    if (!link) errors.meetingWhere = t('errors.link');
    else meeting.link = link;
  }
  if (!date || !isIsoDate(date)) {
    errors.meetingDate = t('form.errors.meetingDate');
  } else {
    meeting.date = date;
    if (draft.requestDate && draft.contract && rowsOk && !errors.absences) {
      const source = dateSourceOf(draft, today);
      const plan = checkMeetingDay(source, date, today);
      if (plan.problems.includes('no_valid_date')) {
        errors.meetingDate = noValidDateText(t, plan);
      } else if (!plan.meetingValid) {
        const nearest = nearestMeetingDay(source, today, date);
        errors.meetingDate = [
          t('meeting.refused', { day: formatIsoDate(date, t) }),
          ...plan.problems.map((problem) => `- ${t(`planProblems.${problem}`)}`),
          ...(nearest ? [t('meeting.nearest', { day: formatIsoDate(nearest, t) })] : []),
        ].join('\n\n');
      }
    }
  }
  draft.meeting = meeting;

  const spst = oneOf(SPST_ATTENDANCE, values.spstAttendance);
  if (!spst) errors.spst = t('form.errors.spst');
  else draft.spstAttendance = spst;

  return { draft, errors, remindDay };
}

/** The form card, bound: the values kept, each error under its field. */
export function caseFormCard(
  t: Translator,
  state: Pick<FormState, 'values' | 'prefill'>,
  errors: FormErrors,
  remindDay = '',
) {
  const { values, prefill } = state;
  const error = (field: FormField) => errors[field] ?? '';
  const picked = (id: string | undefined, name: string | undefined) =>
    id && ENTRA_OBJECT_ID.test(id)
      ? [{ title: name || t('personPicker.personPicked', { ns: 'cards' }), value: id }]
      : [];
  const choices = (labelsKey: string, codes: readonly string[]) =>
    codes.map((code) => ({ title: t(`${labelsKey}.${code}`), value: code }));
  const absenceRows = Array.from({ length: MAX_ABSENCE_ROWS }, (_, i) => {
    const row = i + 1;
    const kind = values[`absenceKind${row}` as keyof FormValues] ?? '';
    const start = values[`absenceStart${row}` as keyof FormValues] ?? '';
    const end = values[`absenceEnd${row}` as keyof FormValues] ?? '';
    const rowError = error(`absence${row}`);
    const filled = (kind !== '' && kind !== NO_ABSENCE) || start !== '' || end !== '' || rowError !== '';
    return {
      containerId: `absenceRow${row}`,
      kindId: `absenceKind${row}`,
      startId: `absenceStart${row}`,
      endId: `absenceEnd${row}`,
      title: t('form.absenceTitle', { number: row }),
      kind,
      start,
      end,
      error: rowError,
      visible: row === 1 || filled,
      addTarget: row < MAX_ABSENCE_ROWS ? `absenceRow${row + 1}` : '',
    };
  });
  const lockedFacts = prefill
    ? [
        { title: t('summary.labels.employee'), value: escapeMarkdown(prefill.employee.name) },
        {
          title: t('summary.labels.manager'),
          value: prefill.manager ? escapeMarkdown(prefill.manager.name) : t('summary.values.noManager'),
        },
        {
          title: t('summary.labels.initiator'),
          value: t('summary.values.initiator', {
            initiator: t(`initiators.${prefill.initiator}`),
            day: formatIsoDate(prefill.requestDate, t),
          }),
        },
      ]
    : [];
  return cardAttachment('caseForm', t, {
    locked: !!prefill,
    lockedFacts,
    values: Object.fromEntries(FORM_INPUTS.map((id) => [id, values[id] ?? ''])),
    errors: Object.fromEntries(
      [
        'form',
        'employee',
        'manager',
        'contract',
        'contractEnd',
        'absences',
        'initiator',
        'requestDate',
        'meetingDate',
        'meetingTime',
        'meetingMode',
        'meetingWhere',
        'spst',
      ].map((field) => [field, error(field as FormField)]),
    ),
    employeeChoices: picked(values.employee, values.employeeName),
    managerChoices: picked(values.manager, values.managerName),
    contractChoices: choices('contractKinds', CONTRACT_KINDS),
    absenceChoices: [
      ...choices('absenceKinds', ABSENCE_KINDS),
      { title: t('form.noAbsence'), value: NO_ABSENCE },
    ],
    initiatorChoices: choices('initiators', ['employer', 'employee']),
    modeChoices: choices('modes', MODES),
    spstChoices: choices('spstAttendance', SPST_ATTENDANCE),
    absenceRows,
    remindDay,
    remindLabel: remindDay ? t('form.remind', { day: formatIsoDate(remindDay, t) }) : '',
    emailPattern: EMAIL_SHAPE.source,
    maxPlace: MAX_PLACE_LENGTH,
  });
}

async function sendForm(
  context: TurnContext,
  state: FormState,
  errors: FormErrors,
  remindDay = '',
): Promise<void> {
  const t = translatorOf(context);
  if (Object.keys(errors).length > 0) await context.sendActivity(t('form.fixErrors'));
  await context.sendActivity(MessageFactory.attachment(caseFormCard(t, state, errors, remindDay)));
}
