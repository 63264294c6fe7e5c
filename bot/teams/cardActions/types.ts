// What a card action handler is given and answers: Action.Execute verbs and Action.Submit kinds alike.
import type { TurnContext } from 'botbuilder';
import type { CaseStore, LiaisonCase } from '../../services/cases';
import type { CaseService } from '../../services/caseFlow';
import type { CompanySettingsStore } from '../../services/settings/companySettingsStore';
import type { EmployeeRequests, RequestStore } from '../../services/requests';
import type { AnswerLinkView } from '../../../cards/caseCards';
import type { Translator } from '../../../language/i18n';
import type { CaseDialogRunner } from '../../../dialogs';
import type { CompanySettingsCommands } from '../companySettingsCommands';
import type { PrivacyCommands } from '../privacyCommands';

/** What the Action.Execute handlers use; built once by the composition root (bot/app.ts). */
export interface CardActionDeps {
  cases: Pick<CaseStore, 'get'>;
  /** Every change goes through it: the case engine decides. */
  caseService: Pick<CaseService, 'change'>;
  /** The employees' own requests, acknowledged by HR or the manager they named (`request.acknowledge`). */
  requests?: { store: RequestStore; service: EmployeeRequests };
  /** The download buttons shown on the manager's status card: the letters, and the proof file. */
  letterActions?: DownloadActions;
  proofActions?: DownloadActions;
  /** How the employee was invited when not in Teams, and whether they opened the answer page (bot/http/answerPage). */
  answerLinkStatus?: (liaisonCase: LiaisonCase) => Promise<AnswerLinkView>;
  /** Decides who is HR for a company, from the server's configuration (bot/services/access). */
  isHr?: (tenantId: string, companyId: string, aadObjectId: string | undefined) => Promise<boolean>;
  /** The company's name on the SPST's card. */
  companySettings?: Pick<CompanySettingsStore, 'get'>;
  now?: () => Date;
}

export type DownloadActions = (
  liaisonCase: LiaisonCase,
  locale: string | undefined,
) => Promise<Array<{ title: string; url: string }>>;

/**
 * An Action.Execute click (the `adaptiveCard/action` invoke). `data` is the card's data and the person's inputs:
 * it names things (a case, an offer), it never decides who may act.
 */
export interface CardInvoke {
  context: TurnContext;
  data: Record<string, unknown>;
  /** From the activity (bot/services/access), never from the card. */
  tenantId: string | undefined;
  t: Translator;
  locale: string | undefined;
  deps: CardActionDeps;
}

/** The handler of one Action.Execute verb: answers with the card that replaces the clicked one. */
export interface ExecuteHandler {
  readonly verb: string;
  handle(invoke: CardInvoke): Promise<object>;
}

/**
 * Where a submitted card can lead, given by the Teams handler (bot/teams/liaisonBot.ts): the features that own a
 * card's submission, and the bot's own text path (commands, the conversation under way, the FAQ).
 */
export interface SubmitRoutes {
  companySettings: Pick<CompanySettingsCommands, 'handle'>;
  privacy?: Pick<PrivacyCommands, 'handle'>;
  caseDialogs: Pick<CaseDialogRunner, 'continueOrStart'> &
    Partial<Pick<CaseDialogRunner, 'startFromRequest'>>;
  /** What a typed message gets: the text is checked (length, empty) and answered like one. */
  answerText(context: TurnContext, text: string): Promise<void>;
}

/** An Action.Submit: a message whose value is the card's data merged with its inputs. */
export interface CardSubmit {
  context: TurnContext;
  value: Record<string, unknown>;
  /** Text sent with it, the bot's mention removed (Teams sends none with a card's submission: usually ''). */
  typed: string;
  t: Translator;
  routes: SubmitRoutes;
}

/**
 * The handler of one Action.Submit kind. The kind is the marker key of the card's data (`{ "settingsForm": true }`
 * is of kind `settingsForm`); a payload is of a kind when it carries that key and the kind accepts its value.
 */
export interface SubmitHandler {
  readonly kind: string;
  /** Whether the marker's value is one this kind knows (a forged or stale one is not: the submit is unknown). */
  accepts(value: Record<string, unknown>): boolean;
  handle(submit: CardSubmit): Promise<void>;
}
