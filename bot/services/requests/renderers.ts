// The outbox renderers of a request: the card to HR or the manager, the acknowledgement to the employee.
import { CardFactory, MessageFactory } from 'botbuilder';
import type { ClaimedMessage } from '../cases';
import type { CompanySettingsStore } from '../settings/companySettingsStore';
import { translatorFor } from '../../../language/i18n';
import {
  messageInRecipientLanguage,
  type ConversationReferenceStore,
  type Renderer,
} from '../../platform/messaging';
import { employeeRequestCard, organiseRequestCard } from '../../../cards/caseCards';
import { formatIsoDate } from '../../../language/dates';
import {
  proposalDueOf,
  REQUEST_ACKNOWLEDGED_KIND,
  REQUEST_NOTICE_KIND,
  REQUEST_ORGANISE_KIND,
  type RequestMessagePayload,
  type RequestNoticePayload,
} from './employeeRequests';
import type { EmployeeRequest, RequestStore } from './requestStore';
import { escapeMarkdown } from '../../../cards/markdown';

export interface RequestRendererDeps {
  requests: RequestStore;
  companySettings: CompanySettingsStore;
  references: ConversationReferenceStore;
}

/** The renderers of the request messages: the request card to HR or the manager, the acknowledgement to the employee. */
export function requestRenderers(deps: RequestRendererDeps): Map<string, Renderer> {
  const loadRequest = async (message: ClaimedMessage): Promise<EmployeeRequest> => {
    const { requestId } = message.payload as RequestMessagePayload;
    const request = await deps.requests.get(message.tenantId, requestId);
    if (!request) throw new Error(`request ${requestId} not found`);
    return request;
  };

  const renderNotice: Renderer = async (message) => {
    const { to } = message.payload as RequestNoticePayload;
    const request = await loadRequest(message);
    const { hrChannelId } = await deps.companySettings.get(message.tenantId, request.companyId);
    const target =
      to === 'hr'
        ? hrChannelId && { channelId: hrChannelId }
        : request.manager.aadObjectId && { aadObjectId: request.manager.aadObjectId };
    if (!target) throw new Error(`no ${to} to send the request to`);
    return messageInRecipientLanguage(deps.references, message.tenantId, target, (locale) =>
      MessageFactory.attachment(
        CardFactory.adaptiveCard(employeeRequestCard(request, proposalDueOf(request), translatorFor(locale))),
      ),
    );
  };

  const renderAcknowledged: Renderer = async (message) => {
    const request = await loadRequest(message);
    const target = { aadObjectId: request.employee.aadObjectId };
    return messageInRecipientLanguage(deps.references, message.tenantId, target, (locale) => {
      const t = translatorFor(locale, 'employeeRequest');
      return MessageFactory.text(
        t('acknowledgedNotice', {
          by: escapeMarkdown(request.acknowledged?.by.name),
          due: formatIsoDate(proposalDueOf(request), t),
        }),
      );
    });
  };

  const renderOrganise: Renderer = async (message) => {
    const request = await loadRequest(message);
    const aadObjectId = request.acknowledged?.by.aadObjectId;
    if (!aadObjectId) throw new Error('the request was not acknowledged by someone Liaison can reach');
    return messageInRecipientLanguage(deps.references, message.tenantId, { aadObjectId }, (locale) =>
      MessageFactory.attachment(
        CardFactory.adaptiveCard(organiseRequestCard(request, proposalDueOf(request), translatorFor(locale))),
      ),
    );
  };

  return new Map([
    [REQUEST_NOTICE_KIND, renderNotice],
    [REQUEST_ACKNOWLEDGED_KIND, renderAcknowledged],
    [REQUEST_ORGANISE_KIND, renderOrganise],
  ]);
}
