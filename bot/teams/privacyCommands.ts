// HR's privacy commands in Teams: export an employee's data, erase it after confirmation.
import { MessageFactory, type TurnContext } from 'botbuilder';
import { cardAttachment } from '../../cards';
import { companyOfActivity, type AccessControl } from '../services/access';
import type { LinkSigner } from '../platform/signedLinks';
import { translatorFor, type Translator } from '../../language/i18n';
import { recognizeDataCommand, type DataCommandVerb } from '../../language/commands';
import type { Logger } from '../platform/logger';
import { parseEmployeeKey, type EmployeeData, type EmployeeKey } from '../services/privacy/employeeData';
import type { PrivacyRequests } from '../services/privacy/privacyRequests';

/**
 * HR's commands for the person's rights, in a 1:1 chat or a channel with the bot:
 *  - "export données <email|id>" / "export data <email|id>": a card with a download link for the JSON export
 *    (Teams 1:1 cannot take a file from a bot without a consent card; a link works everywhere). The link is
 *    signed, expires after EXPORT_LINK_MINUTES and opens once; it carries an id, never the email.
 *  - "effacer données <email|id>" / "erase data <email|id>": a confirmation card (what will be erased), whose
 *    "Erase for good" button erases; the confirmation is single use and expires too.
 * Only HR of the company (bot/services/access) may do either; everything is written to retention_log.
 */
export const EXPORT_PATH = '/api/privacy/export';
export const EXPORT_LINK_MINUTES = 15;
export const ERASE_CONFIRM_MINUTES = 15;
const EXPORT_PURPOSE = 'privacy.export';
const ERASE_PURPOSE = 'privacy.erase';

export interface PrivacyCommandsDeps {
  access: Pick<AccessControl, 'isHr'>;
  employeeData: Pick<EmployeeData, 'preview' | 'eraseEmployee'>;
  requests: PrivacyRequests;
  links: LinkSigner;
  /** Where browsers reach the bot, e.g. https://liaison.example.com (the export link is built on it). */
  publicBaseUrl: string;
  logger: Logger;
}

/** The command in a typed text, with its employee key (undefined when missing or not an email/id). */
export function recognizePrivacyCommand(
  text: string,
): { verb: DataCommandVerb; key: EmployeeKey | undefined } | undefined {
  // Teams may send an email as a mailto link; the mention of the bot is removed before.
  const plain = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const command = recognizeDataCommand(plain);
  if (!command) return undefined;
  const { verb, rest } = command;
  return { verb, key: rest && !/\s/.test(rest) ? parseEmployeeKey(rest) : undefined };
}

interface PrivacySubmit {
  liaisonPrivacy: 'erase.confirm' | 'erase.cancel';
  token?: string;
}

/** The erasure's confirmation card submitted (`data.liaisonPrivacy`): the card actions' registry routes it here. */
export function isPrivacySubmit(value: unknown): value is PrivacySubmit {
  const action = (value as { liaisonPrivacy?: unknown } | null | undefined)?.liaisonPrivacy;
  return action === 'erase.confirm' || action === 'erase.cancel';
}

const describeKey = (key: EmployeeKey) => key.value;

export class PrivacyCommands {
  constructor(private readonly deps: PrivacyCommandsDeps) {}

  /**
   * Handles the export/erase commands and the erasure's confirmation card; false when the turn is neither (the
   * caller then goes on with its other handlers). `text` is the turn's text with the bot's mention removed.
   */
  async handle(context: TurnContext, text: string = context.activity.text ?? ''): Promise<boolean> {
    const submit = isPrivacySubmit(context.activity.value) ? context.activity.value : undefined;
    const command = submit ? undefined : recognizePrivacyCommand(text);
    if (!submit && !command) return false;
    const t = translatorFor(context.activity.locale, 'privacy');

    const company = companyOfActivity(context.activity);
    if (!company) {
      await context.sendActivity(t('noTenant'));
      return true;
    }
    const caller = context.activity.from?.aadObjectId;
    if (!(await this.deps.access.isHr(company.tenantId, company.companyId, caller))) {
      this.deps.logger.info(
        { event: 'privacy.refused', tenantId: company.tenantId },
        'privacy request refused',
      );
      await context.sendActivity(t('notAllowed'));
      return true;
    }
    if (submit) {
      await this.answerConfirmation(context, submit, company.tenantId, caller, t);
      return true;
    }
    if (!command?.key) {
      await context.sendActivity(t('usage'));
      return true;
    }
    const request = { ...company, key: command.key, requestedBy: caller ?? null };
    if (command.verb === 'export') await this.offerExport(context, request, t);
    else await this.askErasure(context, request, t);
    return true;
  }

  private async offerExport(
    context: TurnContext,
    request: { tenantId: string; companyId: string; key: EmployeeKey; requestedBy: string | null },
    t: Translator,
  ) {
    const { cases } = await this.deps.employeeData.preview(request.tenantId, request.companyId, request.key);
    const ttlMs = EXPORT_LINK_MINUTES * 60_000;
    const id = await this.deps.requests.create({ ...request, action: 'export' }, ttlMs);
    const token = await this.deps.links.sign(
      // Bound to the person who asked (finding 10): the download also needs their identity (exportRoute.ts).
      {
        purpose: EXPORT_PURPOSE,
        tenantId: request.tenantId,
        companyId: request.companyId,
        subject: { id, by: request.requestedBy ?? '' },
      },
      ttlMs,
    );
    const url = `${this.deps.publicBaseUrl.replace(/\/+$/, '')}${EXPORT_PATH}/${token}`;
    this.deps.logger.info(
      { event: 'privacy.exportOffered', tenantId: request.tenantId },
      'export link issued',
    );
    const key = describeKey(request.key);
    const cardsT = translatorFor(context.activity.locale);
    const summary = cases > 0 ? t('export.summary', { cases, key }) : t('export.none', { key });
    await context.sendActivity(
      MessageFactory.attachment(
        cardAttachment('privacyExport', cardsT, { summary, url, minutes: EXPORT_LINK_MINUTES }),
      ),
    );
  }

  private async askErasure(
    context: TurnContext,
    request: { tenantId: string; companyId: string; key: EmployeeKey; requestedBy: string | null },
    t: Translator,
  ) {
    const preview = await this.deps.employeeData.preview(request.tenantId, request.companyId, request.key);
    const ttlMs = ERASE_CONFIRM_MINUTES * 60_000;
    const id = await this.deps.requests.create({ ...request, action: 'erase' }, ttlMs);
    const token = await this.deps.links.sign(
      { purpose: ERASE_PURPOSE, tenantId: request.tenantId, companyId: request.companyId, subject: { id } },
      ttlMs,
    );
    const summary = t('erase.summary', { ...preview, key: describeKey(request.key) });
    await context.sendActivity(
      MessageFactory.attachment(
        cardAttachment('privacyErase', translatorFor(context.activity.locale), {
          summary,
          token,
          minutes: ERASE_CONFIRM_MINUTES,
        }),
      ),
    );
  }

  private async answerConfirmation(
    context: TurnContext,
    submit: PrivacySubmit,
    tenantId: string,
    caller: string | undefined,
    t: Translator,
  ) {
    const verified =
      typeof submit.token === 'string'
        ? await this.deps.links.verify(submit.token, ERASE_PURPOSE)
        : undefined;
    const claims = verified?.ok ? verified.claims : undefined;
    const id = claims?.tenantId === tenantId ? claims.subject.id : undefined;
    // Taking the request makes the card single use, whichever button is pressed.
    const request = id ? await this.deps.requests.take(id, tenantId, 'erase') : null;
    if (submit.liaisonPrivacy === 'erase.cancel') {
      await context.sendActivity(t('erase.cancelled'));
      return;
    }
    // Only the person who asked may confirm (a card forwarded to someone else does nothing).
    if (!request || request.requestedBy !== (caller ?? null)) {
      await context.sendActivity(t('erase.expired'));
      return;
    }
    const report = await this.deps.employeeData.eraseEmployee(
      request.tenantId,
      request.companyId,
      request.key,
      caller,
    );
    this.deps.logger.info(
      { event: 'privacy.erased', tenantId, cases: report.cases },
      'employee data erased on HR request',
    );
    await context.sendActivity(t('erase.done', { ...report }));
  }
}

export { EXPORT_PURPOSE, ERASE_PURPOSE };
