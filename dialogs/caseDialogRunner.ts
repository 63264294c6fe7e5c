import type { ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import { DialogSet, type DialogState } from 'botbuilder-dialogs';
import { recognizeCommand } from '../bot/commands';
import { CASE_DIALOG, CaseDialog } from './caseDialog';
import type { CaseDialogDeps } from './caseDraft';

/** "nouveau rendez-vous de liaison" / "new liaison meeting", whatever the case, accents or punctuation. */
export function recognizesNewCaseCommand(text: string | undefined): boolean {
  return recognizeCommand(text ?? '') === 'newCase';
}

export interface CaseDialogRunnerDeps extends CaseDialogDeps {
  /** Durable in the app (storage from bot/storage), so a restart resumes the flow where it was. */
  conversationState: ConversationState;
}

/** Runs the manager's case flow for the bot: continues it when one is under way, starts it on its command. */
export class CaseDialogRunner {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly dialogs: DialogSet;

  constructor(private readonly deps: CaseDialogRunnerDeps) {
    this.dialogState = deps.conversationState.createProperty<DialogState>('caseDialogState');
    this.dialogs = new DialogSet(this.dialogState).add(new CaseDialog(deps));
  }

  /** True when the flow handled the turn (the bot must then not answer it itself). */
  async continueOrStart(context: TurnContext): Promise<boolean> {
    if (context.activity.type !== 'message') return false;
    const dc = await this.dialogs.createContext(context);
    if (dc.activeDialog) {
      await dc.continueDialog();
    } else if (recognizesNewCaseCommand(context.activity.text)) {
      await dc.beginDialog(CASE_DIALOG);
    } else {
      return false;
    }
    await this.deps.conversationState.saveChanges(context, false);
    return true;
  }
}
