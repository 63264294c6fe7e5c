// The Teams activity handler: routes each turn to a command, a dialog, a card action or the FAQ.
import {
  MessageFactory,
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ConversationState,
} from 'botbuilder';
import { cardAttachment } from '../../cards';
import type { CaseDialogRunner } from '../../dialogs';
import { replyToQuestion } from '../../language';
import { handleCardAction, handleCardSubmit, type CardActionDeps, type SubmitRoutes } from './cardActions';
import type { CompanySettingsCommands } from './companySettingsCommands';
import { recognizeCommand } from '../../language/commands';
import { companyOfActivity } from '../services/access';
import type { CompanySettings } from '../services/caseFlow';
import { languageOf, translatorFor, type Translator } from '../../language/i18n';
import type { Logger } from '../platform/logger';
import type { PrivacyCommands } from './privacyCommands';

/** Longer texts get a polite refusal: far above any real question, far below Teams' own message limit. */
export const MAX_TEXT_LENGTH = 4000;

export interface LiaisonBotDeps {
  conversationState: ConversationState;
  logger: Logger;
  cardActions: CardActionDeps;
  /** The manager's guided case flow; it takes every message while one is under way. */
  caseDialogs: Pick<CaseDialogRunner, 'continueOrStart'> &
    Partial<Pick<CaseDialogRunner, 'startFromRequest'>>;
  /** "paramètres"/"settings", "canal RH"/"HR channel" and the settings form. */
  companySettings: Pick<CompanySettingsCommands, 'handle'>;
  /** HR's "export données"/"export data" and "effacer données"/"erase data" commands (bot/services/privacy). */
  privacy?: Pick<PrivacyCommands, 'handle'>;
  /** The company's settings, for the SPST and HR contacts shown with FAQ answers. */
  settingsOf?: (tenantId: string, companyId: string) => Promise<CompanySettings>;
}

/**
 * The Teams activity handler: greets on installation, answers the commands, and tells the user what it can
 * do when it does not understand. Every sentence comes from locales/ in the language of the activity.
 */
export class LiaisonBot extends TeamsActivityHandler {
  /** Where a card's submission may lead: the features owning one, and the text path (a question button). */
  private readonly submitRoutes: SubmitRoutes;

  constructor(private readonly deps: LiaisonBotDeps) {
    super();
    this.submitRoutes = {
      companySettings: deps.companySettings,
      privacy: deps.privacy,
      caseDialogs: deps.caseDialogs,
      answerText: (context, text) => this.answerText(context, text, translatorFor(context.activity.locale)),
    };

    this.onMessage(async (context, next) => {
      await this.answerMessage(context, translatorFor(context.activity.locale));
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const botWasAdded = (context.activity.membersAdded ?? []).some(
        (member) => member.id === context.activity.recipient.id,
      );
      if (botWasAdded) {
        const t = translatorFor(context.activity.locale);
        await context.sendActivity(t('welcome'));
        await context.sendActivity(MessageFactory.attachment(cardAttachment('help', t)));
        this.deps.logger.info({ event: 'installed', conversationType: conversationType(context) }, 'greeted');
      }
      await next();
    });
  }

  /** Universal Actions (Action.Execute) from the case cards: docs/contract.md §3. */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    _invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    return handleCardAction(context, this.deps.cardActions);
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.deps.conversationState.saveChanges(context, false);
  }

  /**
   * The router of a message: a card's submission (a value: the card's data) goes to the card actions' registry,
   * typed text to the text path. A text far too long is refused whichever it is.
   */
  private async answerMessage(context: TurnContext, t: Translator): Promise<void> {
    const typed = (TurnContext.removeRecipientMention(context.activity) ?? '').trim();
    if (typed.length > MAX_TEXT_LENGTH) {
      await context.sendActivity(t('tooLong', { length: typed.length, max: MAX_TEXT_LENGTH }));
      return;
    }
    const { value } = context.activity;
    if (value) {
      await handleCardSubmit(context, { value, typed, t, routes: this.submitRoutes });
      return;
    }
    await this.answerText(context, typed, t);
  }

  /**
   * A text, typed or from a card's question button: HR's privacy commands, the conversation under way (or the one
   * it starts), the commands, then the FAQ.
   */
  private async answerText(context: TurnContext, text: string, t: Translator): Promise<void> {
    if (text.length > MAX_TEXT_LENGTH) {
      await context.sendActivity(t('tooLong', { length: text.length, max: MAX_TEXT_LENGTH }));
      return;
    }
    if (await this.deps.privacy?.handle(context, text)) return;
    if (text === '') {
      await context.sendActivity(t('emptyMessage'));
      return;
    }
    // The dialogs read the turn's text: give them what the person meant (mention removed, card question).
    context.activity.text = text;
    if (await this.deps.caseDialogs.continueOrStart(context)) return;
    const command = recognizeCommand(text);
    if (await this.deps.companySettings.handle(context, command, t)) return;
    if (command === 'help') {
      await context.sendActivity(MessageFactory.attachment(cardAttachment('help', t)));
      return;
    }
    await this.answerQuestion(context, text);
  }

  private async answerQuestion(context: TurnContext, text: string): Promise<void> {
    await answerFaqQuestion(context, text, this.deps);
  }
}

/**
 * A free-text question: answered from the FAQ in the same turn (an employee asking for the meeting itself is
 * taken into their request conversation before this). A health detail in the question is never repeated,
 * logged or stored. With `onlyAnswers` (a question asked in the middle of a dialog), only a matched answer is
 * sent; resolves with whether anything was.
 */
export async function answerFaqQuestion(
  context: TurnContext,
  text: string,
  deps: Pick<LiaisonBotDeps, 'logger' | 'settingsOf'>,
  options: { onlyAnswers?: boolean } = {},
): Promise<boolean> {
  const t = translatorFor(context.activity.locale);
  // Composed once in language/faq-reply, in the question's language; the card's labels follow the person's.
  const reply = replyToQuestion(text, languageOf(context.activity.locale), faqTranslators());
  if (options.onlyAnswers && reply.match.kind !== 'answer') return false;
  deps.logger.info(
    {
      event: 'faq',
      outcome: reply.match.kind,
      answers: reply.sections.length,
      language: reply.language,
      healthDetails: reply.healthDetails,
    },
    'question',
  );
  const { match, card } = reply;
  if (match.kind === 'out_of_scope') {
    await context.sendActivity(match.topic === 'other' ? `${reply.text} ${t('helpHint')}` : reply.text);
  } else if (card.name === 'faqSuggestions' && card.data.suggestions.length === 0) {
    await context.sendActivity(
      reply.notice ? `${reply.notice}\n\n${t('notUnderstood')}` : t('notUnderstood'),
    );
  } else if (card.name === 'faqSuggestions') {
    await context.sendActivity(MessageFactory.attachment(cardAttachment(card.name, t, card.data)));
  } else {
    const company = companyOfActivity(context.activity);
    const settings =
      company && deps.settingsOf ? await deps.settingsOf(company.tenantId, company.companyId) : {};
    const contacts = contactFacts(settings, t);
    await context.sendActivity(
      MessageFactory.attachment(cardAttachment(card.name, t, { ...card.data, contacts })),
    );
  }
  return true;
}

/** The FAQ's sentences in both languages: a question is answered in the language it is written in. */
const faqTranslators = () => ({ fr: translatorFor('fr', 'faq'), en: translatorFor('en', 'faq') });

/** The company's SPST and HR contacts, one line each, as configured (nothing when not configured). */
function contactFacts({ spstContact, hrContact }: CompanySettings, t: Translator) {
  const line = (parts: Array<string | undefined>) => parts.filter(Boolean).join(' · ');
  return [
    ...(spstContact
      ? [
          {
            title: t('faqAnswer.spst', { ns: 'cards' }),
            value: line([
              spstContact.name,
              spstContact.phone,
              spstContact.email,
              spstContact.address,
              spstContact.website,
            ]),
          },
        ]
      : []),
    ...(hrContact
      ? [
          {
            title: t('faqAnswer.hr', { ns: 'cards' }),
            value: line([hrContact.name, hrContact.phone, hrContact.email]),
          },
        ]
      : []),
  ];
}

function conversationType(context: TurnContext): string {
  return context.activity.conversation?.conversationType ?? 'unknown';
}
