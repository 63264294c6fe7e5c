// `spst.acknowledge`: the SPST contact acknowledges the notice of the offer its card was sent for.
import type { CaseChange } from '../../../services/caseFlow';
import { companyNameOf, refusalCard, spstAcknowledgedCard } from '../../../../cards/caseCards';
import { employerContactOf, spstNoticeCardFor } from '../../../../cards/noticeCards';
import { caseVerb, offerOf } from '../caseAction';

/** The engine decides who is the SPST contact; an old card gets the newer notice instead. */
export default caseVerb('spst.acknowledge', async ({ data, liaisonCase, caller, t, deps }) => {
  const change: CaseChange = { type: 'acknowledge_spst', offer: offerOf(data) };
  const outcome = await deps.caseService.change(liaisonCase.tenantId, liaisonCase.id, change, caller);
  if (outcome.outcome !== 'refused') return spstAcknowledgedCard(outcome.case, t);
  if (outcome.reason === 'stale_card' && outcome.case) {
    const settings = (await deps.companySettings?.get(liaisonCase.tenantId, liaisonCase.companyId)) ?? {};
    return spstNoticeCardFor(outcome.case, t, {
      notice: outcome.case.offer > 1 ? 'change' : 'notice',
      companyName: companyNameOf(settings, t),
      contact: employerContactOf(outcome.case, settings.hrContact),
    });
  }
  return refusalCard(outcome.reason, t);
});
