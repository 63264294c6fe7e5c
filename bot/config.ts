import { z } from 'zod';
import { loadRetentionPolicy, type RetentionPolicy } from './retention/policy';

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
  HOST: z.string().trim().min(1).default('0.0.0.0'),
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
    .refine((value) => value === '' || /^[\w-]+(\s*,\s*[\w-]+)*$/.test(value), {
      message: 'expected Entra object ids separated by commas',
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

export interface Config {
  port: number;
  host: string;
  storage: StorageTarget;
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  /** Absent in local mode: unauthenticated activities are then accepted from loopback only. */
  microsoftApp?: { id: string; password?: string; type: string; tenantId?: string };
  shutdownGraceMs: number;
  /** How often the scheduler looks for due reminders and daily tasks. */
  schedulerPollMs: number;
  /**
   * Entra object ids of HR in every company of the tenant (bot/access). Empty: in local mode everybody (while no
   * company names its HR), with a Microsoft app configured nobody until one is named.
   */
  hrAdmins: string[];
  /** Absent when SMTP is not configured: the SPST notice then goes out in Teams only. */
  smtp?: { url: string; from: string };
  /** Where people reach the bot's web pages (letter links); http://localhost:PORT by default. */
  publicBaseUrl: string;
  /** RETENTION_DETAILS_MONTHS, RETENTION_PROOF_YEARS (RULES.md R-DATA-05). */
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
  return {
    port: v.PORT,
    host: v.HOST,
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
    hrAdmins: v.HR_ADMINS === '' ? [] : v.HR_ADMINS.split(',').map((id) => id.trim()),
    smtp: v.SMTP_URL && v.SMTP_FROM ? { url: v.SMTP_URL, from: v.SMTP_FROM } : undefined,
    retention,
    publicBaseUrl: (v.PUBLIC_BASE_URL ?? `http://localhost:${v.PORT}`).replace(/\/+$/, ''),
  };
}
