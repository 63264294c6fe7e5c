import { CaseStore } from '../../../../bot/services/cases';
import { readRetentionLog } from '../../../../bot/services/privacy';
import { registerRetention } from '../../../../bot/privacyWiring';
import { Scheduler } from '../../../../bot/services/reminders';
import { silentLogger } from '../../../support/bot';
import { storageKinds, type TestDatabase } from '../../../support/databases';
import { seedCase } from '../cases/sampleCase';

describe.each(storageKinds())('the daily retention task on $kind', ({ open }) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await open();
  });
  afterEach(() => database.dispose());

  it('runs once a day across instances, after 03:00 Paris time', async () => {
    const { db } = database;
    const cases = new CaseStore(db);
    // Opened and cancelled on 2026-01-13 (through CaseService, as every case).
    const created = await seedCase(db, {
      state: 'cancelled',
      request: {
        requestDate: '2026-01-12',
        absences: [{ kind: 'maladie', start: '2025-11-01', end: '2026-03-31' }],
        meeting: { date: '2026-01-26', time: '10:00', mode: 'on_site' },
      },
      service: { now: () => new Date('2026-01-13T10:00:00Z') },
    });

    let now = new Date('2026-07-15T00:30:00Z'); // 02:30 in Paris: not yet
    const instances = [1, 2].map(() => new Scheduler({ db, logger: silentLogger, now: () => now }));
    for (const scheduler of instances) registerRetention(scheduler, db, silentLogger);
    for (const scheduler of instances) await scheduler.runDue();
    expect(await readRetentionLog(db, 'tenant-a')).toEqual([]);

    now = new Date('2026-07-15T01:30:00Z'); // 03:30 in Paris
    await Promise.all(instances.map((scheduler) => scheduler.runDue()));
    await Promise.all(instances.map((scheduler) => scheduler.runDue()));
    expect((await readRetentionLog(db, 'tenant-a')).map((row) => row.action)).toEqual(['details_purged']);
    expect((await cases.get('tenant-a', created.id))?.employee.name).toBe('');
  });
});
