// The person picker card (Teams people picker or an email) used to name the employee or the manager.
import { MessageFactory, TeamsInfo, type TurnContext } from 'botbuilder';
import {
  Prompt,
  type PromptOptions,
  type PromptRecognizerResult,
  type PromptValidatorContext,
} from 'botbuilder-dialogs';
import { cardAttachment } from '../cards';
import { ENTRA_OBJECT_ID } from '../bot/services/access';
import { translatorFor } from '../language/i18n';
import { MAX_ANSWER_LENGTH, carriesHealthDetails, translatorOf } from './caseDraft';

/** A plain shape check: the directory, not the bot, knows whether the mailbox exists. */
export const EMAIL_SHAPE = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

/** Whom the card asks for. */
export type PersonRole = 'employee' | 'manager';

/** The employee as the card gave them; `name` or `email` may still be '' (then the dialog asks for it). */
export interface PickedPerson {
  name: string;
  email: string;
  aadObjectId?: string;
}

/** What the person prompt ends with: the card's answer, or a typed name (the typed conversation goes on). */
export type PersonAnswer = { picked: PickedPerson } | { typed: string };

/** The card's `Action.Submit` data (`personForm: true`) merged with its inputs, as Teams sends it. */
interface PersonForm {
  personForm: true;
  person?: unknown;
  name?: unknown;
  email?: unknown;
}

/** True when a message's value is a submission of the personPicker card (it arrives without text). */
export function isPersonForm(value: unknown): value is PersonForm {
  return typeof value === 'object' && value !== null && (value as PersonForm).personForm === true;
}

/** What the card shows again after a refusal, so that nothing already typed is lost. */
interface CardValues {
  person?: string;
  name?: string;
  email?: string;
}

/**
 * Step 1's prompt: the personPicker card — the Teams people picker (`Data.Query` on graph.microsoft.com/users)
 * plus typed name and email — recognising either the card's submission or a typed name, as before the card.
 * A refused submission is answered with the reason and the card again, its values kept; nothing is stored.
 */
export class PersonPrompt extends Prompt<PersonAnswer> {
  /**
   * `role`: whom the card asks for — the employee (manager's flow; their email is needed) or the manager (the
   * employee's own request; the email is optional).
   */
  constructor(
    dialogId: string,
    private readonly role: PersonRole = 'employee',
  ) {
    super(dialogId, (prompt) => validatePerson(prompt, role));
  }

  protected async onPrompt(
    context: TurnContext,
    _state: object,
    options: PromptOptions,
    isRetry: boolean,
  ): Promise<void> {
    await sendPersonCard(
      context,
      isRetry && options.retryPrompt ? options.retryPrompt : options.prompt,
      this.role,
    );
  }

  protected async onRecognize(context: TurnContext): Promise<PromptRecognizerResult<PersonAnswer>> {
    const { value, text } = context.activity;
    if (isPersonForm(value)) {
      const field = (input: unknown) => (typeof input === 'string' ? input.trim() : '');
      const person = field(value.person);
      const picked: PickedPerson = { name: field(value.name), email: field(value.email) };
      // Teams sends the picked user's object id; anything else cannot reach anybody, so it is not kept.
      if (ENTRA_OBJECT_ID.test(person)) picked.aadObjectId = person;
      return { succeeded: true, value: { picked } };
    }
    if (typeof text === 'string' && text.trim() !== '')
      return { succeeded: true, value: { typed: text.trim() } };
    return { succeeded: false };
  }
}

async function validatePerson(
  prompt: PromptValidatorContext<PersonAnswer>,
  role: PersonRole,
): Promise<boolean> {
  const refuse = (reason: string, values: CardValues = {}) => refuseWithCard(prompt, role, reason, values);
  const t = translatorOf(prompt.context);
  const answer = prompt.recognized.value;
  if (!prompt.recognized.succeeded || !answer) {
    return refuse(t('errors.textLength', { max: MAX_ANSWER_LENGTH }));
  }
  if ('typed' in answer) {
    // A name typed in the chat is free text: screened before it is kept or sent.
    if (carriesHealthDetails(answer.typed)) return refuse(t('errors.health'));
    if (answer.typed.length <= MAX_ANSWER_LENGTH) return true;
    return refuse(t('errors.textLength', { max: MAX_ANSWER_LENGTH }));
  }
  const picked = answer.picked;
  if (picked.aadObjectId && (picked.name === '' || picked.email === '')) {
    const member = await teamsMember(prompt.context, picked.aadObjectId);
    if (picked.name === '') picked.name = member.name;
    if (picked.email === '') picked.email = member.email;
  }
  const kept: CardValues = {
    person: picked.aadObjectId,
    name: picked.name.length <= MAX_ANSWER_LENGTH ? picked.name : '',
    email: picked.email.slice(0, MAX_ANSWER_LENGTH),
  };
  if (carriesHealthDetails(picked.name)) {
    return refuse(t('errors.health'), { ...kept, name: '' });
  }
  if (picked.name.length > MAX_ANSWER_LENGTH) {
    return refuse(t('errors.textLength', { max: MAX_ANSWER_LENGTH }), kept);
  }
  if (picked.email !== '' && !EMAIL_SHAPE.test(picked.email)) {
    return refuse(t('errors.email'), kept);
  }
  // Without a name nor a picked person there is nobody to invite (a client that ignores `isRequired`).
  if (picked.name === '' && !picked.aadObjectId) {
    const cardsT = translatorFor(prompt.context.activity.locale, 'cards');
    return refuse(cardsT(`personPicker.${role}.nameRequired`), kept);
  }
  return true;
}

/**
 * The picked user's name and email when Teams tells them. In a 1:1 chat Teams usually answers only about the
 * members of that chat (the manager and the bot), so failing here is normal: the dialog then asks.
 */
async function teamsMember(
  context: TurnContext,
  aadObjectId: string,
): Promise<{ name: string; email: string }> {
  try {
    const member = await TeamsInfo.getMember(context, aadObjectId);
    const name = (member.name ?? '').trim();
    const email = (member.email ?? member.userPrincipalName ?? '').trim();
    return {
      name: name.length <= MAX_ANSWER_LENGTH ? name : '',
      email: EMAIL_SHAPE.test(email) ? email : '',
    };
  } catch {
    return { name: '', email: '' };
  }
}

async function refuseWithCard(
  prompt: PromptValidatorContext<PersonAnswer>,
  role: PersonRole,
  reason: string,
  values: CardValues,
): Promise<false> {
  await prompt.context.sendActivity(reason);
  await sendPersonCard(prompt.context, prompt.options.prompt, role, values);
  return false;
}

/** The personPicker card, its heading the question, in the turn's language. */
async function sendPersonCard(
  context: TurnContext,
  question: PromptOptions['prompt'],
  role: PersonRole,
  values: CardValues = {},
): Promise<void> {
  const text = typeof question === 'string' ? question : (question?.text ?? '');
  const cardsT = translatorFor(context.activity.locale);
  const title = values.name || cardsT('personPicker.personPicked', { ns: 'cards' });
  const picked = values.person ? [{ title, value: values.person }] : [];
  const card = cardAttachment('personPicker', cardsT, {
    question: text,
    copy: cardsT(`personPicker.${role}`, { ns: 'cards', returnObjects: true, question: text }),
    emailRequired: role === 'employee',
    // A person picked before a refusal stays selected (Teams shows the static choice's title).
    personChoices: picked,
    person: values.person ?? '',
    name: values.name ?? '',
    email: values.email ?? '',
    emailPattern: EMAIL_SHAPE.source,
  });
  await context.sendActivity(MessageFactory.attachment(card));
}
