// The guided flow's summary: confirm and open the case, or change one answer.
import { randomUUID } from 'node:crypto';
import { MessageFactory, type TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog } from 'botbuilder-dialogs';
import type { Translator } from '../language/i18n';
import type { CaseOutcome } from '../bot/services/caseFlow';
import { cardAttachment } from '../cards';
import { formatIsoDate } from '../language/dates';
import { escapeMarkdown } from '../cards/markdown';
import { parisToday } from '../domain';
import {
  CHOICE_PROMPT,
  CONFIRM_PROMPT,
  callerOf,
  choiceQuestion,
  chosenCode,
  confirmQuestion,
  meetingWindow,
  openRequestOf,
  proposalLateness,
  refusalText,
  sharedPrompts,
  translatorOf,
  type CaseDialogDeps,
  type CaseDraft,
  type StepOptions,
  type StepOutcome,
} from './caseDraft';
import { dateSourceOf, MEETING_DIALOG } from './meetingDialog';

export const SUMMARY_DIALOG = 'summary';

interface SummaryOptions extends StepOptions {
  /** Kept across a retry after a failure: a retried opening opens nothing twice. */
  caseId?: string;
}

/** What "non" on the summary offers to change, and the steps that ask it again. */
export const EDITABLE_FIELDS: Record<string, { steps: string[]; applies?: (draft: CaseDraft) => boolean }> = {
  employee: { steps: ['who', 'manager'], applies: (draft) => !draft.requestId },
  manager: { steps: ['manager'], applies: (draft) => !draft.requestId && draft.openerRole === 'hr' },
  contract: { steps: ['contract', 'interim', 'contractEnd', 'eligibility'] },
  absences: { steps: ['absencesStep', 'eligibility'] },
  initiator: { steps: ['initiator', 'requestDate'], applies: (draft) => !draft.requestId },
  meetingDay: { steps: [MEETING_DIALOG] },
  meetingTime: { steps: ['meetingTime'] },
  where: { steps: ['meetingMode', 'meetingWhere'] },
  spst: { steps: ['attendees'] },
  cancel: { steps: [] },
};

const editableFieldsOf = (draft: CaseDraft) =>
  Object.keys(EDITABLE_FIELDS).filter((field) => EDITABLE_FIELDS[field]!.applies?.(draft) ?? true);

/**
 * The summary: everything on one card; "oui" hands the case to CaseService.open (through `deps.openCase`) with a
 * case id generated once per confirmation; "non" offers to change one answer, the others kept.
 */
export class SummaryDialog extends ComponentDialog {
  constructor(deps: Pick<CaseDialogDeps, 'openCase' | 'now' | 'showCase'>) {
    super(SUMMARY_DIALOG);
    this.addDialog(
      new WaterfallDialog<SummaryOptions>(`${SUMMARY_DIALOG}.steps`, [
        async (step) => {
          const t = translatorOf(step.context);
          const { draft } = step.options;
          (step.values as { caseId?: string }).caseId = step.options.caseId ?? randomUUID();
          if (!step.options.caseId) {
            await step.context.sendActivity(summaryMessage(t, draft));
            const today = parisToday(deps.now());
            const late = draft.requestDate
              ? proposalLateness(t, meetingWindow(dateSourceOf(draft, today), today))
              : null;
            if (late) await step.context.sendActivity(late);
          }
          return step.prompt(CONFIRM_PROMPT, confirmQuestion(t, t('summary.askSend')));
        },
        async (step) => {
          const t = translatorOf(step.context);
          const { draft } = step.options;
          if (step.result !== true) {
            const fields = editableFieldsOf(draft);
            return step.prompt(
              CHOICE_PROMPT,
              choiceQuestion(t, t('summary.askChange'), 'summary.fields', fields),
            );
          }
          const caseId = (step.values as { caseId: string }).caseId;
          let outcome: CaseOutcome;
          try {
            outcome = await deps.openCase(openRequestOf(draft, caseId, step.context), callerOf(step.context));
          } catch {
            // Same confirmation, same case id: answering "oui" again cannot open two cases.
            await step.context.sendActivity(t('summary.failed'));
            return step.replaceDialog(SUMMARY_DIALOG, { draft, caseId } satisfies SummaryOptions);
          }
          return step.endDialog(await afterOpen(step.context, t, draft, outcome, deps));
        },
        async (step) => {
          const fields = editableFieldsOf(step.options.draft);
          const field = chosenCode(fields, step.result);
          if (field === 'cancel') {
            await step.context.sendActivity(translatorOf(step.context)('cancelled'));
            return step.endDialog({ stop: true } satisfies StepOutcome);
          }
          return step.endDialog({ edit: EDITABLE_FIELDS[field]!.steps } satisfies StepOutcome);
        },
      ]),
    );
    for (const prompt of sharedPrompts()) this.addDialog(prompt);
  }
}

async function afterOpen(
  context: TurnContext,
  t: Translator,
  draft: CaseDraft,
  outcome: CaseOutcome,
  deps: Pick<CaseDialogDeps, 'now' | 'showCase'>,
): Promise<StepOutcome> {
  if (outcome.outcome !== 'refused') {
    await context.sendActivity(t('summary.sent'));
    return { stop: true };
  }
  const today = parisToday(deps.now());
  await context.sendActivity(refusalText(t, outcome, dateSourceOf(draft, today), today));
  if (outcome.openCaseId) await deps.showCase?.(context, outcome.openCaseId);
  // A day refused now (say, one more day has passed) is chosen again; the rest of the answers stay.
  return outcome.reason === 'meeting_invalid' ? { edit: [MEETING_DIALOG] } : { stop: true };
}

/** The summary card: one fact per answer, days as people read them (jj/mm/aaaa in French). */
export function summaryFacts(t: Translator, draft: CaseDraft): { title: string; value: string }[] {
  const { employee, contract, meeting } = draft;
  const day = (date: string | undefined) => (date ? formatIsoDate(date, t) : '');
  const fact = (label: string, value: string) => ({ title: t(`summary.labels.${label}`), value });
  const name = escapeMarkdown(employee?.name ?? '');
  const where = meeting?.mode === 'remote' ? meeting.link : meeting?.place;
  return [
    fact(
      'employee',
      employee?.email ? t('summary.values.employee', { name, email: escapeMarkdown(employee.email) }) : name,
    ),
    fact('manager', draft.manager ? escapeMarkdown(draft.manager.name) : t('summary.values.noManager')),
    fact('contract', t(`contractKinds.${contract?.kind}`)),
    ...(contract?.end ? [fact('contractEnd', day(contract.end))] : []),
    ...(draft.absences ?? []).map((absence) =>
      fact(
        'absence',
        t('summary.values.absence', {
          kind: t(`absenceKinds.${absence.kind}`),
          start: day(absence.start),
          end: day(absence.end),
        }),
      ),
    ),
    fact(
      'initiator',
      t('summary.values.initiator', {
        initiator: t(`initiators.${draft.initiator}`),
        day: day(draft.requestDate),
      }),
    ),
    fact('meeting', t('summary.values.meetingAt', { day: day(meeting?.date), time: meeting?.time ?? '' })),
    fact(
      'where',
      t(`summary.values.where.${meeting?.mode ?? 'on_site'}`, { where: escapeMarkdown(where ?? '') }),
    ),
    fact('spst', t(`spstAttendance.${draft.spstAttendance}`)),
  ];
}

function summaryMessage(t: Translator, draft: CaseDraft) {
  const facts = summaryFacts(t, draft);
  const speak = facts.map(({ title, value }) => `${title} : ${value}`).join('. ');
  return MessageFactory.attachment(cardAttachment('caseSummary', t, { facts, speak, actions: [] }));
}
