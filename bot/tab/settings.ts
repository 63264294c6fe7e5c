import { z } from 'zod';
import { referentHandicap } from '../../domain';
import type { CompanySettings } from '../caseFlow';
import { parseSettingsForm } from '../companySettingsCommands';

/** The settings as the tab's form shows and sends them: flat, text fields empty when unset. */
export interface SettingsView {
  companyName: string;
  spstName: string;
  spstEmail: string;
  spstPhone: string;
  spstAddress: string;
  spstWebsite: string;
  hrName: string;
  hrEmail: string;
  hrPhone: string;
  hrChannelId: string;
  headcount: number | null;
  referentDesignated: boolean;
  /** From the domain: a référent handicap is mandatory from 250 employees (R-… in RULES.md). */
  referentMandatory: boolean;
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
  })
  .strict();

/** The problems of the settings card's rules, plus the form's shape and the HR channel id. */
type FormProblem = Extract<ReturnType<typeof parseSettingsForm>, { problems: unknown }>['problems'][number];
export type SettingsProblem = FormProblem | 'shape' | 'hrChannelId';

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
  const { hrChannelId: rawChannel, headcount, referentDesignated, ...texts } = shape.data;
  const parsed = parseSettingsForm({
    ...texts,
    headcount: headcount === null || headcount === undefined ? '' : String(headcount),
    referentDesignated: String(referentDesignated ?? false),
  });
  const problems: SettingsProblem[] = 'problems' in parsed ? [...parsed.problems] : [];
  const hrChannelId = (rawChannel ?? '').trim();
  if (hrChannelId !== '' && (hrChannelId.length > MAX_CHANNEL_ID_LENGTH || !CHANNEL_ID.test(hrChannelId))) {
    problems.push('hrChannelId');
  }
  if ('problems' in parsed || problems.length > 0) return { problems };

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
    },
  };
}
