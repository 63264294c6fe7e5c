import { translatorFor } from '../../../language/i18n';
import { TestAdapter, type Activity } from 'botbuilder';
import { LiaisonBot } from '../../../bot/teams/liaisonBot';
import { CaseDialogRunner } from '../../../dialogs';
import { MAX_TEXT_LENGTH } from '../../../bot/teams/liaisonBot';
import { adaptiveCardOf, cardTexts, message, testBot, testBotDeps } from '../../support/bot';

const textOf = (activity: Partial<Activity>) => activity.text ?? '';

describe('LiaisonBot', () => {
  test('"help" in English gets the help card in English', async () => {
    await (
      await testBot()
    )
      .send(message('help', 'en-US'))
      .assertReply((reply) => {
        const texts = cardTexts(adaptiveCardOf(reply)).join(' ');
        expect(texts).toMatch(/your assistant for the liaison meeting/);
        expect(texts).toMatch(/Can I refuse\?/);
        expect(texts).not.toMatch(/Puis-je/);
      })
      .startTest();
  });

  test('"aide" in French, with accents and punctuation around, gets the help card in French', async () => {
    await (
      await testBot()
    )
      .send(message('  Aide ! ', 'fr-FR'))
      .assertReply((reply) => expect(cardTexts(adaptiveCardOf(reply)).join(' ')).toMatch(/Puis-je refuser/))
      .startTest();
  });

  test('a message without locale is answered in French', async () => {
    await (
      await testBot()
    )
      .send(message('xyzzy'))
      .assertReply((reply) => expect(textOf(reply)).toMatch(/rendez-vous de liaison.*« aide »/s))
      .startTest();
  });

  test('an unknown message gets a helpful answer in the user language', async () => {
    await (
      await testBot()
    )
      .send(message('xyzzy', 'en-GB'))
      .assertReply((reply) =>
        expect(textOf(reply)).toMatch(/only answer questions about the liaison meeting.*"help"/s),
      )
      .startTest();
  });

  test.each([
    ['est-ce obligatoire ?', 'fr-FR', /facultatif/],
    ['can I say no?', 'en-US', /optional|decline|refuse/i],
    ["c'est quoi une visite de préreprise", 'fr-FR', /préreprise/],
  ])('the question %j gets an FAQ answer card in its language', async (question, locale, expected) => {
    await (
      await testBot()
    )
      .send(message(question, locale))
      .assertReply((reply) => {
        const texts = cardTexts(adaptiveCardOf(reply)).join(' ');
        expect(texts).toMatch(expected);
        expect(texts).toMatch(locale === 'fr-FR' ? /En savoir plus/ : /Learn more/);
      })
      .startTest();
  });

  test('a question button of a card (data.question, no text) is answered like a typed question', async () => {
    await (
      await testBot()
    )
      .send({ type: 'message', locale: 'fr-FR', value: { question: 'Puis-je refuser ?' } })
      .assertReply((reply) => expect(cardTexts(adaptiveCardOf(reply)).join(' ')).toMatch(/conséquence/))
      .startTest();
  });

  test('a health detail in a question is never repeated: the answer starts with a note that none is needed', async () => {
    await (
      await testBot()
    )
      .send(message("j'ai un cancer, est-ce que je dois y aller ?", 'fr-FR'))
      .assertReply((reply) => {
        const texts = cardTexts(adaptiveCardOf(reply)).join(' ');
        expect(texts).not.toMatch(/cancer/i);
        expect(texts).toMatch(/santé/);
      })
      .startTest();
  });

  test('a medical question gets a redirection, never advice', async () => {
    await (
      await testBot()
    )
      .send(message('which medicine should I take for my back pain?', 'en-US'))
      .assertReply((reply) => expect(textOf(reply)).toMatch(/doctor/))
      .startTest();
  });

  test('an empty message is answered, not ignored', async () => {
    await (
      await testBot()
    )
      .send(message('   ', 'en-US'))
      .assertReply((reply) => expect(textOf(reply)).toMatch(/empty/))
      .startTest();
  });

  test('a 2 MB message gets a clear refusal in the user language', async () => {
    const huge = 'a'.repeat(2 * 1024 * 1024);
    await (
      await testBot()
    )
      .send(message(huge, 'fr-FR'))
      .assertReply((reply) => {
        expect(textOf(reply)).toMatch(/trop long/);
        expect(textOf(reply)).toContain(String(MAX_TEXT_LENGTH));
      })
      .startTest();
  });

  test('greets with the help card when installed, not when someone else joins', async () => {
    const adapter = await testBot();
    const installed: Partial<Activity> = {
      type: 'conversationUpdate',
      locale: 'en-US',
      membersAdded: [{ id: 'bot', name: 'Liaison' }],
      recipient: { id: 'bot', name: 'Liaison' },
    };
    await adapter
      .send(installed)
      .assertReply((reply) => expect(textOf(reply)).toMatch(/Hello, I'm Liaison/))
      .assertReply((reply) => expect(cardTexts(adaptiveCardOf(reply)).join(' ')).toMatch(/liaison meeting/))
      .startTest();

    const someoneElse: Partial<Activity> = { ...installed, membersAdded: [{ id: 'user-2', name: 'X' }] };
    await adapter.send(someoneElse).assertNoReply().startTest();
  });
});

test('a card action on a case that does not exist gets the refusal card', async () => {
  const forged: Partial<Activity> = {
    type: 'invoke',
    name: 'adaptiveCard/action',
    locale: 'en-US',
    channelData: { tenant: { id: 'tenant-a' } },
    from: { id: '29:stranger', name: 'Stranger', aadObjectId: 'stranger' },
    value: { action: { type: 'Action.Execute', verb: 'invitation.accept', data: { caseId: 'forged' } } },
  };
  await (
    await testBot()
  )
    .send(forged)
    .assertReply((reply) => {
      expect(reply.type).toBe('invokeResponse');
      const body = (reply.value as { body: { statusCode: number; type: string; value: unknown } }).body;
      expect(body.statusCode).toBe(200);
      expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(cardTexts(body.value).join(' ')).toMatch(/Action not possible/);
    })
    .startTest();
});

describe('the manager case flow inside the bot', () => {
  async function botWithCaseDialogs() {
    const deps = await testBotDeps();
    const caseDialogs = new CaseDialogRunner({
      conversationState: deps.conversationState,
      now: () => new Date('2026-11-23T10:00:00Z'),
      submitRequest: () => Promise.reject(new Error('not in these tests')),
      openCase: async () => ({ outcome: 'refused', reason: 'meeting_invalid', details: [], case: null }),
    });
    const bot = new LiaisonBot({ ...deps, caseDialogs });
    return new TestAdapter((context) => bot.run(context));
  }

  test('"new liaison meeting" sends the form, and "help" inside the flow explains it, not the help card', async () => {
    await (
      await botWithCaseDialogs()
    )
      .send(message('New liaison meeting', 'en-US'))
      .assertReply((reply) => expect(textOf(reply)).toMatch(/meeting form/))
      .assertReply((reply) =>
        expect(cardTexts(adaptiveCardOf(reply)).join(' ')).toContain(
          translatorFor('en-US')('caseForm.intro', { ns: 'cards' }),
        ),
      )
      .send(message('help', 'en-US'))
      .assertReply((reply) => expect(reply.attachments ?? []).toHaveLength(0))
      .startTest();
  });

  test('the help card button starts the flow in French', async () => {
    await (
      await botWithCaseDialogs()
    )
      .send({ type: 'message', locale: 'fr-FR', value: { question: 'Nouveau rendez-vous de liaison' } })
      .assertReply((reply) => expect(textOf(reply)).toMatch(/formulaire/))
      .assertReply((reply) =>
        expect(cardTexts(adaptiveCardOf(reply)).join(' ')).toContain(
          translatorFor('fr-FR')('caseForm.intro', { ns: 'cards' }),
        ),
      )
      .startTest();
  });
});

describe('FAQ answers show the company contacts', () => {
  const question = {
    ...message('Est-ce que ce rendez-vous est obligatoire ?', 'fr-FR'),
    channelData: { tenant: { id: 't1' } },
  };

  test('the SPST and HR contacts as configured', async () => {
    const deps = await testBotDeps();
    const bot = new LiaisonBot({
      ...deps,
      settingsOf: async () => ({
        spstContact: { name: 'SPST Ouest', phone: '02 00 00 00 00', website: 'https://spst.example' },
        hrContact: { name: 'Service RH', email: 'rh@acme.example' },
      }),
    });
    await new TestAdapter((context) => bot.run(context))
      .send(question)
      .assertReply((reply) => {
        const texts = cardTexts(adaptiveCardOf(reply));
        expect(texts).toEqual(
          expect.arrayContaining([
            'Qui contacter',
            'SPST Ouest · 02 00 00 00 00 · https://spst.example',
            'Service RH · rh@acme.example',
          ]),
        );
      })
      .startTest();
  });

  test('nothing when no contact is configured', async () => {
    const bot = new LiaisonBot({ ...(await testBotDeps()), settingsOf: async () => ({}) });
    await new TestAdapter((context) => bot.run(context))
      .send(question)
      .assertReply((reply) => expect(cardTexts(adaptiveCardOf(reply))).not.toContain('Qui contacter'))
      .startTest();
  });
});

test("HR's privacy commands reach their handler before anything else, card submissions included", async () => {
  const handle = jest.fn(async (_context: unknown, text: string) => text.startsWith('export data'));
  const bot = new LiaisonBot({ ...(await testBotDeps()), privacy: { handle } });
  await new TestAdapter((context) => bot.run(context))
    .send(message('export data camille@example.com', 'en-US'))
    .send(message('est-ce obligatoire ?', 'fr-FR'))
    .assertReply((reply) => expect(reply.attachments).toHaveLength(1))
    .startTest();
  expect(handle.mock.calls.map(([, text]) => text)).toEqual([
    'export data camille@example.com',
    'est-ce obligatoire ?',
  ]);
});
