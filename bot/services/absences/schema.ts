// The zod schema of a `POST /api/absences` body and its limits.
import { z } from 'zod';
import { hasForbiddenControl } from '../../platform/sanitize';
import { screenFreeText, type ScreenRefusal } from '../../../language';
import {
  ABSENCE_KINDS,
  CONTRACT_KINDS,
  isIsoDate,
  type AbsenceKind,
  type ContractKind,
} from '../../../domain';

/** The most absences one request may carry; more is answered 413. */
export const MAX_ABSENCES_PER_REQUEST = 500;

/** The days an HR system may plausibly send: outside, a date is a typo (or a probe), answered 400. */
export const EARLIEST_DAY = '1990-01-01';
export const LATEST_DAY = '2100-12-31';

const isoDay = z
  .string()
  .refine(isIsoDate, { message: "expected a calendar day 'YYYY-MM-DD'" })
  .refine((day) => day >= EARLIEST_DAY && day <= LATEST_DAY, {
    message: `expected a day between ${EARLIEST_DAY} and ${LATEST_DAY}`,
  });

/** Text without control characters (PostgreSQL refuses U+0000; none belongs in an id or a name). */
const cleanText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !hasControlCharacter(value), { message: 'must not contain control characters' });

/** The longest value of each text of an absence (the schema refuses longer ones; screenAbsences checks them again). */
const LIMITS = { id: 200, aadObjectId: 100, email: 320, name: 200 } as const;

const employeeSchema = z
  .strictObject({
    aadObjectId: cleanText(LIMITS.aadObjectId).optional(),
    email: z.email().max(LIMITS.email).optional(),
    name: cleanText(LIMITS.name).optional(),
  })
  .refine((employee) => employee.aadObjectId || (employee.email && employee.name), {
    message: 'expected aadObjectId, or email and name',
  });

/**
 * One absence as an HR system sends it. Strict: an unknown field (a diagnosis, a comment…) is refused, so
 * nothing medical can slip in. `end` null or absent: the absence is open (still running).
 */
export const absenceItemSchema = z
  .strictObject({
    id: cleanText(LIMITS.id),
    employee: employeeSchema,
    kind: z.enum(ABSENCE_KINDS as [AbsenceKind, ...AbsenceKind[]]),
    start: isoDay,
    end: isoDay.nullable().optional(),
    contract: z.strictObject({
      kind: z.enum(CONTRACT_KINDS as [ContractKind, ...ContractKind[]]),
      end: isoDay.optional(),
    }),
  })
  .refine((item) => item.end == null || item.end >= item.start, {
    message: 'must not be before start',
    path: ['end'],
  });

export const absencesRequestSchema = z.strictObject({
  absences: z.array(absenceItemSchema).min(1).max(MAX_ABSENCES_PER_REQUEST),
});

export type AbsenceItem = z.infer<typeof absenceItemSchema>;

/** Zod's issues as "absences[3].kind: Invalid option…" lines, naming the field. */
export function describeIssues(error: z.ZodError): Array<{ field: string; message: string }> {
  return error.issues.map((issue) => ({
    field:
      issue.path
        .map((part, index) =>
          typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
        )
        .join('') || '(body)',
    message: issue.message,
  }));
}

/**
 * Every text of a batch the schema accepted, screened before anything is stored or logged
 * (language/screen-free-text.ts): a health detail however it is written (an employee's name, an absence id…),
 * an invisible character, or a value longer than allowed once normalised is refused, named by its field and
 * the rule it breaks, never by its text. Accepted, the names are kept normalised (NFKC, spaces collapsed); ids
 * and emails are kept as sent, since they are keys.
 */
export function screenAbsences(
  items: AbsenceItem[],
): { absences: AbsenceItem[] } | { issues: Array<{ field: string; reason: ScreenRefusal }> } {
  const issues: Array<{ field: string; reason: ScreenRefusal }> = [];
  const screen = (field: string, text: string | undefined, maxLength: number) => {
    if (text === undefined) return undefined;
    const screened = screenFreeText(text, { maxLength });
    if (screened.ok) return screened.value;
    issues.push({ field, reason: screened.reason });
    return text;
  };
  const absences = items.map((item, index) => {
    const at = `absences[${index}]`;
    screen(`${at}.id`, item.id, LIMITS.id);
    screen(`${at}.employee.aadObjectId`, item.employee.aadObjectId, LIMITS.aadObjectId);
    screen(`${at}.employee.email`, item.employee.email, LIMITS.email);
    const name = screen(`${at}.employee.name`, item.employee.name, LIMITS.name);
    return name === undefined ? item : { ...item, employee: { ...item.employee, name } };
  });
  return issues.length > 0 ? { issues } : { absences };
}

function hasControlCharacter(value: string): boolean {
  return hasForbiddenControl(value) || /[\r\n\t]/.test(value);
}
