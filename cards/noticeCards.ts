// Binds the notice cards: the SPST's notice, HR's update and the employee's cancellation.
/**
 * The cards of what the case engine's `notify` sends besides the invitation and the manager's status card: the
 * SPST's notice (first notice, change of date, cancellation), HR's update (one headline per news) and the
 * employee's cancellation. Bound from the STORED case at send time, like every case card; every value a person
 * typed goes through escapeMarkdown.
 *
 * What the SPST reads is limited to identity, date and modality, and the employer's contact (R-DATA-04): never
 * why a meeting will not take place (a decline is the employee's, R-INIT-04), never anything medical.
 */
import type { Translator } from '../language/i18n';
import type { HrContact } from '../domain/companySettings';
import type { CaseEvent as CaseNews, LiaisonCase } from '../domain/liaisonCase';
import type { Meeting } from '../domain';
import { meetingData, wishesData } from './caseCards';
import { formatIsoDate } from '../language/dates';
import { bindCard } from './index';
import { escapeMarkdown } from './markdown';

export type SpstNoticeKind = 'notice' | 'change' | 'cancellation';

/** Whom the SPST may reply to: the company's HR contact when set, else the person who organises the meeting. */
export interface EmployerContact {
  name: string;
  email?: string;
  phone?: string;
  /** The manager (or HR) who organises the meeting, when the contact above is the company's HR contact. */
  organiser?: string;
}

const inCards = (t: Translator, key: string, options: Record<string, unknown> = {}) =>
  t(key, { ns: 'cards', ...options });

/**
 * The employer's contact for the SPST: the company's HR contact (name, email, phone) when configured, with the
 * case's organiser (its manager, else whoever opened it) named beside it; otherwise the organiser alone.
 */
export function employerContactOf(
  liaisonCase: Pick<LiaisonCase, 'manager' | 'openedBy'>,
  hrContact: HrContact | undefined,
): EmployerContact {
  const organiser = (liaisonCase.manager ?? liaisonCase.openedBy).name;
  if (!hrContact?.name) return { name: organiser };
  return {
    name: hrContact.name,
    ...(hrContact.email ? { email: hrContact.email } : {}),
    ...(hrContact.phone ? { phone: hrContact.phone } : {}),
    ...(organiser && organiser !== hrContact.name ? { organiser } : {}),
  };
}

/**
 * The SPST's card: the notice of an offer, the change to a new date (naming the meeting it replaces), or the
 * cancellation (the meeting will not take place; no reason given). Only a notice or a change can be
 * acknowledged, and the button carries the offer it was sent for.
 */
export function spstNoticeCardFor(
  liaisonCase: LiaisonCase,
  t: Translator,
  options: { notice: SpstNoticeKind; replaces?: Meeting; companyName: string; contact: EmployerContact },
): object {
  const { notice, replaces, contact } = options;
  return bindCard('spstNotice', t, {
    ...meetingData(liaisonCase, t),
    notice,
    companyName: escapeMarkdown(options.companyName),
    jobTitle: escapeMarkdown(liaisonCase.employee.jobTitle),
    initiator: inCards(t, liaisonCase.initiator === 'employer' ? 'case.employer' : 'case.employee'),
    employerContact: escapeMarkdown(contact.name),
    contactEmail: escapeMarkdown(contact.email),
    contactPhone: escapeMarkdown(contact.phone),
    organiser: escapeMarkdown(contact.organiser),
    attendance: liaisonCase.spst.attendance,
    ...(notice === 'change' && replaces
      ? { replacesDate: formatIsoDate(replaces.date, t), replacesTime: replaces.time }
      : {}),
    acknowledgeable: notice !== 'cancellation',
  });
}

/**
 * HR's card for one news of the case: what happened (for a decline, the answer itself — HR sees "declined",
 * the manager only "closed"), where the case stands, who organises it, the employee's wishes and the next step.
 */
export function hrNewsCard(liaisonCase: LiaisonCase, news: CaseNews, t: Translator): object {
  return bindCard('hrUpdate', t, {
    ...meetingData(liaisonCase, t),
    ...wishesData(liaisonCase, t),
    news,
    answer: liaisonCase.state,
    stateLabel: inCards(t, `hrUpdate.states.${liaisonCase.state}`),
    openedBy: inCards(t, `hrUpdate.openedBy.${liaisonCase.openedBy.role}`, {
      name: escapeMarkdown(liaisonCase.openedBy.name) || inCards(t, 'hrUpdate.someone'),
    }),
    managerName: escapeMarkdown(liaisonCase.manager?.name) ?? inCards(t, 'hrUpdate.noManager'),
  });
}

/** The employee's card when the meeting they were invited to is cancelled. */
export function employeeCancellationCard(liaisonCase: LiaisonCase, t: Translator): object {
  return bindCard('employeeCancellation', t, meetingData(liaisonCase, t));
}
