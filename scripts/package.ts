// `npm run package`: builds and validates the Teams app package zip.
/**
 * `npm run package`: builds the Teams app package (the zip an admin uploads in the Teams admin center) from the
 * template in deployment/teams/, for one bot registration and one public domain.
 *
 *   MicrosoftAppId=<the bot's Entra app id> PUBLIC_DOMAIN=<host name of the bot> npm run package
 *   npm run package -- --app-id <guid> --domain liaison.example.com [--out out/liaison-teams-app.zip]
 *
 * MicrosoftAppId is the variable bot/platform/config.ts reads, so one environment serves both. The manifest and its
 * localisation files are validated offline against the schemas shipped with @microsoft/app-manifest (never
 * fetched), the icons' sizes are checked, then manifest.json, the icons and fr.json/en.json go into the zip.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import JSZip from 'jszip';

export const TEAMS_DIR = path.join(__dirname, '..', 'deployment', 'teams');
export const DEFAULT_OUT = path.join(__dirname, '..', 'out', 'liaison-teams-app.zip');

export class PackageError extends Error {}

export interface PackageInputs {
  appId: string;
  domain: string;
  version: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A host name, optionally with a port: no scheme, no path (Teams wants bare domains in validDomains). */
const DOMAIN =
  /^(?=.{1,253}(:|$))[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:\d{1,5})?$/i;

/** `--name value` or `--name=value` from the command line. */
function option(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === `--${name}`) return argv[i + 1];
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
}

/**
 * The app id, the domain and the version, from the command line first, then the environment. Both the app id
 * and the domain are required (there is no sensible default: a package for the wrong bot installs but never
 * answers); the error names the missing variable.
 */
export function readInputs(env: NodeJS.ProcessEnv, argv: readonly string[]): PackageInputs {
  const appId = (option(argv, 'app-id') ?? env.MicrosoftAppId ?? '').trim();
  const domain = (option(argv, 'domain') ?? env.PUBLIC_DOMAIN ?? '').trim().toLowerCase();
  const version = (option(argv, 'version') ?? env.APP_VERSION ?? packageVersion()).trim();
  if (appId === '') {
    throw new PackageError(
      "MicrosoftAppId is not set: give the bot's Entra app id (a GUID), e.g. MicrosoftAppId=… npm run package, or --app-id",
    );
  }
  if (!GUID.test(appId)) throw new PackageError(`MicrosoftAppId: expected a GUID, got "${appId}"`);
  if (domain === '') {
    throw new PackageError(
      'PUBLIC_DOMAIN is not set: give the host name the bot is reached at, e.g. PUBLIC_DOMAIN=liaison.azurewebsites.net, or --domain',
    );
  }
  if (!DOMAIN.test(domain)) {
    throw new PackageError(
      `PUBLIC_DOMAIN: expected a bare host name such as liaison.example.com, got "${domain}"`,
    );
  }
  if (!/^\d+\.\d+\.\d+$/.test(version)) {
    throw new PackageError(`APP_VERSION: expected major.minor.patch, got "${version}"`);
  }
  return { appId, domain, version };
}

function packageVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** The template with every `${{NAME}}` replaced; any placeholder left is an error. */
export function renderManifest(template: string, inputs: PackageInputs): Record<string, unknown> {
  const values: Record<string, string> = {
    MicrosoftAppId: inputs.appId,
    PUBLIC_DOMAIN: inputs.domain,
    APP_VERSION: inputs.version,
  };
  const text = template.replace(/\$\{\{(\w+)\}\}/g, (placeholder, name: string) => {
    const value = values[name];
    if (value === undefined) throw new PackageError(`manifest.json: unknown placeholder ${placeholder}`);
    return value;
  });
  return JSON.parse(text) as Record<string, unknown>;
}

/**
 * The JSON schema behind a developer.microsoft.com schema URL, read from the copy shipped with
 * @microsoft/app-manifest: validation never depends on the network.
 */
export function localSchema(url: string): object {
  const prefix = 'https://developer.microsoft.com/json-schemas/';
  if (!url.startsWith(prefix)) throw new PackageError(`$schema must be a ${prefix}… URL, got "${url}"`);
  const root = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const file = path.join(root, 'build', 'json-schemas', url.slice(prefix.length));
  if (!fs.existsSync(file)) {
    throw new PackageError(`${url} is not shipped with @microsoft/app-manifest: use a version it knows`);
  }
  // The same clean-up as the package's own loader: some schemas hold \a or \v, which JSON does not allow.
  const schema = JSON.parse(
    fs.readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b'),
  ) as { patternProperties?: Record<string, unknown> };
  if (schema.patternProperties) schema.patternProperties = unicodeSafePatterns(schema.patternProperties);
  return schema;
}

/**
 * The localisation schemas hold patterns such as `activityTypes\[\b(…)\b]` whose lone `]` is refused by the
 * Unicode regular expressions ajv compiles: escape it (same meaning), so that the schema can be used at all.
 */
function unicodeSafePatterns(patterns: Record<string, unknown>): Record<string, unknown> {
  const compiles = (pattern: string) => {
    try {
      new RegExp(pattern, 'u');
      return true;
    } catch {
      return false;
    }
  };
  return Object.fromEntries(
    Object.entries(patterns).map(([pattern, rule]) => [
      compiles(pattern) ? pattern : pattern.replace(/(?<!\\)\](?=\\\.)/g, '\\]'),
      rule,
    ]),
  );
}

/** Errors of a JSON document against the schema its `$schema` names; empty when valid. */
export async function schemaErrors(document: Record<string, unknown>): Promise<string[]> {
  const schema = localSchema(String(document.$schema ?? ''));
  return AppManifestUtils.validateAgainstSchema(
    document as unknown as AppManifest,
    schema as Parameters<typeof AppManifestUtils.validateAgainstSchema>[1],
  );
}

/**
 * Every localisable field the manifest holds, as the localisation schema names it
 * (`name.short`, `bots[0].commandLists[1].commands[2].title`, …), with its value.
 */
export function localisableFields(
  manifest: Record<string, unknown>,
  localisationSchema: object,
): Map<string, string> {
  const schema = localisationSchema as {
    properties?: Record<string, unknown>;
    patternProperties?: Record<string, unknown>;
  };
  const names = Object.keys(schema.properties ?? {}).filter((name) => name !== '$schema');
  const patterns = Object.keys(schema.patternProperties ?? {}).map((pattern) => new RegExp(pattern));
  const fields = new Map<string, string>();
  const walk = (value: unknown, at: string) => {
    if (typeof value === 'string') {
      if (names.includes(at) || patterns.some((pattern) => pattern.test(at))) fields.set(at, value);
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, `${at}[${index}]`));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) walk(item, at === '' ? key : `${at}.${key}`);
    }
  };
  walk(manifest, '');
  return fields;
}

export interface LocalisationFile {
  languageTag: string;
  file: string;
  isDefault: boolean;
  content: Record<string, unknown>;
}

/** The localisation files the manifest names, read from `dir`. */
export function readLocalisations(manifest: Record<string, unknown>, dir: string): LocalisationFile[] {
  const info = manifest.localizationInfo as
    | {
        defaultLanguageTag: string;
        defaultLanguageFile?: string;
        additionalLanguages?: { languageTag: string; file: string }[];
      }
    | undefined;
  if (!info) return [];
  const entries = [
    ...(info.defaultLanguageFile
      ? [{ languageTag: info.defaultLanguageTag, file: info.defaultLanguageFile, isDefault: true }]
      : []),
    ...(info.additionalLanguages ?? []).map((entry) => ({ ...entry, isDefault: false })),
  ];
  return entries.map((entry) => ({
    ...entry,
    content: JSON.parse(fs.readFileSync(path.join(dir, entry.file), 'utf8')) as Record<string, unknown>,
  }));
}

/**
 * What Teams would refuse, and what would show the wrong words: the manifest and each localisation file against
 * their schemas; every localisable field of the manifest translated in every file, no key for a field the
 * manifest does not have; the default language file equal to the manifest's own strings.
 */
export async function validateManifest(
  manifest: Record<string, unknown>,
  localisations: LocalisationFile[],
): Promise<string[]> {
  const problems = (await schemaErrors(manifest)).map((error) => `manifest.json: ${error}`);
  for (const localisation of localisations) {
    const { file, content } = localisation;
    problems.push(...(await schemaErrors(content)).map((error) => `${file}: ${error}`));
    const fields = localisableFields(manifest, localSchema(String(content.$schema)));
    const keys = Object.keys(content).filter((key) => key !== '$schema');
    for (const key of fields.keys()) {
      if (!keys.includes(key)) problems.push(`${file}: no translation for ${key}`);
    }
    for (const key of keys) {
      if (!fields.has(key)) problems.push(`${file}: ${key} is not a localisable field of the manifest`);
      else if (localisation.isDefault && content[key] !== fields.get(key)) {
        problems.push(`${file}: ${key} differs from manifest.json (the default language)`);
      }
    }
  }
  return problems;
}

/** Width and height from a PNG's IHDR chunk; an error when the file is not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (
    bytes.length < 24 ||
    !bytes.subarray(0, 8).equals(signature) ||
    bytes.toString('ascii', 12, 16) !== 'IHDR'
  ) {
    throw new PackageError('not a PNG file');
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const ICON_SIZES = { color: 192, outline: 32 } as const;

export interface BuiltPackage {
  zipPath: string;
  files: string[];
  manifest: Record<string, unknown>;
}

/** Renders, validates and zips the package; throws a PackageError listing every problem found. */
export async function buildPackage(
  inputs: PackageInputs,
  options: { teamsDir?: string; out?: string } = {},
): Promise<BuiltPackage> {
  const dir = options.teamsDir ?? TEAMS_DIR;
  const out = options.out ?? DEFAULT_OUT;
  const manifest = renderManifest(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'), inputs);
  const localisations = readLocalisations(manifest, dir);
  const problems = await validateManifest(manifest, localisations);

  const icons = (manifest.icons ?? {}) as Record<string, string>;
  for (const [kind, size] of Object.entries(ICON_SIZES)) {
    const file = icons[kind];
    if (!file) continue; // the schema already reported it
    try {
      const { width, height } = pngSize(fs.readFileSync(path.join(dir, file)));
      if (width !== size || height !== size) {
        problems.push(`${file}: the ${kind} icon must be ${size}×${size}, not ${width}×${height}`);
      }
    } catch (error) {
      problems.push(`${file}: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) {
    throw new PackageError(`The Teams app package is not valid:\n- ${problems.join('\n- ')}`);
  }

  // Fixed timestamps: the same inputs give the same bytes.
  const date = new Date('2026-01-01T00:00:00Z');
  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, { date });
  const extras = [...new Set([...Object.values(icons), ...localisations.map((entry) => entry.file)])];
  for (const file of extras) zip.file(file, fs.readFileSync(path.join(dir, file)), { date });
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, bytes);
  return { zipPath: out, files: ['manifest.json', ...extras], manifest };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  try {
    const inputs = readInputs(process.env, argv);
    const out = option(argv, 'out');
    const built = await buildPackage(inputs, { out: out ? path.resolve(out) : undefined });
    console.log(
      `Teams app package for app ${inputs.appId} at https://${inputs.domain}/ (version ${inputs.version})`,
    );
    console.log(`  ${path.relative(process.cwd(), built.zipPath)}: ${built.files.join(', ')}`);
    console.log('Upload it in the Teams admin center: Teams apps > Manage apps > Actions > Upload new app.');
  } catch (error) {
    if (error instanceof PackageError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

if (require.main === module) void main();
