// `request.acknowledge`: HR or the manager the employee named notes the employee's own request, once.
import { proposalDueOf } from '../../../services/requests';
import { accessWith } from '../../../services/access';
import { employeeRequestCard, refusalCard } from '../../../../cards/caseCards';
import { todayOf } from '../caseAction';
import type { ExecuteHandler } from '../types';

/**
 * On the request card (whose id the card carries as `caseId`): the stored request decides who may note it; the
 * employee is then told. Anyone else gets a refusal; a second click changes nothing.
 */
const requestAcknowledge: ExecuteHandler = {
  verb: 'request.acknowledge',
  async handle({ context, data, tenantId, t, deps }) {
    const requestId = data.caseId;
    if (!deps.requests || !tenantId || typeof requestId !== 'string') return refusalCard('unknown', t);
    const { store, service } = deps.requests;
    const request = await store.get(tenantId, requestId);
    if (!request) return refusalCard('unknown', t);
    const { from } = context.activity;
    const callerId = from?.aadObjectId;
    if (!(await accessWith(deps.isHr).mayHandleRequest({ tenantId, aadObjectId: callerId }, request))) {
      return refusalCard('notAllowed', t);
    }
    const result = await store.acknowledge(
      tenantId,
      requestId,
      { on: todayOf(deps), by: { aadObjectId: callerId ?? '', name: from?.name ?? '' } },
      (tx, acknowledged) => service.enqueueAcknowledged(tx, acknowledged),
    );
    if (!result) return refusalCard('unknown', t);
    return employeeRequestCard(result.request, proposalDueOf(result.request), t);
  },
};

export default requestAcknowledge;
