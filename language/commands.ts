// The words the bot treats as commands, in either language whatever the user's locale.
import words from './data/commands.json';
/**
 * The few words the bot treats as commands, in either language whatever the user's locale (a French
 * speaker may run an English Teams client). Everything else is a question or a step of a dialog.
 */
export type Command = 'help' | 'newCase' | 'settings' | 'hrChannel';
/** What a guided conversation hears between its steps. */
export type Interruption = 'cancel' | 'back' | 'help';

/**
 * The typed words, in language/data/commands.json: the commands, the interruptions of a guided conversation,
 * the manager's form's own words, and the answers "me" / "I don't know" to "who is the manager?". Written as
 * normaliseCommandText leaves them (lower case, no accents).
 */
const COMMAND_WORDS: Record<Command, readonly string[]> = words.commands;
export const INTERRUPTION_WORDS: Record<Interruption, readonly string[]> = words.interruptions;
export const CASE_FORM_WORDS: Record<'cancel' | 'guided', readonly string[]> = words.caseForm;
export const MANAGER_ANSWER_WORDS: Record<'myself' | 'unknown', readonly string[]> = words.managerAnswers;

/** Lowercase, accents removed, surrounding punctuation and spaces trimmed. */
export function normaliseCommandText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^[\s.!,;:/]+|[\s.!,;:]+$/g, '');
}

/** The key of `words` whose list holds the normalised text, if any. */
export function recognizeWord<Word extends string>(
  text: string,
  words: Record<Word, readonly string[]>,
): Word | undefined {
  const normalised = normaliseCommandText(text);
  return (Object.keys(words) as Word[]).find((word) => words[word].includes(normalised));
}

export function recognizeCommand(text: string): Command | undefined {
  return recognizeWord(text, COMMAND_WORDS);
}

/** A data command HR types: "export données <who>", "effacer les données de <who>", "erase data of <who>"… */
export type DataCommandVerb = 'export' | 'erase';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Longest first, so that "exporter" is not read as "export" followed by "er". */
const alternatives = (list: readonly string[]) =>
  [...list]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
const { verbs: DATA_VERBS, articles, nouns, prepositions } = words.dataCommands;
const DATA_COMMAND = new RegExp(
  `^(${alternatives([...DATA_VERBS.export, ...DATA_VERBS.erase])})\\s+(?:(?:${alternatives(articles)})\\s+)?` +
    `(?:${alternatives(nouns)})(?:\\s+(?:${alternatives(prepositions)}))?(?:\\s+(.*))?$`,
  'i',
);

/** The data command in a typed text and what follows it (trimmed, possibly empty), or undefined. */
export function recognizeDataCommand(text: string): { verb: DataCommandVerb; rest: string } | undefined {
  const match = DATA_COMMAND.exec(text);
  if (!match) return undefined;
  const typed = (match[1] ?? '').toLowerCase();
  const verb: DataCommandVerb = DATA_VERBS.export.includes(typed) ? 'export' : 'erase';
  return { verb, rest: (match[2] ?? '').trim() };
}
