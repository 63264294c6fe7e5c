// The words the bot treats as commands, in either language whatever the user's locale.
/**
 * The few words the bot treats as commands, in either language whatever the user's locale (a French
 * speaker may run an English Teams client). Everything else is a question or a step of a dialog.
 */
export type Command = 'help' | 'newCase' | 'settings' | 'hrChannel';

const COMMAND_WORDS: Record<Command, string[]> = {
  help: ['aide', 'help', '?', 'menu', 'que sais-tu faire', 'what can you do'],
  settings: [
    'parametres',
    'reglages',
    'configuration',
    'settings',
    'company settings',
    'parametres entreprise',
  ],
  hrChannel: ['canal rh', 'definir le canal rh', 'hr channel', 'set hr channel', 'set as hr channel'],
  newCase: [
    'nouveau rendez-vous de liaison',
    'nouveau rdv de liaison',
    'organiser un rendez-vous de liaison',
    'new liaison meeting',
    'organise a liaison meeting',
    'organize a liaison meeting',
  ],
};

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
