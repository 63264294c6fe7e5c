// `question`: a question button (help card, FAQ answers and suggestions) answered like the typed question.
import type { SubmitHandler } from '../types';

/** Plain card data rather than Teams' imBack, which not every client honours. */
const question: SubmitHandler = {
  kind: 'question',
  accepts: (value) => typeof value.question === 'string' && value.question.trim() !== '',
  async handle({ context, value, typed, routes }) {
    await routes.answerText(context, typed || (value.question as string).trim());
  },
};

export default question;
