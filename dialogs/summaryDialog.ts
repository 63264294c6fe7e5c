import { randomUUID } from 'node:crypto';
import { MessageFactory, type TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog } from 'botbuilder-dialogs';
import type { Translator } from '../bot/i18n';
import { cardAttachment } from '../cards';
import { formatIsoDate } from '../cards/caseCards';
import {
  CONFIRM_PROMPT,
  leaveEndOf,
  scratchOf,
  sharedPrompts,
  translatorOf,
  type CaseDialogDeps,
  type CaseDraft,
  type CaseStartRequest,
  type CaseStartResult,
  type StepOptions,
  type StepOutcome,
} from './caseDraft';
import { MEETING_DIALOG } from './meetingDialog';

export const SUMMARY_DIALOG = 'summary';

/** Step 7 — everything on one page, then, once confirmed, the case is handed to `startCase`. */
export class SummaryDialog extends ComponentDialog {
  constructor(deps: Pick<CaseDialogDeps, 'startCase'>) {
    super(SUMMARY_DIALOG);
    this.addDialog(
      new WaterfallDialog<StepOptions>(`${SUMMARY_DIALOG}.steps`, [
        async (step) => {
          const t = translatorOf(step.context);
          scratchOf<Scratch>(step).draftId = randomUUID();
          await step.context.sendActivity(summaryCard(t, step.options.draft));
          return step.prompt(CONFIRM_PROMPT, t('summary.askSend'));
        },
        async (step) => {
          const t = translatorOf(step.context);
          if (step.result !== true) {
            await step.context.sendActivity(t('cancelled'));
            return step.endDialog({ stop: true } satisfies StepOutcome);
          }
          const request = startRequestOf(
            step.options.draft,
            scratchOf<Scratch>(step).draftId ?? '',
            step.context,
          );
          let result: CaseStartResult;
          try {
            result = await deps.startCase(request, step.context);
          } catch {
            await step.context.sendActivity(t('summary.failed'));
            return step.endDialog({ stop: true } satisfies StepOutcome);
          }
          await step.context.sendActivity(describeResult(t, result));
          // A day refused now (say, one more day has passed) is chosen again; the rest of the answers stay.
          const refusedDay = result.status === 'refused' && result.refusal.reason === 'meeting_date_invalid';
          return step.endDialog(
            (refusedDay ? { backTo: MEETING_DIALOG } : { stop: true }) satisfies StepOutcome,
          );
        },
      ]),
    );
    for (const prompt of sharedPrompts()) this.addDialog(prompt);
  }
}

/** The summary card: one fact per answer, days as people read them (jj/mm/aaaa in French). */
function summaryCard(t: Translator, draft: CaseDraft) {
  const { employee, contract, meeting } = draft;
  const day = (date: string | undefined) => (date ? formatIsoDate(date, t) : '');
  const fact = (label: string, value: string) => ({ title: t(`summary.labels.${label}`), value });
  const facts = [
    fact(
      'employee',
      employee?.email
        ? t('summary.values.employee', { name: employee.name, email: employee.email })
        : (employee?.name ?? ''),
    ),
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
    fact(
      'meeting',
      meeting?.time
        ? t('summary.values.meetingAt', { day: day(meeting.date), time: meeting.time })
        : day(meeting?.date),
    ),
    fact('where', t(`summary.values.where.${meeting?.mode}`, { where: meeting?.place ?? meeting?.link })),
    fact('spst', t(`spstAttendance.${draft.spstAttendance}`)),
  ];
  const speak = facts.map(({ title, value }) => `${title} : ${value}`).join('. ');
  return MessageFactory.attachment(cardAttachment('caseSummary', t, { facts, speak }));
}

interface Scratch {
  draftId: string;
}

function describeResult(t: Translator, result: CaseStartResult): string {
  if (result.status !== 'refused') return t('summary.sent');
  const { refusal } = result;
  return [
    t('summary.refusedDay', { earliest: formatIsoDate(refusal.earliestMeetingDate, t) }),
    ...refusal.problems.map((problem) => `- ${t(`planProblems.${problem}`)}`),
  ].join('\n\n');
}

/** The case to open: the draft's answers, the tenant and the manager from the activity. */
export function startRequestOf(draft: CaseDraft, draftId: string, context: TurnContext): CaseStartRequest {
  const { employee, initiator, requestDate, meeting, spstAttendance } = draft;
  if (!employee || !initiator || !requestDate || !meeting || !spstAttendance) {
    throw new Error('The case draft is incomplete');
  }
  const { activity } = context;
  const leaveEnd = leaveEndOf(draft);
  const tenantId =
    activity.conversation?.tenantId ??
    (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  return {
    tenantId: tenantId ?? '',
    // One company per tenant until companies are configured separately.
    companyId: tenantId ?? '',
    initiator,
    requestDate,
    employee,
    manager: { aadObjectId: activity.from.aadObjectId ?? activity.from.id, name: activity.from.name ?? '' },
    meeting,
    referentRequested: false,
    referentOffered: draft.referentOffered ?? true,
    ...(draft.requestId ? { requestId: draft.requestId } : {}),
    draftId,
    spstAttendance,
    ...(leaveEnd ? { leaveEnd } : {}),
    ...(draft.contract?.end ? { contractEnd: draft.contract.end } : {}),
  };
}
