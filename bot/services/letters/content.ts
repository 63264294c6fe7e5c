// The words of the two letters (information, invitation), composed from the stored case in its language.
import { meetingMode } from '../../../cards/caseCards';
import { formatIsoDate } from '../../../language/dates';
import { languageOf, translatorFor, type Language, type Translator } from '../../../language/i18n';
import {
  isInvitationInput,
  type InformationLetterInput,
  type InvitationLetterInput,
  type LetterContact,
  type LetterInput,
  type LetterKind,
} from './input';

/** One block of the letter's body: an optional heading, paragraphs, and facts shown as an indented list. */
export interface LetterSection {
  heading?: string;
  paragraphs?: string[];
  facts?: string[];
}

/**
 * A letter as words, before any layout: the PDF and the email both read it, so that they can never disagree.
 * Every sentence comes from locales/<language>/letters.json; values (names, dates, places) are the input's.
 */
export interface LetterContent {
  kind: LetterKind;
  language: Language;
  /** The company, as printed in the header: name then postal address lines. */
  sender: string[];
  /** "Personal and confidential", the employee's name and postal address lines. */
  recipient: string[];
  placeAndDate: string;
  objectLabel: string;
  object: string;
  greeting: string;
  sections: LetterSection[];
  closing: string;
  signature: string[];
  /** Printed at the bottom of every page, beside the page number. */
  footer: string;
  /** "Page {page} sur {pages}": the page numbers are known only once the PDF is laid out. */
  pageFormat: string;
}

const lines = (text: string | undefined) =>
  (text ?? '')
    .split(/\r?\n|,\s*(?=\d{5}\b)/)
    .map((line) => line.trim())
    .filter(Boolean);

/** "Le référent handicap" → "le référent handicap", for a list in the middle of a sentence. */
const lowerFirst = (text: string) => text.charAt(0).toLocaleLowerCase() + text.slice(1);

function contactDetails(contact: LetterContact): string {
  return [contact.name, contact.phone, contact.email, contact.address, contact.website]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(', ');
}

function contactsSection(input: LetterInput, t: Translator): LetterSection {
  const facts: string[] = [];
  if (isInvitationInput(input) && input.manager) {
    facts.push(t('common.managerContact', { name: input.manager.name }));
  }
  if (input.hr) facts.push(t('common.hrContact', { details: contactDetails(input.hr) }));
  facts.push(
    input.spst ? t('common.spstContact', { details: contactDetails(input.spst) }) : t('common.spstUnknown'),
  );
  return { heading: t('common.contactsTitle'), facts };
}

function informationSections(input: InformationLetterInput, t: Translator): LetterSection[] {
  return [
    {
      paragraphs: [
        t('information.intro'),
        t('information.purpose', { companyName: input.company.name }),
        t('common.notMedical'),
        t('common.noConsequence'),
        [
          t('information.participants'),
          ...(input.referentCanBeOffered ? [t('information.referent')] : []),
        ].join(' '),
        t('information.modes'),
        t('information.anyTime'),
        t('information.howToAsk'),
        t('information.prereprise'),
      ],
    },
    contactsSection(input, t),
    { paragraphs: [t('common.dataNotice')] },
  ];
}

function participants(input: InvitationLetterInput, t: Translator): string {
  const inCards = (key: string, options: Record<string, unknown> = {}) => t(key, { ns: 'cards', ...options });
  return [
    input.withoutManager || !input.manager
      ? t('invitation.hrRepresentative')
      : inCards('case.manager', { name: input.manager.name }),
    ...(input.spstAttends ? [lowerFirst(inCards('case.spstAttends'))] : []),
    ...(input.referentRequested ? [lowerFirst(inCards('case.referent'))] : []),
  ].join(', ');
}

function invitationSections(input: InvitationLetterInput, t: Translator): LetterSection[] {
  const { meeting } = input;
  const facts = [
    t('invitation.date', { date: formatIsoDate(meeting.date, t) }),
    ...(meeting.time ? [t('invitation.time', { time: meeting.time })] : []),
    t('invitation.mode', { mode: meetingMode(meeting, t) }),
    t('invitation.participants', { participants: participants(input, t) }),
  ];
  const spst = input.spstNoticeDate
    ? t('invitation.spstInformedOn', { date: formatIsoDate(input.spstNoticeDate, t) })
    : t('invitation.spstInformed');
  const offerReferent = input.referentCanBeOffered && !input.referentRequested;
  return [
    {
      paragraphs: [
        t(input.initiator === 'employee' ? 'invitation.introEmployee' : 'invitation.introEmployer'),
        t('invitation.purpose'),
      ],
    },
    { heading: t('invitation.detailsTitle'), facts },
    {
      paragraphs: [
        [spst, ...(offerReferent ? [t('invitation.referentOffer')] : [])].join(' '),
        t('common.notMedical'),
        [t('common.noConsequence'), t('invitation.laterRequest')].join(' '),
        t('invitation.otherDate'),
        input.manager
          ? t('invitation.howToAnswer', { manager: input.manager.name })
          : t('invitation.howToAnswerHr'),
      ],
    },
    contactsSection(input, t),
    { paragraphs: [t('common.dataNotice')] },
  ];
}

/** The words of the letter `kind` for `input`, in `language` ('fr', 'en' or a locale such as 'en-GB'). */
export function composeLetter(input: LetterInput, kind: LetterKind, language: string): LetterContent {
  if (kind === 'invitation' && !isInvitationInput(input)) {
    throw new TypeError('The invitation letter needs the meeting: build its input with letterInputFromCase.');
  }
  const lang = languageOf(language);
  const t = translatorFor(lang, 'letters');
  const date = formatIsoDate(input.letterDate, t);
  const { company, employee } = input;
  return {
    kind,
    language: lang,
    sender: [company.name, ...lines(company.postalAddress)],
    recipient: [t('common.personal'), employee.name, ...lines(employee.postalAddress)],
    placeAndDate: company.city
      ? t('common.madeAtOn', { place: company.city, date })
      : t('common.madeOn', { date }),
    objectLabel: t('common.objectLabel'),
    object: t(`${kind}.object`),
    greeting: t('common.greeting', { name: employee.name }),
    sections:
      kind === 'invitation'
        ? invitationSections(input as InvitationLetterInput, t)
        : informationSections(input, t),
    closing: t('common.closing'),
    signature: [
      t('common.signatureFor', { companyName: company.name }),
      input.signatory ?? t('common.defaultSignatory'),
    ],
    footer: t('common.legalBasis'),
    pageFormat: t('common.page', { page: '{page}', pages: '{pages}' }),
  };
}

/** Every sentence of the letter in reading order, e.g. for an email's plain text or a test. */
export function letterText(content: LetterContent): string {
  return [
    ...content.sender,
    ...content.recipient,
    content.placeAndDate,
    `${content.objectLabel} ${content.object}`,
    content.greeting,
    ...content.sections.flatMap((section) => [
      ...(section.heading ? [section.heading] : []),
      ...(section.paragraphs ?? []),
      ...(section.facts ?? []),
    ]),
    content.closing,
    ...content.signature,
  ].join('\n');
}

/** `liaison-invitation-2026-12-07.pdf` (the meeting's day) or `liaison-information-2026-11-23.pdf` (the letter's). */
export function letterFilename(input: LetterInput, kind: LetterKind): string {
  const day = kind === 'invitation' && isInvitationInput(input) ? input.meeting.date : input.letterDate;
  return `liaison-${kind}-${day}.pdf`;
}
