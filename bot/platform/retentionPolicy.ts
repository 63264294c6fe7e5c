// How long Liaison keeps what (R-DATA-05): the retention periods and their cut-off days.
import { z } from 'zod';
import { isIsoDate, type IsoDate } from '../../domain';

/**
 * How long Liaison keeps what (docs/rules.md#r-data-05, a setting): a closed case keeps its details for
 * `detailsMonths` after it closed, then only the proof of its steps until `proofYears` after it closed
 * (the limitation period for discrimination claims, C. trav. L1134-5), then nothing.
 */
export interface RetentionPolicy {
  detailsMonths: number;
  proofYears: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { detailsMonths: 6, proofYears: 5 };

const schema = z.object({
  RETENTION_DETAILS_MONTHS: z.coerce.number().int().min(1).max(120).default(DEFAULT_RETENTION.detailsMonths),
  RETENTION_PROOF_YEARS: z.coerce.number().int().min(1).max(30).default(DEFAULT_RETENTION.proofYears),
});

/**
 * The retention periods from the environment (RETENTION_DETAILS_MONTHS, RETENTION_PROOF_YEARS); a bad value
 * throws an error that names the variable. The proof is never kept for less time than the details.
 */
export function loadRetentionPolicy(env: NodeJS.ProcessEnv = process.env): RetentionPolicy {
  const present = (name: string) => (env[name]?.trim() ? env[name]?.trim() : undefined);
  const parsed = schema.safeParse({
    RETENTION_DETAILS_MONTHS: present('RETENTION_DETAILS_MONTHS'),
    RETENTION_PROOF_YEARS: present('RETENTION_PROOF_YEARS'),
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration — ${problems.join('; ')}`);
  }
  const policy = {
    detailsMonths: parsed.data.RETENTION_DETAILS_MONTHS,
    proofYears: parsed.data.RETENTION_PROOF_YEARS,
  };
  if (policy.proofYears * 12 < policy.detailsMonths) {
    throw new Error('Invalid configuration — RETENTION_PROOF_YEARS: shorter than RETENTION_DETAILS_MONTHS');
  }
  return policy;
}

/**
 * `day` minus `months` calendar months, clamped to the end of the month (31 August − 6 months = 28/29
 * February). The domain has no month arithmetic (its deadlines are in days); this is the only place Liaison
 * counts months, for retention cut-offs.
 */
export function subtractMonths(day: IsoDate, months: number): IsoDate {
  if (!isIsoDate(day)) throw new RangeError(`expected a calendar day 'YYYY-MM-DD', got ${day}`);
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) - months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(targetYear, 4)}-${pad(targetMonth)}-${pad(Math.min(date, lastDay))}`;
}

/** The last close day whose details are purged on `today`, and the last whose proof is deleted on `today`. */
export function retentionCutoffs(
  today: IsoDate,
  policy: RetentionPolicy,
): { details: IsoDate; proof: IsoDate } {
  return {
    details: subtractMonths(today, policy.detailsMonths),
    proof: subtractMonths(today, policy.proofYears * 12),
  };
}
