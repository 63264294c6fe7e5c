// `case.propose`: a new date from the manager's status card, checked by the engine's date check before anything goes out.
import { isIsoDate, meetingDateCheck } from '../../../../domain';
import { containsHealthDetails } from '../../../../language/health-guard';
import { refusalCard, refusalText } from '../../../../cards/caseCards';
import { formatIsoDate } from '../../../../language/dates';
import { caseVerb } from '../caseAction';
import { mayFollowCase, statusCard, statusOfOutcome } from '../statusCard';

const TIME_SHAPE = /^([01]\d|2[0-3]):[0-5]\d$/;
const MAX_PLACE_LENGTH = 200;

/**
 * After a request for another date, or to change the date: a fresh invitation and a change notice to the SPST go
 * out when the engine accepts it. The place is screened for health details; a bad input is said on the card.
 */
export default caseVerb('case.propose', async (action) => {
  const { data, liaisonCase, caller, t, deps } = action;
  if (!(await mayFollowCase(action))) return refusalCard('notAllowed', t);
  const refuse = (key: string) => statusCard(action, liaisonCase, { error: t(key, { ns: 'cards' }) });
  const date = data.meetingDate;
  const time = typeof data.meetingTime === 'string' ? data.meetingTime.trim().slice(0, 5) : '';
  if (!TIME_SHAPE.test(time)) return refuse('managerStatus.errorTime');
  const mode =
    data.meetingMode === 'remote'
      ? 'remote'
      : data.meetingMode === 'on_site'
        ? 'on_site'
        : liaisonCase.meeting.mode;
  const where = typeof data.meetingPlace === 'string' ? data.meetingPlace.trim() : '';
  if (where.length > MAX_PLACE_LENGTH || (where && containsHealthDetails(where).found)) {
    return refuse('managerStatus.errorPlace');
  }
  if (!isIsoDate(date)) return refuse('managerStatus.errorDateFormat');
  const keepsWhere = mode === liaisonCase.meeting.mode && !where;
  const meeting = {
    date,
    time,
    mode,
    ...(keepsWhere
      ? { place: liaisonCase.meeting.place, link: liaisonCase.meeting.link }
      : where
        ? mode === 'on_site'
          ? { place: where }
          : { link: where }
        : {}),
  } as const;
  const outcome = await deps.caseService.change(
    liaisonCase.tenantId,
    liaisonCase.id,
    { type: 'propose_again', meeting },
    caller,
  );
  return statusOfOutcome(action, outcome, 'propose_again', (reason, details) =>
    reason === 'meeting_invalid'
      ? t('managerStatus.errorDate', {
          ns: 'cards',
          reasons: details.map((problem) => t(`planProblems.${problem}`, { ns: 'caseDialog' })).join(' '),
          earliest: formatIsoDate(
            meetingDateCheck(liaisonCase, action.today, liaisonCase.policy).earliestMeetingDate,
            t,
          ),
        })
      : refusalText(reason, t),
  );
});
