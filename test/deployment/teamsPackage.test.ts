import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { recognizeCommand, type Command } from '../../language/commands';
import { matchFaq } from '../../language';
import {
  buildPackage,
  localSchema,
  localisableFields,
  PackageError,
  readInputs,
  readLocalisations,
  renderManifest,
  schemaErrors,
  TEAMS_DIR,
  validateManifest,
  type PackageInputs,
} from '../../scripts/package';
import { decodePng } from './png';

// @microsoft/app-manifest requires strip-bom 5, an ES module that jest's CommonJS runtime cannot load (Node and tsx
// can). Validation never reads a file through it: a CommonJS stand-in with the same behaviour is enough.
jest.mock(require.resolve('strip-bom', { paths: [require.resolve('@microsoft/app-manifest')] }), () => ({
  __esModule: true,
  default: (text: string) => text.replace(/^\uFEFF/, ''),
}));

const inputs: PackageInputs = {
  appId: '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b',
  domain: 'liaison.example.com',
  version: '1.2.3',
};
const template = fs.readFileSync(path.join(TEAMS_DIR, 'manifest.json'), 'utf8');
const manifest = () => renderManifest(template, inputs);

type CommandList = { scopes: string[]; commands: { title: string; description?: string }[] };
const commandLists = (document: Record<string, unknown>) =>
  (document.bots as { commandLists: CommandList[] }[])[0]!.commandLists;

describe('the Teams manifest', () => {
  it('validates against its schema, read offline from @microsoft/app-manifest', async () => {
    const rendered = manifest();
    expect(String(rendered.$schema)).toMatch(
      /^https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/v1\.\d+\//,
    );
    expect(() => localSchema(String(rendered.$schema))).not.toThrow();
    expect(rendered.manifestVersion).toBe(String(rendered.$schema).match(/\/v(1\.\d+)\//)![1]);
    expect(await schemaErrors(rendered)).toEqual([]);
    expect(await validateManifest(rendered, readLocalisations(rendered, TEAMS_DIR))).toEqual([]);
  });

  it('reports what Teams would refuse', async () => {
    const broken = manifest();
    (broken.description as { short: string }).short = 'x'.repeat(81);
    delete broken.developer;
    const errors = await schemaErrors(broken);
    expect(errors.some((error) => error.includes('/description/short'))).toBe(true);
    expect(errors.some((error) => error.includes('developer'))).toBe(true);
  });

  it('takes the app id and the domain everywhere they belong', () => {
    const rendered = manifest();
    expect(JSON.stringify(rendered)).not.toContain('${{');
    expect(rendered.id).toBe(inputs.appId);
    expect(rendered.version).toBe('1.2.3');
    const bot = (rendered.bots as { botId: string; scopes: string[] }[])[0]!;
    expect(bot.botId).toBe(inputs.appId);
    expect(bot.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(rendered.webApplicationInfo).toEqual({
      id: inputs.appId,
      resource: `api://liaison.example.com/${inputs.appId}`,
    });
    expect(rendered.validDomains).toEqual(['liaison.example.com']);
  });

  it('has the HR tab (personal) and a configurable tab for team channels, both served at /tab/', () => {
    const rendered = manifest();
    const tabs = rendered.staticTabs as { entityId: string; contentUrl?: string; scopes: string[] }[];
    const hr = tabs.find((tab) => tab.entityId === 'hr');
    expect(hr).toMatchObject({ contentUrl: 'https://liaison.example.com/tab/', scopes: ['personal'] });
    expect(tabs.map((tab) => tab.entityId)).toContain('conversations'); // keeps the bot's chat
    const [configurable] = rendered.configurableTabs as { configurationUrl: string; scopes: string[] }[];
    expect(configurable!.scopes).toEqual(['team']);
    expect(configurable!.configurationUrl.startsWith('https://liaison.example.com/tab/')).toBe(true);
  });

  it('says French is the default language and names fr.json and en.json', () => {
    expect(manifest().localizationInfo).toEqual({
      defaultLanguageTag: 'fr',
      defaultLanguageFile: 'fr.json',
      additionalLanguages: [{ languageTag: 'en', file: 'en.json' }],
    });
  });
});

describe('the localisation files', () => {
  const rendered = manifest();
  const [fr, en] = readLocalisations(rendered, TEAMS_DIR);
  const keys = (content: Record<string, unknown>) => Object.keys(content).filter((key) => key !== '$schema');

  it('are fr (default) then en, each valid against the localisation schema', async () => {
    expect([fr?.languageTag, fr?.isDefault, en?.languageTag, en?.isDefault]).toEqual([
      'fr',
      true,
      'en',
      false,
    ]);
    expect(await schemaErrors(fr!.content)).toEqual([]);
    expect(await schemaErrors(en!.content)).toEqual([]);
  });

  it('have the same keys: every localisable field of the manifest, nothing else', () => {
    const fields = localisableFields(rendered, localSchema(String(fr!.content.$schema)));
    expect(fields.size).toBeGreaterThan(10);
    expect(keys(fr!.content).sort()).toEqual([...fields.keys()].sort());
    expect(keys(en!.content).sort()).toEqual(keys(fr!.content).sort());
  });

  it('fr.json repeats the manifest word for word; en.json translates every command', () => {
    const fields = localisableFields(rendered, localSchema(String(fr!.content.$schema)));
    for (const [key, value] of fields) expect([key, fr!.content[key]]).toEqual([key, value]);
    const titles = [...fields.keys()].filter((key) => key.endsWith('.title'));
    for (const key of titles) expect(en!.content[key]).not.toEqual(fr!.content[key]);
  });

  it('are checked: a missing translation, a stray key and a drifting default are reported', async () => {
    const missing = structuredClone(en!);
    delete missing.content['name.full'];
    missing.content['bots[0].commandLists[0].commands[11].title'] = 'stray';
    const drifted = structuredClone(fr!);
    drifted.content['name.short'] = 'Autre nom';
    const problems = await validateManifest(rendered, [drifted, missing]);
    expect(problems).toEqual(
      expect.arrayContaining([
        'en.json: no translation for name.full',
        'en.json: bots[0].commandLists[0].commands[11].title is not a localisable field of the manifest',
        'fr.json: name.short differs from manifest.json (the default language)',
      ]),
    );
  });
});

describe('the commands shown in Teams', () => {
  const rendered = manifest();
  const [fr, en] = readLocalisations(rendered, TEAMS_DIR);
  const lists = commandLists(rendered);
  const title = (content: Record<string, unknown>, list: number, command: number) =>
    String(content[`bots[0].commandLists[${list}].commands[${command}].title`]);

  /** What the bot does with a title typed (or clicked) in that language: a command or a FAQ answer. */
  function understood(text: string, language: 'fr' | 'en'): Command | `faq:${string}` | undefined {
    const command = recognizeCommand(text);
    if (command) return command;
    const match = matchFaq(text, language);
    return match.kind === 'answer' ? `faq:${match.id}` : undefined;
  }

  it('are all understood by the bot, in French and in English, with the same meaning', () => {
    lists.forEach((list, i) =>
      list.commands.forEach((_, j) => {
        const french = understood(title(fr!.content, i, j), 'fr');
        const english = understood(title(en!.content, i, j), 'en');
        expect([title(fr!.content, i, j), french]).toEqual([title(fr!.content, i, j), expect.any(String)]);
        expect([title(en!.content, i, j), english]).toEqual([title(en!.content, i, j), french]);
      }),
    );
  });

  it('offer the right commands in each scope', () => {
    const meanings = (scope: string) =>
      lists
        .map((list, i) => ({ list, i }))
        .filter(({ list }) => list.scopes.includes(scope))
        .flatMap(({ list, i }) => list.commands.map((_, j) => understood(title(fr!.content, i, j), 'fr')));
    expect(meanings('personal')).toEqual(
      expect.arrayContaining(['help', 'newCase', 'settings', expect.stringMatching(/^faq:/)]),
    );
    expect(meanings('team')).toEqual(expect.arrayContaining(['hrChannel', 'settings', 'help']));
    expect(meanings('groupChat')).toContain('help');
    expect(meanings('team')).not.toContain('newCase'); // the case dialog is a 1:1 conversation
  });
});

describe('the icons', () => {
  const icons = manifest().icons as { color: string; outline: string };

  it('color is a 192×192 PNG, opaque', () => {
    const png = decodePng(fs.readFileSync(path.join(TEAMS_DIR, icons.color)));
    expect([png.width, png.height, png.bitDepth, png.colourType]).toEqual([192, 192, 8, 6]);
    const alphas = new Set(png.rgba.filter((_, i) => i % 4 === 3));
    expect([...alphas]).toEqual([255]);
  });

  it('outline is a 32×32 PNG, white on a transparent background', () => {
    const png = decodePng(fs.readFileSync(path.join(TEAMS_DIR, icons.outline)));
    expect([png.width, png.height, png.bitDepth, png.colourType]).toEqual([32, 32, 8, 6]);
    const pixels = Array.from({ length: 32 * 32 }, (_, i) => [...png.rgba.subarray(i * 4, i * 4 + 4)]);
    const notWhite = pixels.filter(([r, g, b, a]) => a! > 0 && (r !== 255 || g !== 255 || b !== 255));
    expect(notWhite).toEqual([]);
    const transparent = pixels.filter(([, , , a]) => a === 0).length;
    const opaque = pixels.filter(([, , , a]) => a === 255).length;
    expect(transparent).toBeGreaterThan(32 * 32 * 0.5); // mostly background
    expect(opaque).toBeGreaterThan(50); // yet a visible drawing
    for (const corner of [0, 31, 32 * 31, 32 * 32 - 1]) expect(pixels[corner]![3]).toBe(0);
  });
});

describe('npm run package', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-package-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('zips exactly the manifest, the two icons and the two localisation files', async () => {
    const out = path.join(dir, 'app.zip');
    const built = await buildPackage(inputs, { out });
    expect(built.zipPath).toBe(out);
    const zip = await JSZip.loadAsync(fs.readFileSync(out));
    const names = Object.values(zip.files)
      .filter((entry) => !entry.dir)
      .map((entry) => entry.name);
    expect(names.sort()).toEqual(['color.png', 'en.json', 'fr.json', 'manifest.json', 'outline.png']);
    const zipped = JSON.parse(await zip.file('manifest.json')!.async('string')) as Record<string, unknown>;
    expect(zipped).toEqual(manifest());
    for (const file of ['color.png', 'outline.png', 'fr.json', 'en.json']) {
      const bytes = await zip.file(file)!.async('nodebuffer');
      expect(bytes.equals(fs.readFileSync(path.join(TEAMS_DIR, file)))).toBe(true);
    }
  });

  it('refuses to build from an invalid template, listing the problems', async () => {
    const teamsDir = path.join(dir, 'teams');
    fs.cpSync(TEAMS_DIR, teamsDir, { recursive: true });
    fs.writeFileSync(
      path.join(teamsDir, 'manifest.json'),
      template.replace('"accentColor": "#0F6C74"', '"accentColor": "teal"'),
    );
    fs.copyFileSync(path.join(TEAMS_DIR, 'outline.png'), path.join(teamsDir, 'color.png'));
    const out = path.join(dir, 'app.zip');
    const failure = buildPackage(inputs, { teamsDir, out });
    await expect(failure).rejects.toThrow(PackageError);
    await expect(failure).rejects.toThrow(/accentColor/);
    await expect(failure).rejects.toThrow(/color\.png: the color icon must be 192×192, not 32×32/);
    expect(fs.existsSync(out)).toBe(false);
  });

  describe('reads its inputs', () => {
    const appId = inputs.appId;

    it('from the environment, with the names bot/platform/config.ts uses', () => {
      expect(readInputs({ MicrosoftAppId: appId, PUBLIC_DOMAIN: 'Bot.Example.com' }, [])).toMatchObject({
        appId,
        domain: 'bot.example.com',
      });
    });

    it('from the command line first', () => {
      const other = '00000000-0000-0000-0000-000000000001';
      expect(
        readInputs({ MicrosoftAppId: appId, PUBLIC_DOMAIN: 'a.example.com' }, [
          '--app-id',
          other,
          '--domain=b.example.com',
          '--version',
          '2.0.0',
        ]),
      ).toEqual({ appId: other, domain: 'b.example.com', version: '2.0.0' });
    });

    it('naming the variable that is missing or wrong', () => {
      expect(() => readInputs({ PUBLIC_DOMAIN: 'a.example.com' }, [])).toThrow(/^MicrosoftAppId is not set/);
      expect(() => readInputs({ MicrosoftAppId: appId }, [])).toThrow(/^PUBLIC_DOMAIN is not set/);
      expect(() => readInputs({ MicrosoftAppId: 'my-bot', PUBLIC_DOMAIN: 'a.example.com' }, [])).toThrow(
        /^MicrosoftAppId: expected a GUID/,
      );
      expect(() =>
        readInputs({ MicrosoftAppId: appId, PUBLIC_DOMAIN: 'https://a.example.com/' }, []),
      ).toThrow(/^PUBLIC_DOMAIN: expected a bare host name/);
    });
  });
});
