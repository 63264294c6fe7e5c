// What the bench asks: the echo floor, FAQ questions, the case dialog, invitation card actions.
/**
 * What the bench asks: (a) the echo bot's floor, (b) FAQ questions, (c) a manager carried through the case
 * dialog, (d) invitation card actions. Each turn knows what its reply must contain.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../bot/platform/paths';
import { translatorFor } from '../language/i18n';
import type { LiaisonCase } from '../bot/services/cases';
import { invitationAnsweredCard } from '../cards/caseCards';
import { addDays, parisToday } from '../domain';
import { detectsMeetingRequest, replyToQuestion } from '../language';
import { cardActionActivity, messageActivity, type Person } from './activities';
import { jsonText, type Conversation, type Scenario, type Turn } from './harness';

const ADAPTIVE_CARD = jsonText('application/vnd.microsoft.card.adaptive');

const person = (conversation: Conversation, role: string): Person => ({
  id: `${role}-${conversation.id}`,
  aadObjectId: `aad-${role}-${conversation.id}`,
  name: 'Alex Martin',
});

interface EvalEntry {
  locale: string;
  text: string;
}

/**
 * (b) Questions of test/fixtures/faq-eval.public.json that the FAQ answers with an answer card, `perLanguage`
 * French then English, asked one after the other in one conversation. The expected heading is computed with
 * the bot's own matcher, so the check is "this exact answer came back under load", whatever the FAQ's content.
 */
export function faqScenario(perLanguage = 4): Scenario {
  const entries = JSON.parse(
    fs.readFileSync(path.join(PROJECT_ROOT, 'test', 'fixtures', 'faq-eval.public.json'), 'utf8'),
  ) as EvalEntry[];
  const turns: Turn[] = [];
  for (const language of ['fr', 'en'] as const) {
    const faq = translatorFor(language, 'faq');
    const answered = entries
      .filter((entry) => entry.locale.startsWith(language))
      .flatMap((entry) => {
        if (detectsMeetingRequest(entry.text, language)) return [];
        const reply = replyToQuestion(entry.text, language, faq);
        if (reply.match.kind !== 'answer' || reply.healthDetails) return [];
        return [{ ...entry, title: faq(`entries.${reply.match.id}.title`) }];
      })
      .slice(0, perLanguage);
    for (const entry of answered) {
      turns.push({
        activity: (c) => messageActivity(c.id, person(c, 'employee'), entry.text, entry.locale),
        expect: () => [ADAPTIVE_CARD, jsonText(entry.title)],
      });
    }
  }
  if (turns.length === 0) throw new Error('no FAQ question of the evaluation set is answered with a card');
  return { name: 'faq', description: `FAQ questions (${turns.length} per conversation, FR and EN)`, turns };
}

/**
 * (c) A manager's guided case dialog: the command (which opens the one-card form), « pas à pas » (the guided
 * dialog, contract first), the contract, the employee's name and email, the manager, the absence, « no other
 * absence » → the eligibility verdict and the briefing, then « annuler »: every turn reads and writes the durable
 * dialog state (and nothing is created, so the run can loop). Dates are relative to today, as the bot's own clock
 * sees it: an ongoing sick leave that started 53 days ago.
 */
export function caseFlowScenario(now = new Date()): Scenario {
  const t = translatorFor('fr', 'caseDialog');
  const today = parisToday(now);
  const say = (text: string, expected: string[]): Turn => ({
    activity: (c) => messageActivity(c.id, person(c, 'manager'), text),
    expect: () => expected.map(jsonText),
  });
  const name = 'Camille Durand';
  const turns = [
    say('Nouveau rendez-vous de liaison', [t('form.intro')]),
    say('pas à pas', [t('started'), t('eligibility.askContract')]),
    say('CDI', [t('who.askName')]),
    say(name, [t('who.askEmail', { name })]),
    say('camille.durand@example.fr', [t('manager.ask', { name })]),
    say('Louis Bernard', [t('absences.askKind', { number: 1 })]),
    say('Arrêt maladie', [t('absences.askStart')]),
    say(addDays(today, -53), [t('absences.askEnd')]),
    say(addDays(today, 38), [t('absences.askAnother')]),
    say('non', [t('eligibility.eligible', { days: 54 }), t('briefing.askGoOn')]),
    say('annuler', [t('cancelled')]),
  ];
  return {
    name: 'case',
    description: `case dialog (${turns.length} turns per conversation: command, « pas à pas » … eligibility, then « annuler »)`,
    turns,
  };
}

/**
 * (d) The employee's « J'accepte » on the invitation card (invoke `adaptiveCard/action`, verb
 * invitation.accept), each conversation on the next seeded case in turn. The first click on a case accepts it
 * (a transition, an audit row and the HR update queued in one transaction); later ones answer the same
 * "accepted" card and change nothing (idempotent reads), as a double click or a Teams retry would.
 */
export function cardActionScenario(cases: LiaisonCase[]): Scenario {
  if (cases.length === 0) throw new Error('the card action scenario needs seeded cases');
  const t = translatorFor('fr');
  const accepted = new Map(
    cases.map((liaisonCase) => [
      liaisonCase.id,
      firstText(
        invitationAnsweredCard({ ...liaisonCase, state: 'accepted' }, t, { today: liaisonCase.requestDate }),
      ),
    ]),
  );
  const caseOf = (c: Conversation) => cases[c.index % cases.length]!;
  return {
    name: 'card',
    description: `invitation.accept card actions on ${cases.length} seeded cases`,
    turns: [
      {
        activity: (c) => {
          const liaisonCase = caseOf(c);
          const employee: Person = {
            id: `employee-${liaisonCase.id}`,
            aadObjectId: liaisonCase.employee.aadObjectId ?? '',
            name: liaisonCase.employee.name,
          };
          return cardActionActivity(c.id, employee, 'invitation.accept', { caseId: liaisonCase.id });
        },
        expect: (c) => [ADAPTIVE_CARD, jsonText(accepted.get(caseOf(c).id) ?? '')],
      },
    ],
  };
}

/** The first `text` of a card (its heading): enough to tell the accepted card from a refusal. */
function firstText(node: unknown): string {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = firstText(item);
      if (found) return found;
    }
    return '';
  }
  if (!node || typeof node !== 'object') return '';
  const record = node as Record<string, unknown>;
  if (typeof record.text === 'string' && record.text) return record.text;
  return firstText(Object.values(record));
}
