// The composition root: builds storage, stores, services, the adapter, the bot and the HTTP server once.
import { CardFactory, ConversationState, MessageFactory } from 'botbuilder';
import type restify from 'restify';
import { CaseDialogRunner } from '../dialogs';
import { AccessControl, companyOfActivity } from './services/access';
import { createAdapter } from './teams/adapter';
import { LetterLinks, letterDownloadActions, proofFileActions } from './services/letters';
import { letterRoutes } from './http/lettersRoutes';
import { CompanySettingsCommands } from './teams/companySettingsCommands';
import {
  CaseService,
  caseFlowRenderers,
  CompanySettingsStore,
  EmailSender,
  notifyManagerOfUndeliveredInvitation,
} from './services/caseFlow';
import { caseStatusCardFor, type CardActionDeps } from './teams/cardActions';
import { CaseStore, Outbox, type LiaisonCase } from './services/cases';
import type { Config } from './platform/config';
import { answerFaqQuestion, LiaisonBot } from './teams/liaisonBot';
import { caseFromRequest, EmployeeRequests, RequestStore, requestRenderers } from './services/requests';
import type { Logger } from './platform/logger';
import {
  ConversationReferenceStore,
  OutboxDispatcher,
  PLAIN_MESSAGE_KIND,
  ProactiveSender,
  type PlainMessagePayload,
  renderPlainMessage,
} from './platform/messaging';
import { createServer, type LiaisonServer } from './http/server';
import { AbsenceApiKeys, AbsenceFeed, AbsenceStore } from './services/absences';
import { absencesRoutes } from './http/absencesRoutes';
import { answerPageRoutes } from './http/answerPage';
import { AnswerLinks, emailInvitation, inviteChannelOf } from './services/answerLinks';
import { parisInstant, Reminders, reminderRenderers, Scheduler } from './services/reminders';
import { DatabaseStateStorage, openDatabase, type Database } from './platform/storage';
import { TabAuthenticator, tabRoutes } from './http/tab';
import { privacyFeature, registerRetention } from './privacyWiring';

export interface LiaisonApp {
  db: Database;
  http: LiaisonServer;
  /** Every change of a case, decided by the case engine (open, answers, new dates, cancellation…). */
  caseService: CaseService;
  companySettings: CompanySettingsStore;
  /** The answer page's links (bot/http/answerPage): answerUrl for letters and emails, answerLinkStatus for cards. */
  answerLinks: AnswerLinks;
  /** Drains the outbox; exposed so that tests can deliver what is due without waiting for the poll. */
  dispatcher: OutboxDispatcher;
  /** Reminders and daily tasks (bot/services/reminders); `scheduler.daily(name, task)` registers a daily task. */
  scheduler: Scheduler;
  /** Graceful stop: finish the turns and the outbox batch under way, then close storage. */
  stop(): Promise<void>;
}

/** Wires storage, state, adapter, bot, proactive messaging and HTTP server together from a validated configuration. */
export async function createApp(config: Config, logger: Logger): Promise<LiaisonApp> {
  const db = await openDatabase(config.storage);
  const conversationState = new ConversationState(new DatabaseStateStorage(db));
  const adapter = createAdapter(config, conversationState, logger);

  const references = new ConversationReferenceStore(db);
  // Every incoming turn refreshes where its person or channel can be reached later; a failure to remember
  // must not cost the user their answer.
  adapter.use(async (context, next) => {
    await references
      .saveFromActivity(context.activity)
      .catch((error: Error) =>
        logger.error({ err: { message: error.message } }, 'could not save the conversation reference'),
      );
    await next();
  });
  // Reminders (bot/services/reminders): recomputed in the transaction of every case change, fed by /api/absences.
  const scheduler = new Scheduler({ db, logger, pollIntervalMs: config.schedulerPollMs });
  const companySettings = new CompanySettingsStore(db);
  const absenceStore = new AbsenceStore(undefined, companySettings);
  const outbox = new Outbox(db);
  const cases = new CaseStore(db);
  const reminders = new Reminders({ db, cases, outbox, jobs: scheduler.jobs, eligibility: absenceStore });
  // Every case written recomputes its reminders, in the same transaction.
  cases.setOnCaseWritten(reminders.onCaseWritten);
  reminders.register(scheduler);
  const emailSender = config.smtp ? new EmailSender(config.smtp) : undefined;
  const access = AccessControl.fromConfig(db, config, companySettings);
  const caseService = new CaseService({
    db,
    cases,
    outbox,
    companySettings,
    isHr: (tenantId, companyId, aadObjectId) => access.isHr(tenantId, companyId, aadObjectId),
    emailEnabled: emailSender !== undefined,
  });
  const letterLinks = new LetterLinks(db, { publicBaseUrl: config.publicBaseUrl });
  // The answer page (#17): its links for the letters and emails, and answerLinkStatus for the status card.
  const answerLinks = new AnswerLinks(
    { db, cases, companySettings },
    { publicBaseUrl: config.publicBaseUrl },
  );
  const invitations = {
    channelOf: async (liaisonCase: LiaisonCase) =>
      inviteChannelOf(liaisonCase, await companySettings.get(liaisonCase.tenantId, liaisonCase.companyId)),
    email: (liaisonCase: LiaisonCase, lang: string) =>
      emailInvitation({ links: answerLinks, companySettings, sender: emailSender }, liaisonCase, lang),
    linkStatus: (liaisonCase: LiaisonCase) => answerLinks.answerLinkStatus(liaisonCase),
  };
  const letterActions = (liaisonCase: LiaisonCase, locale: string | undefined) =>
    letterDownloadActions(letterLinks, liaisonCase, locale);
  const proofActions = (liaisonCase: LiaisonCase, locale: string | undefined) =>
    proofFileActions(letterLinks, liaisonCase, locale);
  const requestStore = new RequestStore(db);
  const employeeRequests = new EmployeeRequests({ requests: requestStore, outbox, companySettings });
  const dispatcher = new OutboxDispatcher({
    outbox,
    sender: new ProactiveSender({ adapter, botAppId: config.microsoftApp?.id ?? '', references, logger }),
    renderers: new Map([
      [PLAIN_MESSAGE_KIND, renderPlainMessage],
      ...caseFlowRenderers({
        db,
        cases,
        outbox,
        companySettings,
        references,
        access,
        hrAdmins: config.hrAdmins,
        emailSender,
        letterActions,
        proofActions,
        invitations,
      }),
      ...requestRenderers({ requests: requestStore, companySettings, references }),
      ...reminderRenderers({ cases, companySettings, references, emailSender }),
    ]),
    logger,
    onUndeliverable: notifyManagerOfUndeliveredInvitation({ db, cases, outbox, references }),
  });

  const cardActions: CardActionDeps = {
    cases,
    caseService,
    requests: { store: requestStore, service: employeeRequests },
    letterActions,
    proofActions,
    answerLinkStatus: invitations.linkStatus,
    isHr: (tenantId, companyId, aadObjectId) => access.isHr(tenantId, companyId, aadObjectId),
    companySettings,
  };
  const faqDeps = {
    logger,
    settingsOf: (tenantId: string, companyId: string) => companySettings.get(tenantId, companyId),
  };
  const caseDialogs = new CaseDialogRunner({
    conversationState,
    now: () => new Date(),
    openCase: (request, caller) => caseService.open(request, caller),
    submitRequest: (submission, today) => employeeRequests.submit(submission, today),
    prefillFromRequest: caseFromRequest({ requests: requestStore, access }),
    companySettings,
    // Who may open a case from the command: HR (the directory does not tell Liaison who manages whom yet; the
    // manager the employee named opens it from their request). Local mode with no HR named: everybody.
    mayOpenFor: async (context) => {
      const company = companyOfActivity(context.activity);
      const hr =
        !!company &&
        (await access.isHr(company.tenantId, company.companyId, context.activity.from?.aadObjectId));
      return hr ? 'hr' : null;
    },
    // A question asked mid-dialog: the FAQ's answer card when one matches, as outside the dialog.
    answerQuestion: (context) =>
      answerFaqQuestion(context, context.activity.text ?? '', faqDeps, { onlyAnswers: true }),
    // A second case for someone with one under way: the status card of that case, for whoever may follow it.
    showCase: async (context, caseId) => {
      const card = await caseStatusCardFor(context, cardActions, caseId);
      if (card) await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
    },
    // "Remind me on the first eligible day": a plain message to the opener, that day 09:00 Paris.
    remindOn: ({ tenantId, aadObjectId, day, text }) =>
      db.transaction(async (tx) => {
        const payload: PlainMessagePayload = { target: { aadObjectId }, activity: { type: 'message', text } };
        await outbox.enqueue(tx, {
          tenantId,
          kind: PLAIN_MESSAGE_KIND,
          payload,
          dueAt: parisInstant(day, 9),
        });
      }),
  });
  // The person's rights (bot/services/privacy): HR's export/erase commands, the export download, the daily retention.
  // One authenticator of HR tab tokens: the tab's API and the export download (tied to the asker's identity).
  const tabAuth = new TabAuthenticator({
    appId: config.microsoftApp?.id,
    tenantId: config.microsoftApp?.tenantId,
    publicDomain: config.publicDomain,
    allowedTenants: config.allowedTenants,
  });
  const privacy = privacyFeature({ db, cases, caseService, access, logger, config, auth: tabAuth });
  registerRetention(scheduler, db, logger, config.retention);
  const bot = new LiaisonBot({
    conversationState,
    logger,
    cardActions,
    caseDialogs,
    privacy: privacy.commands,
    settingsOf: faqDeps.settingsOf,
    companySettings: new CompanySettingsCommands({ settings: companySettings, access, logger }),
  });
  const routes: Array<(server: restify.Server) => void> = [];
  routes.push(
    tabRoutes({
      config,
      logger,
      auth: tabAuth,
      access,
      cases,
      settings: companySettings,
      proofSources: { db, cases, companySettings },
      references,
      caseService,
    }),
  );
  routes.push(
    absencesRoutes({
      keys: new AbsenceApiKeys(db),
      feed: new AbsenceFeed({ db, absences: absenceStore, reminders }),
      logger,
      allowedTenants: config.allowedTenants,
    }),
  );
  routes.push(letterRoutes({ db, cases, companySettings, logger }));
  routes.push(
    answerPageRoutes({
      links: answerLinks,
      caseService,
      companySettings,
      logger,
      publicBaseUrl: config.publicBaseUrl,
    }),
  );
  routes.push(privacy.routes);
  const http = createServer({ config, adapter, bot, db, logger, routes });
  dispatcher.start();
  scheduler.start();
  return {
    db,
    http,
    caseService,
    companySettings,
    answerLinks,
    dispatcher,
    scheduler,
    stop: async () => {
      await http.drain();
      await scheduler.stop();
      await dispatcher.stop();
      emailSender?.close();
      await db.close();
    },
  };
}
