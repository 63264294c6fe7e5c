// namesThatApply: the notes, problems or warnings whose condition holds, one condition per name.
/**
 * The names whose condition holds. Taking a record keyed by the whole union makes the compiler insist on a
 * condition for every note, problem or warning.
 */
export function namesThatApply<Name extends string>(conditions: Record<Name, boolean>): Name[] {
  return (Object.keys(conditions) as Name[]).filter((name) => conditions[name]);
}
