import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../../bot/platform/paths';
import {
  contentLink,
  enableSave,
  ENTITY_ID,
  isConfigFrame,
  tabInstanceConfig,
  type ConfigApi,
  type SaveEventLike,
  type TabInstanceConfig,
} from '../../../../tab/src/config';

/** A stand-in for teams-js' pages.config that records what the page does, in order. */
function fakeConfigApi(setConfig: (config: TabInstanceConfig) => Promise<void> = async () => undefined) {
  const calls: string[] = [];
  let onSave: ((event: SaveEventLike) => void) | undefined;
  const api: ConfigApi = {
    registerOnSaveHandler: (handler) => {
      calls.push('registerOnSaveHandler');
      onSave = handler;
    },
    setConfig: async (config) => {
      calls.push(`setConfig ${JSON.stringify(config)}`);
      await setConfig(config);
    },
    setValidityState: (valid) => void calls.push(`setValidityState ${valid}`),
  };
  /** Presses Teams' Save button; resolves with what the page answered. */
  const save = () =>
    new Promise<string>((resolve) => {
      if (!onSave) throw new Error('no save handler');
      onSave({
        notifySuccess: () => resolve('success'),
        notifyFailure: (reason) => resolve(`failure: ${reason}`),
      });
    });
  return { api, calls, save };
}

describe("the channel tab's configuration frame", () => {
  test.each([
    ['?frame=config', undefined, true],
    ['?lang=en&frame=config', 'content', true],
    ['', 'settings', true],
    ['', 'content', false],
    ['?frame=content', undefined, false],
    ['', undefined, false],
  ])('search %p, frame context %p → configuration frame: %p', (search, frameContext, expected) => {
    expect(isConfigFrame(search, frameContext)).toBe(expected);
  });

  test('the saved tab is the HR space of this server', () => {
    expect(tabInstanceConfig('https://liaison.example.com', 'Liaison RH')).toEqual({
      contentUrl: 'https://liaison.example.com/tab/',
      websiteUrl: 'https://liaison.example.com/tab/',
      entityId: 'liaison-hr',
      suggestedDisplayName: 'Liaison RH',
    });
    expect(ENTITY_ID).toBe('liaison-hr');
  });

  test('Save is enabled at once; pressing it stores the tab, then tells Teams it succeeded', async () => {
    const { api, calls, save } = fakeConfigApi();
    const config = tabInstanceConfig('https://liaison.example.com', 'Liaison HR');
    enableSave(api, config, 'could not save');
    expect(calls).toEqual(['registerOnSaveHandler', 'setValidityState true']);
    await expect(save()).resolves.toBe('success');
    expect(calls).toEqual([
      'registerOnSaveHandler',
      'setValidityState true',
      `setConfig ${JSON.stringify(config)}`,
    ]);
  });

  test('a refused setConfig is told to Teams as a failure, with the localized message', async () => {
    const { api, save } = fakeConfigApi(async () => {
      throw new Error('refused');
    });
    enableSave(api, tabInstanceConfig('https://liaison.example.com', 'Liaison HR'), "L'onglet n'a pas pu…");
    await expect(save()).resolves.toBe("failure: L'onglet n'a pas pu…");
  });

  test('the local link to the tab keeps the language, theme and tenant but not the frame', () => {
    expect(contentLink('?frame=config&lang=en&theme=dark')).toBe('/tab/?lang=en&theme=dark');
    expect(contentLink('?frame=config')).toBe('/tab/');
  });

  test('the manifest declares this very frame as the configuration URL', () => {
    const manifest = JSON.parse(
      fs.readFileSync(path.join(PROJECT_ROOT, 'deployment', 'teams', 'manifest.json'), 'utf8'),
    ) as { configurableTabs: Array<{ configurationUrl: string }> };
    const url = new URL(
      manifest.configurableTabs[0]?.configurationUrl.replace('${{PUBLIC_DOMAIN}}', 'x') ?? '',
    );
    expect(url.pathname).toBe('/tab/');
    expect(isConfigFrame(url.search)).toBe(true);
  });
});
