// The company settings as the HR tab shows and saves them, validated like the settings card.
import { z } from 'zod';
import { referentHandicap, type Policy } from '../../../domain';
import type { SettingsView } from '../../../domain/companySettings';
import type { CompanySettings } from '../../services/caseFlow';
import type { Translator } from '../../../language/i18n';
import {
  parseSettingsForm,
  POLICY_CHOICES,
  policyFormValues,
  screenSettingsText,
  type ScreenProblem,
} from '../../teams/companySettingsCommands';

/** The settings as the tab's form shows and sends them: one type for the server and the tab (domain/companySettings.ts). */
export type { SettingsView };

/** The policy choices are the settings card's (bot/teams/companySettingsCommands.ts): one list for Teams and the tab. */
export { POLICY_CHOICES };
export type PolicyField = keyof typeof POLICY_CHOICES;
export const POLICY_FIELDS = Object.keys(POLICY_CHOICES) as PolicyField[];

/** Every text the tab receives is screened like the settings card's fields (bot/teams/companySettingsCommands.ts). */
export { screenSettingsText };

/** The 400 answer to a text the tab refused: the rule it breaks, in the page's language, never the text itself. */
export function screenRefusal(t: Translator, problem: ScreenProblem) {
  return {
    error: 'invalid',
    problems: [problem],
    message: `${t('settings.invalidIntro')} ${t(`settings.problems.${problem}`)}`,
  };
}

export function settingsView(settings: CompanySettings): SettingsView {
  const spst = settings.spstContact;
  return {
    companyName: settings.companyName ?? '',
    spstName: spst?.name ?? '',
    spstEmail: spst?.email ?? '',
    spstPhone: spst?.phone ?? '',
    spstAddress: spst?.address ?? '',
    spstWebsite: spst?.website ?? '',
    hrName: settings.hrContact?.name ?? '',
    hrEmail: settings.hrContact?.email ?? '',
    hrPhone: settings.hrContact?.phone ?? '',
    hrChannelId: settings.hrChannelId ?? '',
    headcount: settings.headcount ?? null,
    referentDesignated: settings.referentDesignated ?? false,
    referentMandatory: referentHandicap({
      headcount: settings.headcount ?? 0,
      designated: settings.referentDesignated ?? false,
      employeeAsked: false,
    }).mandatoryInCompany,
    ...policyFormValues(settings.policy),
  };
}

const text = z.string().optional();
/** The PUT body: every field of the form (absent = empty); anything else is refused. */
const settingsBody = z
  .object({
    companyName: text,
    spstName: text,
    spstEmail: text,
    spstPhone: text,
    spstAddress: text,
    spstWebsite: text,
    hrName: text,
    hrEmail: text,
    hrPhone: text,
    hrChannelId: text,
    headcount: z.union([z.number(), z.string(), z.null()]).optional(),
    referentDesignated: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
    // The policy choices: each checked below against POLICY_CHOICES (absent = unchanged).
    lookbackDays: z.union([z.string(), z.number()]).optional(),
    proposalRule: z.string().optional(),
    eligibilityMode: z.string().optional(),
    holidaysRegion: z.string().optional(),
  })
  .strict();

/** The problems of the settings card's rules, plus the form's shape and the HR channel id. */
type FormProblem = Extract<ReturnType<typeof parseSettingsForm>, { problems: unknown }>['problems'][number];
export type SettingsProblem = Exclude<FormProblem, 'policy'> | 'shape' | 'hrChannelId' | PolicyField;

/** A Teams channel id as Teams writes it, e.g. 19:abc…@thread.tacv2. */
const CHANNEL_ID = /^19:[^\s@]+@thread\.[a-z0-9]+$/i;
const MAX_CHANNEL_ID_LENGTH = 300;

/**
 * Checks the form sent by the tab with the very rules of the settings card in Teams (parseSettingsForm), plus the
 * HR channel id. Every problem is reported at once; `current` keeps what the form does not show (the SPST contact's
 * Teams id while the contact stays the same).
 */
export function parseSettingsBody(
  body: unknown,
  current: CompanySettings,
): { settings: CompanySettings } | { problems: SettingsProblem[] } {
  const shape = settingsBody.safeParse(body ?? {});
  if (!shape.success) return { problems: ['shape'] };
  const {
    hrChannelId: rawChannel,
    headcount,
    referentDesignated,
    lookbackDays,
    proposalRule,
    eligibilityMode,
    holidaysRegion,
    ...texts
  } = shape.data;
  // The policy fields are checked one by one here (so that a bad one is named) rather than by
  // parseSettingsForm, which takes all four or none and names only "policy".
  const policy = parsePolicyChoices({ lookbackDays, proposalRule, eligibilityMode, holidaysRegion });
  const parsed = parseSettingsForm({
    ...texts,
    headcount: headcount === null || headcount === undefined ? '' : String(headcount),
    referentDesignated: String(referentDesignated ?? false),
  });
  const problems: SettingsProblem[] =
    'problems' in parsed ? parsed.problems.filter((problem) => problem !== 'policy') : [];
  if ('problems' in policy) problems.push(...policy.problems);
  // The channel id is screened like every other text of the form (it is kept and shown back to HR).
  const channel = screenSettingsText(rawChannel ?? '', MAX_CHANNEL_ID_LENGTH);
  const hrChannelId = 'value' in channel ? channel.value : '';
  if ('problem' in channel) problems.push(channel.problem);
  else if (hrChannelId !== '' && !CHANNEL_ID.test(hrChannelId)) problems.push('hrChannelId');
  if ('problems' in parsed || 'problems' in policy || problems.length > 0) {
    return { problems: [...new Set(problems)] };
  }

  const spstContact = parsed.settings.spstContact;
  const previous = current.spstContact;
  const sameContact =
    spstContact && previous && spstContact.name === previous.name && spstContact.email === previous.email;
  return {
    settings: {
      ...parsed.settings,
      spstContact:
        spstContact && sameContact && previous.aadObjectId
          ? { ...spstContact, aadObjectId: previous.aadObjectId }
          : spstContact,
      hrChannelId: hrChannelId === '' ? undefined : hrChannelId,
      // The choices sent replace those of the same fields; the others (e.g. a threshold set elsewhere) stay.
      ...(Object.keys(policy.choices).length > 0 ? { policy: { ...current.policy, ...policy.choices } } : {}),
    },
  };
}

/** Each policy field sent must be one of its choices; an absent one keeps the company's current choice. */
function parsePolicyChoices(
  values: Record<PolicyField, string | number | undefined>,
): { choices: Partial<Policy> } | { problems: PolicyField[] } {
  const problems = POLICY_FIELDS.filter(
    (field) =>
      values[field] !== undefined &&
      !(POLICY_CHOICES[field] as readonly string[]).includes(String(values[field])),
  );
  if (problems.length > 0) return { problems };
  const choices: Partial<Policy> = {};
  const { lookbackDays, proposalRule, eligibilityMode, holidaysRegion } = values;
  if (lookbackDays !== undefined) {
    choices.lookbackDays = lookbackDays === 'current_leave_only' ? lookbackDays : Number(lookbackDays);
  }
  if (proposalRule !== undefined) choices.proposalRule = proposalRule as Policy['proposalRule'];
  if (eligibilityMode !== undefined) choices.eligibilityMode = eligibilityMode as Policy['eligibilityMode'];
  if (holidaysRegion !== undefined) choices.holidaysRegion = holidaysRegion as Policy['holidaysRegion'];
  return { choices };
}
