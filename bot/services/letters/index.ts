// bot/services/letters: the letters for employees not on Teams, and the case's proof file.
/**
 * bot/services/letters — the two letters for an employee who is not on Teams (the information letter and the invitation),
 * in French and English: their words (locales/<lang>/letters.json), their A4 PDF (pdfkit), the email that carries
 * them (through the bot's EmailSender), and signed, expiring download links served at GET /letters/:token.
 * Nothing medical can go in: the inputs have no field for it. Also the case's proof file (proof.ts): its dated
 * trail as PDF and JSON, for HR and the case's manager. See docs/letters.md.
 */
export {
  informationLetterInput,
  isInvitationInput,
  letterInputFromCase,
  LETTER_KINDS,
  type InformationLetterInput,
  type InvitationLetterInput,
  type LetterContact,
  type LetterExtras,
  type LetterInput,
  type LetterKind,
} from './input';
export { composeLetter, letterFilename, letterText, type LetterContent, type LetterSection } from './content';
export { renderLetterPdf, toWinAnsi, type RenderOptions } from './pdf';
export { composeLetterEmail, emailLetter, type EmailLetterOutcome } from './email';
export {
  DEFAULT_LINK_TTL_SECONDS,
  LetterLinks,
  LETTERS_PATH,
  LINK_KINDS,
  type LinkKind,
  type LetterLinksOptions,
  type LetterRef,
  type LinkVerdict,
} from './links';
export { AppSecrets } from '../../platform/storage/secrets';
export { LETTER_MIGRATIONS } from '../../platform/storage/schema/letters';
export { letterDownloadActions, proofFileActions, type LetterDownloadAction } from './actions';
export {
  buildProofFile,
  PROOF_FORMATS,
  proofFacts,
  proofFilename,
  proofJson,
  renderProofPdf,
  type ProofEvent,
  type ProofEventKind,
  type ProofFile,
  type ProofFormat,
  type ProofInput,
  type ProofRequest,
} from './proof';
export { proofFileOf, type ProofSources } from './proofSource';
