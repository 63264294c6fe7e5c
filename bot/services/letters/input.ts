// What a letter is built from: its kind, the employee, the company, the contacts (nothing medical).
import type { LiaisonCase } from '../cases';
import type { CompanySettings } from '../settings/companySettingsStore';
import { referentHandicap, type IsoDate } from '../../../domain';

export type LetterKind = 'information' | 'invitation';
export const LETTER_KINDS: readonly LetterKind[] = ['information', 'invitation'];

/** Someone the employee may write to or call; every field but the name is optional. */
export interface LetterContact {
  name: string;
  email?: string;
  phone?: string;
  address?: string;
  website?: string;
}

/**
 * What the information letter needs: who writes, to whom, when. No case is needed (the employer must inform the
 * employee before any meeting exists), and nothing about the employee's health can be passed in.
 */
export interface InformationLetterInput {
  /** The day the letter is dated, 'YYYY-MM-DD' (Paris); the caller decides it, nothing here reads a clock. */
  letterDate: IsoDate;
  employee: { name: string; email?: string; postalAddress?: string };
  company: { name: string; postalAddress?: string; city?: string };
  /** The HR contact printed under "your contacts"; the letter names HR generically without it. */
  hr?: LetterContact;
  /** The company's SPST, as configured (CompanySettings.spstContact). */
  spst?: LetterContact;
  /** The company has a référent handicap the employee may ask for (domain referentHandicap().canBeOffered). */
  referentCanBeOffered: boolean;
  /** Who signs; "Human Resources" in the letter's language when absent. */
  signatory?: string;
}

/** The invitation adds the meeting, read from the stored case. */
export interface InvitationLetterInput extends InformationLetterInput {
  initiator: LiaisonCase['initiator'];
  /** The employee's manager; absent when the case names none (HR then answers for the employer). */
  manager?: { name: string };
  meeting: LiaisonCase['meeting'];
  spstAttends: boolean;
  spstNoticeDate?: IsoDate;
  referentRequested: boolean;
  /** The employee asked that their manager not attend: the letter then names HR instead. */
  withoutManager: boolean;
}

export type LetterInput = InformationLetterInput | InvitationLetterInput;

export function isInvitationInput(input: LetterInput): input is InvitationLetterInput {
  return 'meeting' in input && input.meeting !== undefined;
}

/** Options the settings cannot give today: an HR contact, a signatory, the company's postal address. */
export interface LetterExtras {
  hr?: LetterContact;
  signatory?: string;
  company?: { postalAddress?: string; city?: string };
  employeePostalAddress?: string;
}

function spstOf(settings: CompanySettings): LetterContact | undefined {
  const contact = settings.spstContact;
  if (!contact) return undefined;
  const { name, email, phone, address, website } = contact;
  return { name, email, phone, address, website };
}

function referentOffered(settings: CompanySettings): boolean {
  return referentHandicap({
    policy: settings.policy,
    headcount: settings.headcount ?? 0,
    designated: settings.referentDesignated ?? false,
    employeeAsked: false,
  }).canBeOffered;
}

/** The information letter from the employee's name and the company's settings (no case needed). */
export function informationLetterInput(args: {
  employeeName: string;
  employeeEmail?: string;
  settings: CompanySettings;
  /** Shown when the settings have no company name. */
  companyId: string;
  letterDate: IsoDate;
  extras?: LetterExtras;
}): InformationLetterInput {
  const { settings, extras = {} } = args;
  return {
    letterDate: args.letterDate,
    employee: {
      name: args.employeeName,
      email: args.employeeEmail,
      postalAddress: extras.employeePostalAddress,
    },
    company: { name: settings.companyName ?? args.companyId, ...extras.company },
    hr: extras.hr ?? settings.hrContact,
    spst: spstOf(settings),
    referentCanBeOffered: referentOffered(settings),
    signatory: extras.signatory,
  };
}

/** Both letters' input from the STORED case and the company's settings. */
export function letterInputFromCase(
  liaisonCase: LiaisonCase,
  settings: CompanySettings,
  options: { letterDate: IsoDate; extras?: LetterExtras },
): InvitationLetterInput {
  return {
    ...informationLetterInput({
      employeeName: liaisonCase.employee.name,
      employeeEmail: liaisonCase.employee.email,
      settings,
      companyId: liaisonCase.companyId,
      letterDate: options.letterDate,
      extras: options.extras,
    }),
    initiator: liaisonCase.initiator,
    ...(liaisonCase.manager ? { manager: { name: liaisonCase.manager.name } } : {}),
    meeting: liaisonCase.meeting,
    spstAttends: liaisonCase.spst.attendance === 'attend',
    spstNoticeDate: liaisonCase.spst.noticeDate,
    referentRequested: liaisonCase.wishes.referent,
    withoutManager: liaisonCase.wishes.withoutManager,
  };
}
