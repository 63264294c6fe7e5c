// Every setting of the bot, read from environment variables and validated once at start-up.
import { z } from 'zod';
import { loadRetentionPolicy, type RetentionPolicy } from './retentionPolicy';

/**
 * Every setting of the bot, read from environment variables and validated once at start-up.
 * A bad value stops the bot with a message that names the variable (see formatConfigError).
 * Each variable is documented in README.md and .env.example.
 */
const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const databaseUrl = z
  .string()
  .trim()
  .default('')
  .refine((value) => value === '' || /^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(value), {
    message: 'expected sqlite:PATH or postgres://user@host:port/database',
  });

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978), // 0: any free port (tests)
  // Unset: 127.0.0.1 in local mode (no MicrosoftAppId), 0.0.0.0 with a Microsoft app (see loadConfig).
  HOST: optionalText,
  DATABASE_URL: databaseUrl,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: optionalText,
  HR_ADMINS: z
    .string()
    .trim()
    .default('')
    .refine((value) => value === '' || /^([\w.-]+:)?[\w-]+(\s*,\s*([\w.-]+:)?[\w-]+)*$/.test(value), {
      message: 'expected Entra object ids (objectId or tenantId:objectId) separated by commas',
    }),
  ALLOWED_TENANTS: z
    .string()
    .trim()
    .default('')
    .refine((value) => value === '' || value === '*' || /^[\w.-]+(\s*,\s*[\w.-]+)*$/.test(value), {
      message: 'expected Entra tenant ids separated by commas, or * for any tenant',
    }),
  PUBLIC_DOMAIN: optionalText.refine((value) => value === undefined || /^[a-z0-9.-]+(:\d+)?$/i.test(value), {
    message: 'expected a host name such as liaison.example.com (no scheme, no path)',
  }),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  SCHEDULER_POLL_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  PUBLIC_BASE_URL: optionalText.refine((value) => value === undefined || /^https?:\/\/[^\s/]+/.test(value), {
    message: 'expected the address people reach the bot at, e.g. https://liaison.example.com',
  }),
  SMTP_URL: optionalText.refine((value) => value === undefined || /^smtps?:\/\/[^/\s]+/.test(value), {
    message: 'expected smtp://[user:password@]host:port or smtps://…',
  }),
  SMTP_FROM: optionalText.refine(
    (value) => value === undefined || /^[^@\s]+@[^@\s]+$|<[^@\s]+@[^@\s]+>$/.test(value),
    {
      message: 'expected an email address, e.g. liaison@example.com or "Liaison <liaison@example.com>"',
    },
  ),
});

export type StorageTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** One HR_ADMINS entry: HR of every company of `tenantId`; no tenant only in local mode (any tenant). */
export interface HrAdminGrant {
  tenantId?: string;
  aadObjectId: string;
}

export interface Config {
  port: number;
  /** HOST; 127.0.0.1 in local mode unless set, 0.0.0.0 with a Microsoft app. */
  host: string;
  storage: StorageTarget;
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  /** Absent in local mode: unauthenticated activities are then accepted from loopback only. */
  microsoftApp?: { id: string; password?: string; type: string; tenantId?: string };
  shutdownGraceMs: number;
  /** How often the scheduler looks for due reminders and daily tasks. */
  schedulerPollMs: number;
  /**
   * Entra object ids of HR in every company of the tenant (bot/services/access). Empty: in local mode everybody (while no
   * company names its HR), with a Microsoft app configured nobody until one is named.
   */
  hrAdmins: string[];
  /**
   * HR_ADMINS with their tenants: `tenantId:objectId`, or a bare object id, which means the deployment's tenant
   * (MicrosoftAppTenantId, else the only ALLOWED_TENANTS entry) — or any tenant in local mode.
   */
  hrAdminGrants: HrAdminGrant[];
  /**
   * ALLOWED_TENANTS (lower-case): the tenants whose activities, tab calls and API calls are served; 'any' when
   * unrestricted (local mode without ALLOWED_TENANTS, or `*`). Default: MicrosoftAppTenantId when set.
   */
  allowedTenants: ReadonlySet<string> | 'any';
  /** PUBLIC_DOMAIN: the host of the tab's Application ID URI `api://<domain>/<appId>` (else PUBLIC_BASE_URL's). */
  publicDomain?: string;
  /** Absent when SMTP is not configured: the SPST notice then goes out in Teams only. */
  smtp?: { url: string; from: string };
  /** Where people reach the bot's web pages (letter links); http://localhost:PORT by default. */
  publicBaseUrl: string;
  /** RETENTION_DETAILS_MONTHS, RETENTION_PROOF_YEARS (docs/rules.md#r-data-05). */
  retention: RetentionPolicy;
}

export class ConfigError extends Error {}

export const DEFAULT_SQLITE_PATH = './data/liaison.db';

function storageTarget(databaseUrl: string): StorageTarget {
  if (databaseUrl === '') return { kind: 'sqlite', path: DEFAULT_SQLITE_PATH };
  if (databaseUrl.startsWith('sqlite:')) return { kind: 'sqlite', path: databaseUrl.slice('sqlite:'.length) };
  return { kind: 'postgres', url: databaseUrl };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration — ${problems.join('; ')}`);
  }
  const v = parsed.data;
  if (v.MicrosoftAppType === 'SingleTenant' && v.MicrosoftAppId && !v.MicrosoftAppTenantId) {
    throw new ConfigError(
      'Invalid configuration — MicrosoftAppTenantId: required when MicrosoftAppType is SingleTenant',
    );
  }
  if (!v.MicrosoftAppId && v.MicrosoftAppPassword) {
    throw new ConfigError(
      'Invalid configuration — MicrosoftAppId: required when MicrosoftAppPassword is set',
    );
  }
  if (Boolean(v.SMTP_URL) !== Boolean(v.SMTP_FROM)) {
    throw new ConfigError(
      `Invalid configuration — ${v.SMTP_URL ? 'SMTP_FROM' : 'SMTP_URL'}: SMTP_URL and SMTP_FROM go together`,
    );
  }
  let retention: RetentionPolicy;
  try {
    retention = loadRetentionPolicy(env);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  const localMode = !v.MicrosoftAppId;
  const allowedTenants = allowedTenantsOf(
    v.ALLOWED_TENANTS,
    v.MicrosoftAppId ? v.MicrosoftAppTenantId : undefined,
  );
  const hrAdminGrants = hrAdminGrantsOf(v.HR_ADMINS, {
    localMode,
    allowedTenants,
    appTenantId: v.MicrosoftAppTenantId,
  });
  if (allowedTenants !== 'any') {
    const outside = hrAdminGrants.find((grant) => grant.tenantId && !allowedTenants.has(grant.tenantId));
    if (outside) {
      throw new ConfigError(
        `Invalid configuration — HR_ADMINS: the tenant ${outside.tenantId} is not in ALLOWED_TENANTS`,
      );
    }
  }
  return {
    port: v.PORT,
    host: v.HOST ?? (localMode ? '127.0.0.1' : '0.0.0.0'),
    hrAdminGrants,
    allowedTenants,
    publicDomain: (v.PUBLIC_DOMAIN ?? hostOf(v.PUBLIC_BASE_URL))?.toLowerCase(),
    storage: storageTarget(v.DATABASE_URL),
    logLevel: v.LOG_LEVEL,
    microsoftApp: v.MicrosoftAppId
      ? {
          id: v.MicrosoftAppId,
          password: v.MicrosoftAppPassword,
          type: v.MicrosoftAppType,
          tenantId: v.MicrosoftAppTenantId,
        }
      : undefined,
    shutdownGraceMs: v.SHUTDOWN_GRACE_MS,
    schedulerPollMs: v.SCHEDULER_POLL_MS,
    hrAdmins: hrAdminGrants.map((grant) => grant.aadObjectId),
    smtp: v.SMTP_URL && v.SMTP_FROM ? { url: v.SMTP_URL, from: v.SMTP_FROM } : undefined,
    retention,
    publicBaseUrl: (v.PUBLIC_BASE_URL ?? `http://localhost:${v.PORT}`).replace(/\/+$/, ''),
  };
}

function allowedTenantsOf(value: string, appTenantId: string | undefined): ReadonlySet<string> | 'any' {
  if (value === '*') return 'any';
  const listed = value === '' ? [] : value.split(',').map((id) => id.trim().toLowerCase());
  if (listed.length > 0) return new Set(listed);
  return appTenantId ? new Set([appTenantId.toLowerCase()]) : 'any';
}

function hrAdminGrantsOf(
  value: string,
  context: { localMode: boolean; allowedTenants: ReadonlySet<string> | 'any'; appTenantId?: string },
): HrAdminGrant[] {
  if (value === '') return [];
  const onlyTenant =
    context.appTenantId?.toLowerCase() ??
    (context.allowedTenants !== 'any' && context.allowedTenants.size === 1
      ? [...context.allowedTenants][0]
      : undefined);
  return value.split(',').map((entry) => {
    const [first, second] = entry.trim().split(':') as [string, string | undefined];
    if (second !== undefined) return { tenantId: first.toLowerCase(), aadObjectId: second };
    if (context.localMode) return { aadObjectId: first };
    if (!onlyTenant) {
      throw new ConfigError(
        `Invalid configuration — HR_ADMINS: ${first} names no tenant; write tenantId:objectId when the bot ` +
          'serves several tenants (or set MicrosoftAppTenantId / one ALLOWED_TENANTS entry)',
      );
    }
    return { tenantId: onlyTenant, aadObjectId: first };
  });
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).host || undefined;
  } catch {
    return undefined;
  }
}
