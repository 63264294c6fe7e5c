// Guided flow steps: the contract (asked first), an intérim assignment, a fixed-term contract's end.
import { CONTRACT_KINDS, FIXED_TERM_CONTRACT_KINDS, type ContractKind, type IsoDate } from '../domain';
import {
  CONFIRM_PROMPT,
  CHOICE_PROMPT,
  DAY_PROMPT,
  choiceQuestion,
  chosenCode,
  confirmQuestion,
  isExcludedContract,
  translatorOf,
  type StepOutcome,
} from './caseDraft';
import { questionStep } from './questionStep';

export const CONTRACT_STEP = 'contract';
export const INTERIM_STEP = 'interim';
export const CONTRACT_END_STEP = 'contractEnd';

/**
 * Step 1 — the contract, asked FIRST: a contract outside the rendez-vous de liaison (R-ELIG-10: fonctionnaire,
 * contractuel de droit public, stagiaire, indépendant) stops the flow at once with the right pointer.
 */
export function contractStep() {
  return questionStep(
    CONTRACT_STEP,
    async (step) => {
      const t = translatorOf(step.context);
      return step.prompt(
        CHOICE_PROMPT,
        choiceQuestion(t, t('eligibility.askContract'), 'contractKinds', CONTRACT_KINDS),
      );
    },
    async (step): Promise<StepOutcome> => {
      const kind = chosenCode(CONTRACT_KINDS, step.result);
      if (isExcludedContract(kind)) {
        const t = translatorOf(step.context);
        await step.context.sendActivity(`${t(`excludedContracts.${kind}`)}\n\n${t('eligibility.stopped')}`);
        return { stop: true };
      }
      return { answers: { contract: { kind }, temporaryAgency: false } };
    },
  );
}

/**
 * An intérim assignment (R-ELIG-08): the employer is the temp agency (ETT), which organises the meeting with its
 * own SPST. Only someone acting for the agency goes on; the user company is told to pass it on.
 */
export function interimStep() {
  return questionStep(
    INTERIM_STEP,
    async (step) => {
      const t = translatorOf(step.context);
      await step.context.sendActivity(t('interim.notice'));
      return step.prompt(CONFIRM_PROMPT, confirmQuestion(t, t('interim.askAgency')));
    },
    async (step): Promise<StepOutcome> => {
      if (step.result === true) return { answers: { temporaryAgency: true } };
      const t = translatorOf(step.context);
      await step.context.sendActivity(`${t('interim.userCompany')}\n\n${t('eligibility.stopped')}`);
      return { stop: true };
    },
  );
}

/** The last day of a fixed-term contract or assignment: it bounds eligibility and the meeting. */
export function contractEndStep() {
  return questionStep(
    CONTRACT_END_STEP,
    async (step) => step.prompt(DAY_PROMPT, translatorOf(step.context)('eligibility.askContractEnd')),
    (step): StepOutcome => {
      const kind = step.options.draft.contract?.kind as ContractKind;
      return { answers: { contract: { kind, end: step.result as IsoDate } } };
    },
  );
}

export const isFixedTerm = (kind: ContractKind | undefined): boolean =>
  !!kind && FIXED_TERM_CONTRACT_KINDS.includes(kind);
