// `invitation.reschedule`: "another date or arrangement" — up to two wished days, a part of the day, choices only.
import type { EmployeeWishes, LiaisonCase } from '../../../services/cases';
import { isIsoDate, type IsoDate } from '../../../../domain';
import { employeeCaseCard, refusalCard } from '../../../../cards/caseCards';
import { accessOf, answerInvitation, caseVerb, offerOf } from '../caseAction';

/**
 * Up to two wished days (real, not passed), a part of the day, the référent, rather without the manager — choices
 * only, no free text. A wish that is not a day to come is said on the employee's card; nothing changes.
 */
export default caseVerb('invitation.reschedule', async (action) => {
  const { data, liaisonCase, t, today } = action;
  const wishes = wishesOf(data, liaisonCase, today);
  if (!wishes) {
    if (!accessOf(action).mayAnswerInvitation(action.who, liaisonCase)) return refusalCard('notAllowed', t);
    return employeeCaseCard(liaisonCase, t, { today, error: t('case.errorPastDate', { ns: 'cards' }) });
  }
  return answerInvitation(action, { type: 'ask_other_date', offer: offerOf(data), wishes });
});

function wishesOf(
  data: Record<string, unknown>,
  liaisonCase: LiaisonCase,
  today: IsoDate,
): EmployeeWishes | null {
  const dates: IsoDate[] = [];
  for (const value of [data.preferredDate1, data.preferredDate2]) {
    if (value === undefined || value === '') continue;
    if (!isIsoDate(value) || value < today) return null;
    if (!dates.includes(value)) dates.push(value);
  }
  const partOfDay =
    data.partOfDay === 'morning' || data.partOfDay === 'afternoon' ? data.partOfDay : undefined;
  const referentOffered = liaisonCase.referentOffered ?? true;
  return {
    dates,
    withoutManager: data.withoutManager === 'true',
    referent: referentOffered && data.referentRequested === 'true',
    ...(partOfDay ? { partOfDay } : {}),
  };
}
