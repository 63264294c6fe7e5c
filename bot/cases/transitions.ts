import type { CaseEvent, CaseState } from './model';

/** States a case never leaves. */
export const FINAL_STATES: ReadonlySet<CaseState> = new Set(['declined', 'held', 'cancelled']);

const TRANSITIONS: Readonly<Record<CaseState, Partial<Record<CaseEvent, CaseState>>>> = {
  draft: { propose: 'proposed' },
  proposed: { accept: 'accepted', decline: 'declined', request_reschedule: 'reschedule_requested' },
  reschedule_requested: { propose: 'proposed' },
  accepted: { schedule: 'scheduled' },
  scheduled: { mark_held: 'held' },
  declined: {},
  held: {},
  cancelled: {},
};

/** States in which the SPST has been sent a notice that it may acknowledge. */
const NOTIFIED_STATES: ReadonlySet<CaseState> = new Set([
  'proposed',
  'accepted',
  'declined',
  'reschedule_requested',
  'scheduled',
  'held',
]);

/** The state `event` leads to from `state`, or null when the event does not apply there. */
export function nextState(state: CaseState, event: CaseEvent): CaseState | null {
  if (event === 'cancel') return FINAL_STATES.has(state) ? null : 'cancelled';
  if (event === 'acknowledge_spst_notice') return NOTIFIED_STATES.has(state) ? state : null;
  return TRANSITIONS[state][event] ?? null;
}
