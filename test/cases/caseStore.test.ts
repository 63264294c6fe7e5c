import {
  CaseNotFoundError,
  CaseStore,
  Outbox,
  nextState,
  type CaseActor,
  type CaseEvent,
  type CaseState,
  type LiaisonCase,
} from '../../bot/cases';
import type { Database } from '../../bot/storage';
import { storageKinds, type TestDatabase } from '../support/databases';
import { sampleCase } from './sampleCase';

const EVENTS: CaseEvent[] = [
  'propose',
  'accept',
  'decline',
  'request_reschedule',
  'schedule',
  'mark_held',
  'cancel',
];

// How to bring a fresh case into each state.
const PATH_TO: Record<CaseState, CaseEvent[]> = {
  draft: [],
  proposed: ['propose'],
  accepted: ['propose', 'accept'],
  declined: ['propose', 'decline'],
  reschedule_requested: ['propose', 'request_reschedule'],
  scheduled: ['propose', 'accept', 'schedule'],
  held: ['propose', 'accept', 'schedule', 'mark_held'],
  cancelled: ['cancel'],
};

const HR: CaseActor = { role: 'hr', aadObjectId: 'aad-hr' };
const EMPLOYEE: CaseActor = { role: 'employee', aadObjectId: 'aad-employee' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe.each(storageKinds())('case store on $kind', ({ open }) => {
  let handle: TestDatabase;
  let db: Database;
  let store: CaseStore;
  let clock: Date;
  let keys = 0;
  const nextKey = () => `key-${++keys}`;

  beforeEach(async () => {
    handle = await open();
    db = handle.db;
    clock = new Date('2026-11-03T08:00:00.000Z');
    store = new CaseStore(db, () => clock);
  });
  afterEach(() => handle.dispose());

  async function caseIn(state: CaseState, tenantId = 'tenant-a'): Promise<LiaisonCase> {
    let current = await store.create(sampleCase({ tenantId }));
    for (const event of PATH_TO[state]) {
      current = (await store.applyEvent(tenantId, current.id, event, HR, nextKey())).case;
    }
    expect(current.state).toBe(state);
    return current;
  }

  // Opens every pooled connection first: otherwise the first event can finish on the one open connection
  // before the others connect, and the race under test never happens.
  const warmUpConnections = () =>
    Promise.all(Array.from({ length: 10 }, () => db.transaction((tx) => tx.query('SELECT 1'))));

  const auditRowCount = async () =>
    (await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM case_audit'))[0]?.n;

  test('a created case is a draft at version 1 and reads back identical', async () => {
    const created = await store.create(sampleCase());
    expect(created).toMatchObject({ state: 'draft', version: 1, createdAt: clock.toISOString() });
    expect(created.id).toMatch(UUID);
    expect(await store.get('tenant-a', created.id)).toEqual(created);
    expect(await store.get('tenant-a', '00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  test("the company's cases are listed, most recently changed first, and nobody else's", async () => {
    const older = await store.create(sampleCase());
    clock = new Date('2026-11-04T08:00:00.000Z');
    const newer = await store.create(sampleCase());
    await store.create(sampleCase({ companyId: 'company-2' }));
    await store.create(sampleCase({ tenantId: 'tenant-b' }));
    const listed = await store.listForCompany('tenant-a', 'company-1');
    expect(listed.map((c) => c.id)).toEqual([newer.id, older.id]);
    expect(await store.listForCompany('tenant-c', 'company-1')).toEqual([]);
  });

  describe('tenant isolation', () => {
    test("tenant A can neither read, list, audit nor change tenant B's case", async () => {
      const theirs = await caseIn('proposed', 'tenant-b');
      expect(await store.get('tenant-a', theirs.id)).toBeNull();
      expect(await store.listForCompany('tenant-a', theirs.companyId)).toEqual([]);
      expect(await store.auditTrail('tenant-a', theirs.id)).toEqual([]);
      await expect(
        store.applyEvent('tenant-a', theirs.id, 'accept', EMPLOYEE, nextKey()),
      ).rejects.toBeInstanceOf(CaseNotFoundError);
      await expect(store.applyEvent('tenant-a', theirs.id, 'cancel', HR, nextKey())).rejects.toBeInstanceOf(
        CaseNotFoundError,
      );
      expect(await store.get('tenant-b', theirs.id)).toEqual(theirs);
      expect(await store.auditTrail('tenant-b', theirs.id)).toHaveLength(1);
    });
  });

  describe('transitions', () => {
    test('the whole lifecycle is recorded in the audit trail, with who and when, and bumps the version', async () => {
      const created = await store.create(sampleCase());
      const steps: Array<[CaseEvent, CaseActor]> = [
        ['propose', { role: 'manager', aadObjectId: 'aad-manager' }],
        ['request_reschedule', EMPLOYEE],
        ['propose', { role: 'manager', aadObjectId: 'aad-manager' }],
        ['accept', EMPLOYEE],
        ['schedule', HR],
        ['mark_held', { role: 'system' }],
      ];
      let version = created.version;
      for (const [event, actor] of steps) {
        clock = new Date(clock.getTime() + 86_400_000);
        const result = await store.applyEvent('tenant-a', created.id, event, actor, nextKey());
        expect(result.outcome).toBe('applied');
        expect(result.case).toMatchObject({ version: ++version, updatedAt: clock.toISOString() });
        expect(await store.get('tenant-a', created.id)).toEqual(result.case);
      }
      const trail = await store.auditTrail('tenant-a', created.id);
      expect(trail.map((entry) => [entry.event, entry.fromState, entry.toState, entry.actorRole])).toEqual([
        ['propose', 'draft', 'proposed', 'manager'],
        ['request_reschedule', 'proposed', 'reschedule_requested', 'employee'],
        ['propose', 'reschedule_requested', 'proposed', 'manager'],
        ['accept', 'proposed', 'accepted', 'employee'],
        ['schedule', 'accepted', 'scheduled', 'hr'],
        ['mark_held', 'scheduled', 'held', 'system'],
      ]);
      expect(trail.map((entry) => entry.caseVersion)).toEqual([2, 3, 4, 5, 6, 7]);
      expect(trail[1]).toMatchObject({ actorId: 'aad-employee', at: '2026-11-05T08:00:00.000Z' });
      expect(trail[5]?.actorId).toBeNull();
    });

    test.each(Object.keys(PATH_TO) as CaseState[])(
      'from %s: allowed events apply, the others change nothing',
      async (state) => {
        for (const event of EVENTS) {
          const before = await caseIn(state);
          const auditBefore = await store.auditTrail('tenant-a', before.id);
          const result = await store.applyEvent('tenant-a', before.id, event, HR, nextKey());
          const expected = nextState(state, event);
          if (expected) {
            expect(result.outcome).toBe('applied');
            expect(result.case).toMatchObject({ state: expected, version: before.version + 1 });
            expect(await store.auditTrail('tenant-a', before.id)).toHaveLength(auditBefore.length + 1);
          } else {
            expect(result).toEqual({ outcome: 'not_applicable', case: before });
            expect(await store.get('tenant-a', before.id)).toEqual(before);
            expect(await store.auditTrail('tenant-a', before.id)).toEqual(auditBefore);
          }
        }
      },
    );

    test('changes are stored with the transition that carries them, and only when it applies', async () => {
      const rescheduled = await caseIn('reschedule_requested');
      const newMeeting = { date: '2026-11-27', mode: 'remote' as const, link: 'https://teams.example/meet' };
      const refused = await store.applyEvent('tenant-a', rescheduled.id, 'accept', EMPLOYEE, nextKey(), {
        changes: { referentRequested: true },
      });
      expect(refused.case.referentRequested).toBe(false);
      const proposed = await store.applyEvent('tenant-a', rescheduled.id, 'propose', HR, nextKey(), {
        changes: { meeting: newMeeting },
      });
      expect(proposed.case).toMatchObject({ state: 'proposed', meeting: newMeeting });
      expect(await store.get('tenant-a', rescheduled.id)).toEqual(proposed.case);
    });

    test('an unknown case is an error, not a silent no-op', async () => {
      await expect(
        store.applyEvent('tenant-a', '00000000-0000-4000-8000-000000000000', 'propose', HR, nextKey()),
      ).rejects.toBeInstanceOf(CaseNotFoundError);
    });
  });

  describe('idempotency', () => {
    test('the same key twice applies once; the second call answers already_applied with the stored case', async () => {
      const proposed = await caseIn('proposed');
      const first = await store.applyEvent('tenant-a', proposed.id, 'accept', EMPLOYEE, 'click-1');
      const second = await store.applyEvent('tenant-a', proposed.id, 'accept', EMPLOYEE, 'click-1');
      expect(first.outcome).toBe('applied');
      expect(second).toEqual({ outcome: 'already_applied', case: first.case });
      expect(second.case.version).toBe(proposed.version + 1);
      expect(await store.auditTrail('tenant-a', proposed.id)).toHaveLength(2);
    });

    test('a key already used on the case is not applied again, whatever the event', async () => {
      const proposed = await caseIn('proposed');
      await store.applyEvent('tenant-a', proposed.id, 'request_reschedule', EMPLOYEE, 'click-1');
      const reused = await store.applyEvent('tenant-a', proposed.id, 'propose', HR, 'click-1');
      expect(reused.outcome).toBe('already_applied');
      expect(reused.case.state).toBe('reschedule_requested');
    });

    test('keys are per case: the same key applies once on each of two cases', async () => {
      const one = await caseIn('proposed');
      const two = await caseIn('proposed');
      expect((await store.applyEvent('tenant-a', one.id, 'accept', EMPLOYEE, 'click-1')).outcome).toBe(
        'applied',
      );
      expect((await store.applyEvent('tenant-a', two.id, 'accept', EMPLOYEE, 'click-1')).outcome).toBe(
        'applied',
      );
    });

    test('50 concurrent identical events make exactly one transition', async () => {
      const proposed = await caseIn('proposed');
      const auditBefore = await auditRowCount();
      await warmUpConnections();
      const results = await Promise.all(
        Array.from({ length: 50 }, () =>
          store.applyEvent('tenant-a', proposed.id, 'accept', EMPLOYEE, 'click-1'),
        ),
      );
      expect(results.filter((r) => r.outcome === 'applied')).toHaveLength(1);
      expect(results.filter((r) => r.outcome === 'already_applied')).toHaveLength(49);
      expect(await auditRowCount()).toBe(Number(auditBefore) + 1);
      expect(await store.get('tenant-a', proposed.id)).toMatchObject({
        state: 'accepted',
        version: proposed.version + 1,
      });
    });

    test('50 concurrent different answers: the first wins, the others find it no longer applies', async () => {
      const proposed = await caseIn('proposed');
      await warmUpConnections();
      const answers: CaseEvent[] = ['accept', 'decline', 'request_reschedule'];
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          store.applyEvent('tenant-a', proposed.id, answers[i % 3] ?? 'accept', EMPLOYEE, `click-${i}`),
        ),
      );
      expect(results.filter((r) => r.outcome === 'applied')).toHaveLength(1);
      expect(results.filter((r) => r.outcome === 'not_applicable')).toHaveLength(49);
      expect(await store.auditTrail('tenant-a', proposed.id)).toHaveLength(2);
    });
  });

  describe('with the outbox', () => {
    let outbox: Outbox;
    beforeEach(() => {
      outbox = new Outbox(db, () => clock);
    });

    const notifyHr = (c: LiaisonCase) => ({
      tenantId: c.tenantId,
      caseId: c.id,
      kind: 'hr.answer',
      payload: {},
    });

    test('a transition and the message it causes are stored together, once per key', async () => {
      const proposed = await caseIn('proposed');
      for (let i = 0; i < 3; i++) {
        await store.applyEvent('tenant-a', proposed.id, 'accept', EMPLOYEE, 'click-1', {
          effect: (tx, updated) => outbox.enqueue(tx, notifyHr(updated)),
        });
      }
      const claimed = await outbox.claimDue(clock, 10);
      expect(claimed).toEqual([
        {
          id: expect.any(String),
          tenantId: 'tenant-a',
          caseId: proposed.id,
          kind: 'hr.answer',
          payload: {},
          attempts: 1,
        },
      ]);
    });

    test('when the effect fails, the transition is rolled back with it', async () => {
      const proposed = await caseIn('proposed');
      await expect(
        store.applyEvent('tenant-a', proposed.id, 'accept', EMPLOYEE, 'click-1', {
          effect: async (tx, updated) => {
            await outbox.enqueue(tx, notifyHr(updated));
            throw new Error('card rendering failed');
          },
        }),
      ).rejects.toThrow('card rendering failed');
      expect(await store.get('tenant-a', proposed.id)).toEqual(proposed);
      expect(await store.auditTrail('tenant-a', proposed.id)).toHaveLength(1);
      expect(await outbox.claimDue(clock, 10)).toEqual([]);
      const retried = await store.applyEvent('tenant-a', proposed.id, 'accept', EMPLOYEE, 'click-1');
      expect(retried.outcome).toBe('applied');
    });
  });
});
