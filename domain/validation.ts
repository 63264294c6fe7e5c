// Guards for the public entry points: bad input throws a RangeError naming the field instead of producing a
// plausible but wrong answer. Date checks live in calendar.ts.

export function showValue(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

export function requireOneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (!allowed.includes(value as T)) {
    throw new RangeError(`${field} must be one of ${allowed.join(', ')}, got ${showValue(value)}`);
  }
  return value as T;
}

export function requireWholeNumber(value: unknown, field: string, minimum = 0): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum) {
    throw new RangeError(`${field} must be a whole number >= ${minimum}, got ${showValue(value)}`);
  }
  return value;
}

export function requireBoolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean')
    throw new RangeError(`${field} must be true or false, got ${showValue(value)}`);
  return value;
}
