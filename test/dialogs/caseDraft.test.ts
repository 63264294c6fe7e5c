// A typed name or link (TEXT_PROMPT of every flow): screened as free text before a step receives it.
import { ComponentDialog, WaterfallDialog } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';
import { translatorFor } from '../../language/i18n';
import { MAX_ANSWER_LENGTH, sharedPrompts, TEXT_PROMPT } from '../../dialogs/caseDraft';

/** One question asked with TEXT_PROMPT; the dialog ends with what the step received. */
class OneTypedName extends ComponentDialog {
  constructor() {
    super('oneTypedName');
    this.addDialog(
      new WaterfallDialog('steps', [
        (step) => step.prompt(TEXT_PROMPT, 'Name?'),
        (step) => step.endDialog(step.result),
      ]),
    );
    for (const prompt of sharedPrompts()) this.addDialog(prompt);
  }
}

describe.each([
  ['fr-FR', translatorFor('fr', 'caseDialog')],
  ['en-US', translatorFor('en', 'caseDialog')],
])('a typed name, %s', (locale, t) => {
  const ask = async (...answers: string[]) => {
    const client = new DialogTestClient('msteams', new OneTypedName());
    await client.sendActivity({ type: 'message', locale, text: 'start' });
    const replies: string[] = [];
    for (const text of answers) {
      let reply = await client.sendActivity({ type: 'message', locale, text });
      while (reply) {
        replies.push(String(reply.text ?? ''));
        reply = client.getNextReply();
      }
    }
    return { replies, result: client.dialogTurnResult.result as unknown };
  };

  test('a health detail, however written, gets the kind notice and is not kept', async () => {
    for (const typed of ['Jean Dupont, en burn-out', 'Jean Dupont c-a-n-c-e-r', 'Jean, vu par le psy']) {
      const { replies, result } = await ask(typed);
      expect(replies[0]).toBe(t('errors.health'));
      expect(replies.join(' ')).not.toContain(typed);
      expect(result).toBeUndefined();
    }
  });

  test('an invisible character, a line break or an over-long name is refused with the length rule', async () => {
    for (const typed of ['Jean\u200B Dupont', 'Jean\nDupont', 'J'.repeat(MAX_ANSWER_LENGTH + 1)]) {
      const { replies, result } = await ask(typed);
      expect(replies[0]).toBe(t('errors.textLength', { max: MAX_ANSWER_LENGTH }));
      expect(result).toBeUndefined();
    }
  });

  test('an ordinary name goes through, normalised', async () => {
    const { result } = await ask('  Jean   Dupont ');
    expect(result).toBe('Jean Dupont');
  });

  test('after a refusal, a good answer is taken', async () => {
    const { result } = await ask('Jean, en dépression', 'Jean Dupont');
    expect(result).toBe('Jean Dupont');
  });
});
