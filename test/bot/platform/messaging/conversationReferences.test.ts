import type { Activity } from 'botbuilder';
import { ConversationReferenceStore } from '../../../../bot/platform/messaging';
import { storageKinds, type TestDatabase } from '../../../support/databases';

const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

function personalMessage(tenantId: string, aadObjectId: string, serviceUrl = SERVICE_URL): Activity {
  return {
    type: 'message',
    id: 'm1',
    channelId: 'msteams',
    serviceUrl,
    from: { id: `29:${aadObjectId}`, name: 'Someone', aadObjectId },
    recipient: { id: '28:liaison', name: 'Liaison' },
    conversation: {
      id: `a:${aadObjectId}`,
      conversationType: 'personal',
      tenantId,
      isGroup: false,
      name: '',
    },
    channelData: { tenant: { id: tenantId } },
  } as Activity;
}

function channelReply(tenantId: string, channelId: string): Activity {
  return {
    type: 'message',
    id: 'm2',
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from: { id: '29:hr', name: 'HR', aadObjectId: 'hr-person' },
    recipient: { id: '28:liaison', name: 'Liaison' },
    conversation: { id: `${channelId};messageid=123`, conversationType: 'channel', isGroup: true, name: '' },
    channelData: { tenant: { id: tenantId }, channel: { id: channelId }, team: { id: 'team-1' } },
  } as Activity;
}

describe.each(storageKinds())('conversation references on $kind', ({ open }) => {
  let handle: TestDatabase;
  let store: ConversationReferenceStore;

  beforeEach(async () => {
    handle = await open();
    store = new ConversationReferenceStore(handle.db);
  });
  afterEach(() => handle.dispose());

  test("a personal message stores its sender's reference, found by tenant and Entra object id", async () => {
    await store.saveFromActivity(personalMessage('tenant-a', 'user-1'));
    expect(await store.findUser('tenant-a', 'user-1')).toMatchObject({
      channelId: 'msteams',
      serviceUrl: SERVICE_URL,
      conversation: { id: 'a:user-1' },
      user: { aadObjectId: 'user-1' },
    });
    expect(await store.find('tenant-a', { aadObjectId: 'user-1' })).toBeDefined();
  });

  test('a reference is never found from another tenant', async () => {
    await store.saveFromActivity(personalMessage('tenant-a', 'user-1'));
    expect(await store.findUser('tenant-b', 'user-1')).toBeUndefined();
  });

  test('the latest turn wins (a changed serviceUrl is picked up)', async () => {
    await store.saveFromActivity(personalMessage('tenant-a', 'user-1'));
    await store.saveFromActivity(personalMessage('tenant-a', 'user-1', 'https://smba.example/amer/'));
    expect((await store.findUser('tenant-a', 'user-1'))?.serviceUrl).toBe('https://smba.example/amer/');
  });

  test('a channel message stores a reference to the channel itself, not to the thread', async () => {
    await store.saveFromActivity(channelReply('tenant-a', '19:hr@thread.tacv2'));
    const reference = await store.findChannel('tenant-a', '19:hr@thread.tacv2');
    expect(reference?.conversation?.id).toBe('19:hr@thread.tacv2');
    expect(reference?.activityId).toBeUndefined();
    expect(await store.findUser('tenant-a', 'hr-person')).toBeUndefined();
  });

  test('an activity without a tenant (a proactive continuation) stores nothing', async () => {
    const activity = personalMessage('tenant-a', 'user-1');
    delete activity.channelData;
    await store.saveFromActivity(activity);
    expect(await handle.db.query('SELECT * FROM conversation_references')).toEqual([]);
  });

  test('an unchanged reference is not rewritten every turn, only when it changes or hours later', async () => {
    let now = new Date('2026-11-23T10:00:00Z');
    const store = new ConversationReferenceStore(handle.db, () => now);
    const updatedAt = async () =>
      (
        await handle.db.query<{ updated_at: string }>(
          "SELECT updated_at FROM conversation_references WHERE target_id = 'aad-1'",
        )
      )[0]?.updated_at;
    await store.saveFromActivity(personalMessage('tenant-a', 'aad-1'));
    now = new Date('2026-11-23T10:05:00Z');
    await store.saveFromActivity({ ...personalMessage('tenant-a', 'aad-1'), id: 'another-message' });
    expect(await updatedAt()).toBe('2026-11-23T10:00:00.000Z');
    await store.saveFromActivity(personalMessage('tenant-a', 'aad-1', 'https://smba.trafficmanager.net/fr/'));
    expect(await updatedAt()).toBe('2026-11-23T10:05:00.000Z');
    expect((await store.findUser('tenant-a', 'aad-1'))?.serviceUrl).toBe(
      'https://smba.trafficmanager.net/fr/',
    );
    now = new Date('2026-11-23T17:00:00Z');
    await store.saveFromActivity(personalMessage('tenant-a', 'aad-1', 'https://smba.trafficmanager.net/fr/'));
    expect(await updatedAt()).toBe('2026-11-23T17:00:00.000Z');
  });

  test('an activity without a locale keeps the language known for the person', async () => {
    const store = new ConversationReferenceStore(handle.db);
    await store.saveFromActivity({ ...personalMessage('tenant-a', 'aad-2'), locale: 'en-US' });
    await store.saveFromActivity({
      ...personalMessage('tenant-a', 'aad-2', 'https://smba.trafficmanager.net/fr/'),
      type: 'conversationUpdate',
    });
    expect(await store.findUser('tenant-a', 'aad-2')).toMatchObject({
      locale: 'en-US',
      serviceUrl: 'https://smba.trafficmanager.net/fr/',
    });
  });
});
