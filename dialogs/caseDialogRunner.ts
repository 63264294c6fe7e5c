// Runs the manager's case form or guided flow and the employee's request dialog for a turn.
import type { Activity, ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import { DialogSet, type DialogState } from 'botbuilder-dialogs';
import { recognizeCommand } from '../language/commands';
import { detectsMeetingRequest } from '../language';
import { CASE_DIALOG, CaseDialog } from './caseDialog';
import { CASE_FORM_DIALOG, CaseFormDialog, isCaseFormSubmit } from './caseFormDialog';
import type { CaseDialogDeps, CasePrefill } from './caseDraft';
import { translatorFor } from '../language/i18n';
import {
  EMPLOYEE_REQUEST_DIALOG,
  EmployeeRequestDialog,
  type EmployeeRequestDialogDeps,
} from './employeeRequestDialog';

/** "nouveau rendez-vous de liaison" / "new liaison meeting", whatever the case, accents or punctuation. */
export function recognizesNewCaseCommand(text: string | undefined): boolean {
  return recognizeCommand(text ?? '') === 'newCase';
}

/**
 * "je voudrais un rendez-vous de liaison" / "I'd like a liaison meeting", in either language whatever the
 * client's locale: an employee asking for the meeting, not asking about it.
 */
export function recognizesMeetingRequest(text: string | undefined): boolean {
  return detectsMeetingRequest(text ?? '', 'fr') || detectsMeetingRequest(text ?? '', 'en');
}

export interface CaseDialogRunnerDeps extends CaseDialogDeps, EmployeeRequestDialogDeps {
  /**
   * What an employee's acknowledged request tells the case flow (with the manager the employee named), when the
   * person asking may organise it (HR, or that manager); null otherwise.
   */
  prefillFromRequest?: (context: TurnContext, requestId: string) => Promise<CasePrefill | null>;
  /** Durable in the app (storage from bot/platform/storage), so a restart resumes the flow where it was. */
  conversationState: ConversationState;
}

/**
 * Runs the guided conversations for the bot — the manager's case form (or, on request, the guided case dialog)
 * and the employee's own request: continues the one under way, or starts one on its command.
 */
export class CaseDialogRunner {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly dialogs: DialogSet;

  constructor(private readonly deps: CaseDialogRunnerDeps) {
    this.dialogState = deps.conversationState.createProperty<DialogState>('caseDialogState');
    this.dialogs = new DialogSet(this.dialogState)
      .add(new CaseFormDialog(deps, CASE_DIALOG))
      .add(new CaseDialog(deps))
      .add(new EmployeeRequestDialog(deps));
  }

  /**
   * Starts the case form from an employee's request (the "organise it" button): the employee, their manager, the
   * initiator and D0 come from the stored request. Anyone not allowed is told so, and nothing starts.
   */
  async startFromRequest(context: TurnContext, requestId: string): Promise<void> {
    const prefill = await this.deps.prefillFromRequest?.(context, requestId);
    if (!prefill) {
      await context.sendActivity(translatorFor(context.activity.locale, 'caseDialog')('fromRequestRefused'));
      return;
    }
    const dc = await this.dialogs.createContext(context);
    await dc.cancelAllDialogs();
    await dc.beginDialog(CASE_FORM_DIALOG, { prefill });
    await this.deps.conversationState.saveChanges(context, false);
  }

  /** True when the flow handled the turn (the bot must then not answer it itself). */
  async continueOrStart(context: TurnContext): Promise<boolean> {
    if (context.activity.type !== 'message') return false;
    // The stack is read before a dialog context is built: most messages are questions, which start nothing, and
    // building the dialog context costs about 0.07 ms of CPU a turn.
    const underWay = ((await this.dialogState.get(context))?.dialogStack.length ?? 0) > 0;
    const start = underWay ? undefined : dialogStartedBy(context.activity);
    if (!underWay && !start) return false;
    const dc = await this.dialogs.createContext(context);
    if (underWay) {
      await dc.continueDialog();
    } else if (start === 'request') {
      await dc.beginDialog(EMPLOYEE_REQUEST_DIALOG);
    } else {
      // A button of a form or summary no longer under way (finished, cancelled, or too old): a fresh form.
      if (start === 'freshForm')
        await context.sendActivity(translatorFor(context.activity.locale, 'caseDialog')('form.expired'));
      await dc.beginDialog(CASE_FORM_DIALOG);
    }
    await this.deps.conversationState.saveChanges(context, false);
    return true;
  }
}

/** What a message starts when no dialog is under way: the case form, a fresh one, the employee's request, or nothing. */
function dialogStartedBy(activity: Activity): 'form' | 'freshForm' | 'request' | undefined {
  if (recognizesNewCaseCommand(activity.text)) return 'form';
  if (isCaseFormSubmit(activity.value)) return 'freshForm';
  if (recognizesMeetingRequest(activity.text)) return 'request';
  return undefined;
}
