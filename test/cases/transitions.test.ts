import { FINAL_STATES, nextState, type CaseEvent, type CaseState } from '../../bot/cases';

const STATES: CaseState[] = [
  'draft',
  'proposed',
  'accepted',
  'declined',
  'reschedule_requested',
  'scheduled',
  'held',
  'cancelled',
];
const EVENTS: CaseEvent[] = [
  'propose',
  'accept',
  'decline',
  'request_reschedule',
  'schedule',
  'mark_held',
  'cancel',
];

// The whole lifecycle, written out independently of the implementation's table.
const ALLOWED: Array<[CaseState, CaseEvent, CaseState]> = [
  ['draft', 'propose', 'proposed'],
  ['proposed', 'accept', 'accepted'],
  ['proposed', 'decline', 'declined'],
  ['proposed', 'request_reschedule', 'reschedule_requested'],
  ['reschedule_requested', 'propose', 'proposed'],
  ['accepted', 'schedule', 'scheduled'],
  ['scheduled', 'mark_held', 'held'],
  ['draft', 'cancel', 'cancelled'],
  ['proposed', 'cancel', 'cancelled'],
  ['reschedule_requested', 'cancel', 'cancelled'],
  ['accepted', 'cancel', 'cancelled'],
  ['scheduled', 'cancel', 'cancelled'],
];

const allowedTarget = (state: CaseState, event: CaseEvent) =>
  ALLOWED.find(([from, by]) => from === state && by === event)?.[2] ?? null;

describe('nextState', () => {
  test.each(ALLOWED)('%s --%s--> %s', (from, event, to) => {
    expect(nextState(from, event)).toBe(to);
  });

  const refused = STATES.flatMap((state) =>
    EVENTS.filter((event) => allowedTarget(state, event) === null).map((event) => [state, event] as const),
  );
  test.each(refused)('%s refuses %s', (state, event) => {
    expect(nextState(state, event)).toBeNull();
  });

  test('the final states are exactly those nothing leaves', () => {
    const final = STATES.filter((state) => EVENTS.every((event) => nextState(state, event) === null));
    expect(final.sort()).toEqual([...FINAL_STATES].sort());
    expect(final.sort()).toEqual(['cancelled', 'declined', 'held']);
  });
});
