// Guided flow step: who attends (the SPST asked to attend or only informed).
import { ComponentDialog, WaterfallDialog } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import type { CompanySettings } from '../bot/services/caseFlow';
import type { LiaisonCase } from '../domain/liaisonCase';
import { companyOfActivity } from '../bot/services/access';
import { referentHandicap, resolvePolicy } from '../domain';
import {
  CHOICE_PROMPT,
  CONFIRM_PROMPT,
  choiceQuestion,
  chosenCode,
  confirmQuestion,
  refuseAnswer,
  scratchOf,
  sharedPrompts,
  translatorOf,
  type CaseDialogDeps,
  type StepOutcome,
} from './caseDraft';
import { TextPrompt, type PromptValidatorContext } from 'botbuilder-dialogs';

export const ATTENDEES_DIALOG = 'attendees';
const HEADCOUNT_PROMPT = 'headcountPrompt';
const MAX_HEADCOUNT = 1_000_000;

export const SPST_ATTENDANCE: readonly LiaisonCase['spst']['attendance'][] = ['attend', 'informed'];

interface Scratch {
  spstAttendance: LiaisonCase['spst']['attendance'];
  headcount: number;
  designated: boolean;
}

/**
 * Who attends. The SPST is asked to attend or only informed. The référent handicap is not the manager's
 * to add: the invitation offers them to the employee when the company has one or must have one
 * (`referentHandicap`), which needs the headcount and whether one is designated — asked once, remembered with
 * the company's settings.
 */
export class AttendeesDialog extends ComponentDialog {
  constructor(deps: Pick<CaseDialogDeps, 'companySettings'>) {
    super(ATTENDEES_DIALOG);
    const settingsOf = async (context: TurnContext): Promise<CompanySettings> => {
      const company = companyOfActivity(context.activity);
      return company && deps.companySettings
        ? deps.companySettings.get(company.tenantId, company.companyId)
        : {};
    };
    this.addDialog(
      new WaterfallDialog(`${ATTENDEES_DIALOG}.steps`, [
        async (step) => {
          const t = translatorOf(step.context);
          return step.prompt(
            CHOICE_PROMPT,
            choiceQuestion(t, t('attendees.askSpst'), 'spstAttendance', SPST_ATTENDANCE),
          );
        },
        async (step) => {
          const scratch = scratchOf<Scratch>(step);
          scratch.spstAttendance = chosenCode(SPST_ATTENDANCE, step.result);
          const { headcount } = await settingsOf(step.context);
          if (headcount !== undefined) return step.next(headcount);
          return step.prompt(HEADCOUNT_PROMPT, translatorOf(step.context)('attendees.askHeadcount'));
        },
        async (step) => {
          scratchOf<Scratch>(step).headcount = Number(step.result);
          const { referentDesignated } = await settingsOf(step.context);
          if (referentDesignated !== undefined) return step.next(referentDesignated);
          const t = translatorOf(step.context);
          return step.prompt(CONFIRM_PROMPT, confirmQuestion(t, t('attendees.askReferentDesignated')));
        },
        async (step) => {
          const t = translatorOf(step.context);
          const scratch = scratchOf<Scratch>(step);
          const designated = step.result === true;
          const headcount = scratch.headcount ?? 0;
          const company = companyOfActivity(step.context.activity);
          if (company && deps.companySettings) {
            await deps.companySettings.upsert(company.tenantId, company.companyId, {
              headcount,
              referentDesignated: designated,
            });
          }
          const { policy } = await settingsOf(step.context);
          const { canBeOffered } = referentHandicap({ headcount, designated, employeeAsked: false, policy });
          await step.context.sendActivity(
            canBeOffered
              ? t('attendees.referentOffered')
              : t('attendees.referentNotOffered', { threshold: resolvePolicy(policy).referentMandatoryFrom }),
          );
          const outcome: StepOutcome = {
            answers: { spstAttendance: scratch.spstAttendance, referentOffered: canBeOffered },
          };
          return step.endDialog(outcome);
        },
      ]),
    );
    for (const prompt of sharedPrompts()) this.addDialog(prompt);
    this.addDialog(new TextPrompt(HEADCOUNT_PROMPT, validateHeadcount));
  }
}

async function validateHeadcount(prompt: PromptValidatorContext<string>): Promise<boolean> {
  const text = (prompt.recognized.value ?? '').trim().replace(/[\s\u00a0\u202f]/g, '');
  const headcount = Number(text);
  if (/^\d+$/.test(text) && headcount <= MAX_HEADCOUNT) return true;
  return refuseAnswer(prompt, translatorOf(prompt.context)('errors.headcount'));
}
