// The card buttons that open a case's letters and proof file through signed links.
import type { LiaisonCase } from '../cases';
import { languageOf, translatorFor } from '../../../language/i18n';
import { LETTER_KINDS, type LetterKind } from './input';
import type { LetterLinks } from './links';

export interface LetterDownloadAction {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
}

/**
 * Adaptive Card buttons that open the case's letters (signed links, 7 days), titled in `locale`'s language: ready
 * to append to a card's `actions`, e.g. the manager's status card. The invitation is left out once the meeting
 * is cancelled (its link would answer 410).
 */
export async function letterDownloadActions(
  links: LetterLinks,
  liaisonCase: LiaisonCase,
  locale: string | undefined,
): Promise<LetterDownloadAction[]> {
  const lang = languageOf(locale);
  const t = translatorFor(lang, 'letters');
  const kinds: LetterKind[] = LETTER_KINDS.filter(
    (kind) => kind === 'information' || liaisonCase.state !== 'cancelled',
  );
  return Promise.all(
    kinds.map(async (kind) => ({
      type: 'Action.OpenUrl' as const,
      title: t(`actions.${kind}`),
      url: await links.letterLink(liaisonCase.tenantId, liaisonCase.id, kind, lang),
    })),
  );
}

/**
 * Adaptive Card buttons that open the case's proof file (signed links, 7 days), as a PDF and as JSON, titled in
 * `locale`'s language — for HR and the case's manager only: put them on the manager's status card or an HR card,
 * never on a card the employee or the SPST receives (the link is the only credential).
 */
export async function proofFileActions(
  links: LetterLinks,
  liaisonCase: LiaisonCase,
  locale: string | undefined,
): Promise<LetterDownloadAction[]> {
  const lang = languageOf(locale);
  const t = translatorFor(lang, 'letters');
  return [
    {
      type: 'Action.OpenUrl',
      title: t('actions.proofPdf'),
      url: await links.letterLink(liaisonCase.tenantId, liaisonCase.id, 'proof_pdf', lang),
    },
    {
      type: 'Action.OpenUrl',
      title: t('actions.proofJson'),
      url: await links.letterLink(liaisonCase.tenantId, liaisonCase.id, 'proof_json', lang),
    },
  ];
}
