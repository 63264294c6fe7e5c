import type { TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog } from 'botbuilder-dialogs';
import type { Translator } from '../bot/i18n';
import type { NewLiaisonCase } from '../bot/cases/model';
import {
  CONFIRM_PROMPT,
  sharedPrompts,
  translatorOf,
  type CaseDialogDeps,
  type CaseDraft,
  type StepOptions,
  type StepOutcome,
} from './caseDraft';

export const SUMMARY_DIALOG = 'summary';

/** Step 7 — everything on one page, then, once confirmed, the case is handed to `startCase`. */
export class SummaryDialog extends ComponentDialog {
  constructor(deps: Pick<CaseDialogDeps, 'startCase'>) {
    super(SUMMARY_DIALOG);
    this.addDialog(
      new WaterfallDialog<StepOptions>(`${SUMMARY_DIALOG}.steps`, [
        async (step) => {
          const t = translatorOf(step.context);
          await step.context.sendActivity(describeDraft(t, step.options.draft));
          return step.prompt(CONFIRM_PROMPT, t('summary.askSend'));
        },
        async (step) => {
          const t = translatorOf(step.context);
          if (step.result !== true) {
            await step.context.sendActivity(t('cancelled'));
            return step.endDialog({ stop: true } satisfies StepOutcome);
          }
          try {
            await deps.startCase(newCaseOf(step.options.draft, step.context), step.context);
            await step.context.sendActivity(t('summary.sent'));
          } catch {
            await step.context.sendActivity(t('summary.failed'));
          }
          return step.endDialog({ stop: true } satisfies StepOutcome);
        },
      ]),
    );
    for (const prompt of sharedPrompts()) this.addDialog(prompt);
  }
}

function describeDraft(t: Translator, draft: CaseDraft): string {
  const { employee, contract, meeting } = draft;
  const lines = [
    t('summary.title'),
    t('summary.employee', { name: employee?.name, email: employee?.email }),
    t('summary.contract', { contract: t(`contractKinds.${contract?.kind}`) }),
    ...(contract?.end ? [t('summary.contractEnd', { day: contract.end })] : []),
    ...(draft.absences ?? []).map((absence) =>
      t('summary.absence', {
        kind: t(`absenceKinds.${absence.kind}`),
        start: absence.start,
        end: absence.end,
      }),
    ),
    t('summary.initiator', { initiator: t(`initiators.${draft.initiator}`), day: draft.requestDate }),
    meeting?.time
      ? t('summary.meetingAt', { day: meeting.date, time: meeting.time })
      : t('summary.meeting', { day: meeting?.date }),
    t(`summary.where.${meeting?.mode}`, { where: meeting?.place ?? meeting?.link }),
    t('summary.spst', { attendance: t(`spstAttendance.${draft.spstAttendance}`) }),
  ];
  return lines.map((line, index) => (index === 0 ? line : `- ${line}`)).join('\n\n');
}

/** The case to open: the draft's answers, the tenant and the manager from the activity. */
export function newCaseOf(draft: CaseDraft, context: TurnContext): NewLiaisonCase {
  const { employee, initiator, requestDate, meeting, spstAttendance } = draft;
  if (!employee || !initiator || !requestDate || !meeting || !spstAttendance) {
    throw new Error('The case draft is incomplete');
  }
  const { activity } = context;
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
    spst: { attendance: spstAttendance },
    referentRequested: false,
  };
}
