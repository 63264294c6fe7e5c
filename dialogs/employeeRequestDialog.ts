// The employee's own request for the meeting: three questions, never why, then to HR and the manager.
import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  DialogTurnStatus,
  WaterfallDialog,
  type DialogContext,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
import { companyOfActivity } from '../bot/services/access';
import { translatorFor, type Translator } from '../language/i18n';
import type { RequestSubmission, SubmittedRequest } from '../bot/services/requests';
import { parisToday, type IsoDate } from '../domain';
import { formatIsoDate } from '../language/dates';
import {
  CONFIRM_PROMPT,
  DAY_PROMPT,
  TEXT_PROMPT,
  scratchOf,
  sharedPrompts,
  type DayBounds,
} from './caseDraft';
import { recognizeInterruption } from './caseDialog';
import { PersonPrompt, type PersonAnswer } from './personPrompt';

export const EMPLOYEE_REQUEST_DIALOG = 'employeeRequest';

export interface EmployeeRequestDialogDeps {
  now: () => Date;
  /** Keeps the request and queues it to HR and the manager; throws when it cannot be stored. */
  submitRequest: (submission: RequestSubmission, today: IsoDate) => Promise<SubmittedRequest>;
}

interface Answers {
  requestId: string;
  leaveStart: IsoDate;
  managerName: string;
  managerAadObjectId: string;
}

const MANAGER_PROMPT = 'managerPrompt';

const translatorOf = (context: TurnContext): Translator =>
  translatorFor(context.activity.locale, 'employeeRequest');

/**
 * The employee asks for the meeting themselves: the bot explains their rights, asks the minimum (on leave? since
 * when? who is the manager?) — never why — and sends the request to HR and the manager. A request made before the
 * 31st day of leave is kept, and the employee is told from when the meeting is possible.
 */
export class EmployeeRequestDialog extends ComponentDialog {
  constructor(deps: EmployeeRequestDialogDeps) {
    super(EMPLOYEE_REQUEST_DIALOG);
    const today = () => parisToday(deps.now());
    this.addDialog(
      new WaterfallDialog(`${EMPLOYEE_REQUEST_DIALOG}.steps`, [
        async (step) => {
          const t = translatorOf(step.context);
          scratchOf<Answers>(step).requestId = randomUUID();
          await step.context.sendActivity(t('intro'));
          return step.prompt(CONFIRM_PROMPT, t('askOnLeave'));
        },
        async (step) => {
          const t = translatorOf(step.context);
          if (step.result !== true) {
            await step.context.sendActivity(t('notOnLeave'));
            return step.endDialog();
          }
          const bounds: DayBounds = { notAfter: { day: today(), messageKey: 'errors.leaveStartInFuture' } };
          return step.prompt(DAY_PROMPT, { prompt: t('askLeaveStart'), validations: bounds });
        },
        async (step) => {
          scratchOf<Answers>(step).leaveStart = step.result as IsoDate;
          return step.prompt(MANAGER_PROMPT, translatorOf(step.context)('askManager'));
        },
        async (step) => {
          // The manager picked in the directory (then the request reaches them in Teams) or typed by name.
          const answer = step.result as PersonAnswer;
          const answers = scratchOf<Answers>(step);
          if ('typed' in answer) return step.next(answer.typed);
          if (answer.picked.aadObjectId) answers.managerAadObjectId = answer.picked.aadObjectId;
          if (answer.picked.name) return step.next(answer.picked.name);
          return step.prompt(TEXT_PROMPT, translatorOf(step.context)('askManagerName'));
        },
        async (step) => {
          const t = translatorOf(step.context);
          const answers = scratchOf<Answers>(step);
          answers.managerName = String(step.result).trim();
          return step.prompt(
            CONFIRM_PROMPT,
            t('confirm', {
              manager: answers.managerName,
              leaveStart: formatIsoDate(answers.leaveStart ?? '', t),
            }),
          );
        },
        async (step) => {
          const t = translatorOf(step.context);
          if (step.result !== true) {
            await step.context.sendActivity(t('cancelled'));
            return step.endDialog();
          }
          await step.context.sendActivity(
            await submit(step.context, scratchOf<Answers>(step), deps, today()),
          );
          return step.endDialog();
        },
      ]),
    );
    for (const prompt of sharedPrompts()) this.addDialog(prompt);
    this.addDialog(new PersonPrompt(MANAGER_PROMPT, 'manager'));
  }

  /** "annuler" stops, "aide" explains; "retour" is not offered: the conversation is three questions long. */
  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const t = translatorOf(innerDc.context);
    switch (recognizeInterruption(innerDc.context.activity.text)) {
      case 'cancel':
        await innerDc.cancelAllDialogs();
        await innerDc.context.sendActivity(t('cancelled'));
        return { status: DialogTurnStatus.complete };
      case 'help':
        await innerDc.context.sendActivity(t('help'));
        await innerDc.repromptDialog();
        return { status: DialogTurnStatus.waiting };
      default:
        return super.onContinueDialog(innerDc);
    }
  }
}

async function submit(
  context: TurnContext,
  answers: Partial<Answers>,
  deps: EmployeeRequestDialogDeps,
  today: IsoDate,
): Promise<string> {
  const t = translatorOf(context);
  const company = companyOfActivity(context.activity);
  const { from } = context.activity;
  if (!company || !from.aadObjectId || !answers.requestId || !answers.leaveStart) return t('failed');
  let submitted: SubmittedRequest;
  try {
    submitted = await deps.submitRequest(
      {
        id: answers.requestId,
        ...company,
        employee: { aadObjectId: from.aadObjectId, name: from.name ?? '' },
        manager: {
          name: answers.managerName ?? '',
          ...(answers.managerAadObjectId ? { aadObjectId: answers.managerAadObjectId } : {}),
        },
        requestDate: today,
        leaveStart: answers.leaveStart,
      },
      today,
    );
  } catch {
    return t('failed');
  }
  const { request, proposalDue } = submitted;
  const day = (date: IsoDate) => formatIsoDate(date, t);
  const sent =
    request.eligibleFrom > today
      ? t('sentNotYet', { today: day(today), eligibleFrom: day(request.eligibleFrom), due: day(proposalDue) })
      : t('sent', { today: day(today), due: day(proposalDue) });
  return submitted.sentTo.includes('hr') ? sent : `${sent}\n\n${t('notDelivered', { today: day(today) })}`;
}
