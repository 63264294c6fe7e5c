// The company settings from Teams: the settings card, its submission, and "canal RH"/"HR channel".
import { MessageFactory, type TurnContext } from 'botbuilder';
import { cardAttachment } from '../../cards';
import { companyOfActivity, ENTRA_OBJECT_ID, type AccessControl } from '../services/access';
import type { CompanySettings, CompanySettingsStore } from '../services/caseFlow';
import { INVITE_CHANNELS, type InviteChannel } from '../services/settings/companySettingsStore';
import type { Command } from '../../language/commands';
import type { Translator } from '../../language/i18n';
import { screenFreeText, type ScreenRefusal } from '../../language';
import { resolvePolicy, type Policy } from '../../domain';
import type { Logger } from '../platform/logger';

export interface CompanySettingsDeps {
  settings: CompanySettingsStore;
  /** Who is HR — the one rule of bot/services/access (HR_ADMINS per tenant, the company's HR list, local mode). */
  access: Pick<AccessControl, 'isHr'>;
  logger: Logger;
}

/**
 * The longest value of each text field, in characters after normalisation: the settings card's maxLength
 * (cards/companySettings.json), so that the tab and the card keep the same limits.
 */
const FIELD_LIMITS = {
  companyName: 200,
  spstName: 200,
  spstEmail: 200,
  spstPhone: 40,
  spstAddress: 300,
  spstWebsite: 300,
  spstAadObjectId: 100,
  hrName: 200,
  hrEmail: 200,
  hrPhone: 40,
} as const;
/**
 * The fields that name the employer or its occupational health service rather than a person: screened for
 * characters and length, not for health words, since an employer may be a hospital, a clinic or a care centre.
 */
const ORGANISATION_FIELDS = new Set<keyof typeof FIELD_LIMITS>([
  'companyName',
  'spstName',
  'spstAddress',
  'spstWebsite',
  'spstEmail',
]);
const MAX_HEADCOUNT = 1_000_000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type SettingsForm = Record<string, unknown> & { settingsForm: true };

export function isSettingsForm(value: unknown): value is SettingsForm {
  return typeof value === 'object' && value !== null && (value as SettingsForm).settingsForm === true;
}

/**
 * The company settings, from Teams: "paramètres"/"settings" shows the form (prefilled), its submission saves it,
 * "canal RH"/"HR channel" typed in a team channel makes that channel the one that receives HR updates. Only HR
 * of the company (bot/services/access) may change anything; a bad value changes nothing and says why.
 */
export class CompanySettingsCommands {
  constructor(private readonly deps: CompanySettingsDeps) {}

  /** Handles the command or the form; false when the turn is neither. */
  async handle(context: TurnContext, command: Command | undefined, t: Translator): Promise<boolean> {
    const form = isSettingsForm(context.activity.value) ? context.activity.value : undefined;
    if (!form && command !== 'settings' && command !== 'hrChannel') return false;

    const company = companyOfActivity(context.activity);
    if (!company) {
      await context.sendActivity(t('settings.noTenant'));
      return true;
    }
    if (!(await this.mayChangeSettings(context, company))) {
      await context.sendActivity(t('settings.notAllowed'));
      return true;
    }
    if (form) await this.save(context, company, form, t);
    else if (command === 'hrChannel') await this.setHrChannel(context, company, t);
    else await this.showForm(context, company, t);
    return true;
  }

  /** Only HR of the company may see or change its settings (bot/services/access decides who is HR). */
  private async mayChangeSettings(
    context: TurnContext,
    company: { tenantId: string; companyId: string },
  ): Promise<boolean> {
    return this.deps.access.isHr(company.tenantId, company.companyId, context.activity.from?.aadObjectId);
  }

  private async showForm(
    context: TurnContext,
    company: { tenantId: string; companyId: string },
    t: Translator,
  ) {
    const current = await this.deps.settings.get(company.tenantId, company.companyId);
    const spst = current.spstContact;
    const card = cardAttachment('companySettings', t, {
      companyName: current.companyName ?? '',
      spstName: spst?.name ?? '',
      spstEmail: spst?.email ?? '',
      spstPhone: spst?.phone ?? '',
      spstAddress: spst?.address ?? '',
      spstWebsite: spst?.website ?? '',
      spstAadObjectId: spst?.aadObjectId ?? '',
      // The contact picked before stays selected (Teams shows the static choice's title).
      spstChoices: spst?.aadObjectId ? [{ title: spst.name, value: spst.aadObjectId }] : [],
      hrName: current.hrContact?.name ?? '',
      hrEmail: current.hrContact?.email ?? '',
      hrPhone: current.hrContact?.phone ?? '',
      ...policyFormValues(current.policy),
      headcount: current.headcount === undefined ? '' : String(current.headcount),
      referentDesignated: current.referentDesignated ? 'true' : 'false',
      inviteBy: current.inviteBy ?? 'teams',
    });
    await context.sendActivity(MessageFactory.attachment(card));
  }

  private async save(
    context: TurnContext,
    company: { tenantId: string; companyId: string },
    form: SettingsForm,
    t: Translator,
  ) {
    const parsed = parseSettingsForm(form);
    if ('problems' in parsed) {
      await context.sendActivity(
        [
          t('settings.invalid.intro'),
          ...parsed.problems.map((key) => `- ${t(`settings.invalid.${key}`)}`),
        ].join('\n'),
      );
      return;
    }
    await this.deps.settings.upsert(company.tenantId, company.companyId, parsed.settings);
    this.deps.logger.info({ event: 'settings.saved', tenantId: company.tenantId }, 'company settings saved');
    await context.sendActivity(t('settings.saved'));
  }

  private async setHrChannel(
    context: TurnContext,
    company: { tenantId: string; companyId: string },
    t: Translator,
  ) {
    const channelId = (context.activity.channelData as { channel?: { id?: string } } | undefined)?.channel
      ?.id;
    if (!channelId) {
      await context.sendActivity(t('settings.hrChannelOnlyInChannel'));
      return;
    }
    await this.deps.settings.upsert(company.tenantId, company.companyId, { hrChannelId: channelId });
    this.deps.logger.info({ event: 'settings.hrChannel', tenantId: company.tenantId }, 'HR channel set');
    await context.sendActivity(t('settings.hrChannelSet'));
  }
}

type FormProblem =
  | 'spstEmail'
  | 'spstWebsite'
  | 'spstAadObjectId'
  | 'headcount'
  | 'spstName'
  | 'hrEmail'
  | 'hrName'
  | 'policy'
  | ScreenProblem;

/** What a screened field was refused for (language/screen-free-text.ts), as the forms name it. */
export type ScreenProblem = 'health' | 'tooLong' | 'invalidCharacters';

const SCREEN_PROBLEMS: Record<ScreenRefusal, ScreenProblem> = {
  health: 'health',
  too_long: 'tooLong',
  invalid_characters: 'invalidCharacters',
};

/**
 * One typed settings value screened before it is kept, logged or sent (language/screen-free-text.ts): a health
 * detail however it is written (unless `health` is false: a field naming an organisation), an invisible or control character, a line break or a value over `maxLength` is
 * refused, named by the rule it breaks and never by its text. Accepted, the value is normalised (NFKC, spaces
 * collapsed, trimmed).
 */
export function screenSettingsText(
  text: string,
  maxLength: number,
  { health = true }: { health?: boolean } = {},
): { value: string } | { problem: ScreenProblem } {
  const screened = screenFreeText(text, { maxLength, health });
  return screened.ok ? { value: screened.value } : { problem: SCREEN_PROBLEMS[screened.reason] };
}

/** The form's values, checked; every problem is reported at once so that one correction is enough. */
export function parseSettingsForm(
  form: Record<string, unknown>,
): { settings: CompanySettings } | { problems: FormProblem[] } {
  const text = (key: string) => (typeof form[key] === 'string' ? (form[key] as string).trim() : '');
  const problems = new Set<FormProblem>();
  // Every text field is screened first: a refused one is named by its rule and never kept; its raw value only
  // serves the checks below, which then report nothing more than what is wrong with it.
  const values = Object.fromEntries(
    (Object.keys(FIELD_LIMITS) as Array<keyof typeof FIELD_LIMITS>).map((key) => {
      const screened = screenSettingsText(text(key), FIELD_LIMITS[key], {
        health: !ORGANISATION_FIELDS.has(key),
      });
      if ('problem' in screened) problems.add(screened.problem);
      return [key, 'value' in screened ? screened.value : text(key)];
    }),
  ) as Record<keyof typeof FIELD_LIMITS, string>;

  if (values.spstEmail && !EMAIL.test(values.spstEmail)) problems.add('spstEmail');
  if (values.spstWebsite && !/^https?:\/\/\S+$/i.test(values.spstWebsite)) problems.add('spstWebsite');
  if (values.spstAadObjectId && !ENTRA_OBJECT_ID.test(values.spstAadObjectId))
    problems.add('spstAadObjectId');
  const headcountText = text('headcount');
  // No company has 0 employees: a number field some clients show as 0 when left empty means "not given", so
  // it does not silently settle the référent handicap question.
  const headcount = headcountText === '' || headcountText === '0' ? undefined : Number(headcountText);
  if (
    headcount !== undefined &&
    !(Number.isInteger(headcount) && headcount >= 0 && headcount <= MAX_HEADCOUNT)
  ) {
    problems.add('headcount');
  }
  const anySpstDetail = [
    values.spstEmail,
    values.spstPhone,
    values.spstAddress,
    values.spstWebsite,
    values.spstAadObjectId,
  ].some(Boolean);
  if (anySpstDetail && !values.spstName) problems.add('spstName');
  if (values.hrEmail && !EMAIL.test(values.hrEmail)) problems.add('hrEmail');
  if ((values.hrEmail || values.hrPhone) && !values.hrName) problems.add('hrName');
  const policy = policyOf(form);
  if (policy === null) problems.add('policy');
  if (problems.size > 0) return { problems: [...problems] };

  const optional = (value: string) => (value === '' ? undefined : value);
  return {
    settings: {
      companyName: optional(values.companyName),
      spstContact: values.spstName
        ? {
            name: values.spstName,
            email: optional(values.spstEmail),
            phone: optional(values.spstPhone),
            address: optional(values.spstAddress),
            website: optional(values.spstWebsite),
            aadObjectId: optional(values.spstAadObjectId),
          }
        : undefined,
      hrContact: values.hrName
        ? { name: values.hrName, email: optional(values.hrEmail), phone: optional(values.hrPhone) }
        : undefined,
      headcount,
      referentDesignated: text('referentDesignated') === 'true',
      ...(policy ? { policy } : {}),
      // An older card without the field keeps the company's choice; anything unknown is ignored.
      ...((INVITE_CHANNELS as readonly string[]).includes(text('inviteBy'))
        ? { inviteBy: text('inviteBy') as InviteChannel }
        : {}),
    },
  };
}

/** The policy choices the form offers (docs/rules.md#a-companys-policy), each a closed list of values. */
export const POLICY_CHOICES = {
  lookbackDays: ['365', 'current_leave_only'],
  proposalRule: ['proposal', 'meeting'],
  eligibilityMode: ['elapsed', 'anticipated'],
  holidaysRegion: ['metropole', 'alsace_moselle'],
} as const;

/** The form's values for the company's policy: its choices, or the defaults. */
export function policyFormValues(policy: Partial<Policy> = {}): Record<keyof typeof POLICY_CHOICES, string> {
  const resolved = resolvePolicy(policy);
  return {
    lookbackDays: String(resolved.lookbackDays),
    proposalRule: resolved.proposalRule,
    eligibilityMode: resolved.eligibilityMode,
    holidaysRegion: resolved.holidaysRegion,
  };
}

/**
 * The policy chosen on the form; undefined when the form has none of its fields (an older card), null when a
 * value is not one of the choices.
 */
function policyOf(form: Record<string, unknown>): Partial<Policy> | undefined | null {
  const keys = Object.keys(POLICY_CHOICES) as Array<keyof typeof POLICY_CHOICES>;
  if (!keys.some((key) => form[key] !== undefined)) return undefined;
  const choice = (key: keyof typeof POLICY_CHOICES): string | undefined => {
    const value = form[key];
    return (POLICY_CHOICES[key] as readonly string[]).includes(value as string)
      ? (value as string)
      : undefined;
  };
  const [lookback, proposalRule, eligibilityMode, holidaysRegion] = keys.map(choice);
  if (!lookback || !proposalRule || !eligibilityMode || !holidaysRegion) return null;
  return {
    lookbackDays: lookback === 'current_leave_only' ? lookback : Number(lookback),
    proposalRule: proposalRule as Policy['proposalRule'],
    eligibilityMode: eligibilityMode as Policy['eligibilityMode'],
    holidaysRegion: holidaysRegion as Policy['holidaysRegion'],
  };
}
