import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { declarations, scanBicep } from './bicep';

/**
 * The Azure templates, checked offline: neither the Azure CLI nor the Bicep CLI is installed where the tests
 * run (when `bicep` is on the PATH, the last test compiles the templates with it).
 */
const AZURE_DIR = path.join(__dirname, '..', '..', 'deployment', 'azure');
const bicepFiles = fs.readdirSync(AZURE_DIR).filter((file) => file.endsWith('.bicep'));
const read = (file: string) => fs.readFileSync(path.join(AZURE_DIR, file), 'utf8');
const readme = fs.readFileSync(path.join(AZURE_DIR, 'README.md'), 'utf8');
const main = read('main.bicep');
const all = declarations(main);
const params = all.filter((declaration) => declaration.kind === 'param');
const outputs = all.filter((declaration) => declaration.kind === 'output');

/** The first cell of each row of the README table whose header starts with `| <header> |`. */
function tableNames(header: string): string[] {
  const lines = readme.split('\n');
  const start = lines.findIndex((line) => new RegExp(`^\\|\\s*${header}\\s*\\|`).test(line));
  if (start < 0) return [];
  const names: string[] = [];
  for (const line of lines.slice(start + 2)) {
    const cell = /^\|\s*`(\w+)`\s*\|/.exec(line);
    if (!cell) break;
    names.push(cell[1]!);
  }
  return names;
}

/** The keys of bot/platform/config.ts's schema: the variables the bot reads. */
function configVariables(): string[] {
  const source = fs.readFileSync(path.join(__dirname, '..', '..', 'bot', 'platform', 'config.ts'), 'utf8');
  return [...source.matchAll(/^ {2}(\w+): (?:z\b|databaseUrl|optionalText)/gm)].map((match) => match[1]!);
}

describe('the Bicep templates', () => {
  it('are there: main.bicep at least', () => {
    expect(bicepFiles).toContain('main.bicep');
  });

  it.each(bicepFiles)('%s: strings, comments and brackets are balanced', (file) => {
    expect(scanBicep(read(file)).problems).toEqual([]);
  });

  it('the checker itself finds an unclosed brace, a stray bracket and an unterminated string', () => {
    expect(scanBicep("resource x 'a@1' = {\n  name: 'x'\n").problems).toEqual(["line 1: '{' never closed"]);
    expect(scanBicep('var a = [\n  1\n)]\n').problems[0]).toMatch(/'\)' closes '\['/);
    expect(scanBicep("var a = 'abc\nvar b = 'd'\n").problems[0]).toMatch(/string not closed/);
    // Interpolations and escaped quotes are not mistaken for brackets or string ends.
    expect(scanBicep("var a = 'it\\'s ${b ? '{' : 'x'} }'\n").problems).toEqual([]);
  });

  it('have parameters and outputs', () => {
    expect(params.length).toBeGreaterThan(10);
    expect(outputs.length).toBeGreaterThan(3);
  });

  it.each(bicepFiles)('%s: every param and output has a @description', (file) => {
    const missing = declarations(read(file))
      .filter((declaration) => !/^'.+'$/s.test(declaration.decorators.get('description') ?? ''))
      .map((declaration) => `${declaration.kind} ${declaration.name} (line ${declaration.line})`);
    expect(missing).toEqual([]);
  });

  it('no secret has a default value, every secret-looking param is @secure(), no output shows one', () => {
    const secure = params.filter((param) => param.decorators.has('secure'));
    expect(secure.map((param) => param.name).sort()).toEqual([
      'microsoftAppPassword',
      'postgresAdminPassword',
      'smtpUrl',
    ]);
    // No default, or the empty string for an optional secret (smtpUrl: no email).
    for (const param of secure) expect([param.name, param.value ?? "''"]).toEqual([param.name, "''"]);
    const secretLooking = params.filter((param) =>
      /password|secret|connectionString|smtpUrl/i.test(param.name),
    );
    for (const param of secretLooking)
      expect([param.name, param.decorators.has('secure')]).toEqual([param.name, true]);
    for (const output of outputs) {
      for (const param of secure) expect(output.value ?? '').not.toContain(param.name);
      expect(output.name).not.toMatch(/password|secret|connectionString/i);
    }
  });

  it('the secrets reach the web app only as Key Vault references', () => {
    const code = scanBicep(main).code;
    expect(main).toMatch(
      /MicrosoftAppPassword: '@Microsoft\.KeyVault\(SecretUri=\$\{appPasswordSecret\.properties\.secretUri\}\)'/,
    );
    expect(main).toMatch(
      /DATABASE_URL: '@Microsoft\.KeyVault\(SecretUri=\$\{databaseUrlSecret\.properties\.secretUri\}\)'/,
    );
    expect(main).toMatch(
      /SMTP_URL: '@Microsoft\.KeyVault\(SecretUri=\$\{smtpUrlSecret\.properties\.secretUri\}\)'/,
    );
    expect(code).toMatch(/enableRbacAuthorization: true/);
    expect(main).toMatch(/4633458b-17de-408a-b874-0445c86b69e6/); // Key Vault Secrets User
  });

  it('declare what a production tenant needs', () => {
    for (const type of [
      'Microsoft.BotService/botServices',
      'Microsoft.BotService/botServices/channels',
      'Microsoft.Web/serverfarms',
      'Microsoft.Web/sites',
      'Microsoft.Web/sites/config',
      'Microsoft.DBforPostgreSQL/flexibleServers',
      'Microsoft.DBforPostgreSQL/flexibleServers/databases',
      'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules',
      'Microsoft.KeyVault/vaults',
      'Microsoft.KeyVault/vaults/secrets',
      'Microsoft.Authorization/roleAssignments',
      'Microsoft.Insights/components',
      'Microsoft.OperationalInsights/workspaces',
      'Microsoft.Network/virtualNetworks',
      'Microsoft.Network/privateDnsZones',
      'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
    ]) {
      expect([
        type,
        new RegExp(`^resource \\w+ '${type}@\\d{4}-\\d{2}-\\d{2}(-preview)?'`, 'm').test(main),
      ]).toEqual([type, true]);
    }
    expect(main).toMatch(/msaAppType: 'SingleTenant'/);
    expect(main).toMatch(/channelName: 'MsTeamsChannel'/);
    expect(main).toMatch(/linuxFxVersion: 'NODE\|\$\{nodeVersion\}'/);
    expect(params.find((param) => param.name === 'nodeVersion')?.value).toBe("'22-lts'");
    expect(main).toMatch(/appCommandLine: 'npm start'/);
    expect(main).toMatch(/endpoint: 'https:\/\/\$\{publicDomain\}\/api\/messages'/);
  });

  it("the web app's settings are the variables bot/platform/config.ts reads, spelled the same way", () => {
    const blocks = [...main.matchAll(/^var \w+AppSettings = [^\n]*\{\n([\s\S]*?)\n\}/gm)].map(
      (match) => match[1]!,
    );
    expect(blocks).toHaveLength(2);
    const keys = blocks.flatMap((block) => [...block.matchAll(/^ {2}(\w+):/gm)].map((match) => match[1]!));
    const platform = [
      'SCM_DO_BUILD_DURING_DEPLOYMENT',
      'APPLICATIONINSIGHTS_CONNECTION_STRING',
      'ApplicationInsightsAgent_EXTENSION_VERSION',
      'PUBLIC_DOMAIN', // the host name the Teams package and the tab's SSO audience use
    ];
    const known = new Set([...configVariables(), ...platform]);
    expect(keys.filter((key) => !known.has(key))).toEqual([]);
    expect(keys).toEqual(
      expect.arrayContaining([
        'MicrosoftAppId',
        'MicrosoftAppType',
        'MicrosoftAppTenantId',
        'MicrosoftAppPassword',
        'DATABASE_URL',
        'HR_ADMINS',
        'SMTP_URL',
        'SMTP_FROM',
      ]),
    );
  });
});

describe('hardening (issue 15)', () => {
  const resourceBlock = (name: string) => {
    const start = main.search(new RegExp(`^resource ${name} `, 'm'));
    const end = main.indexOf('\n}\n', start);
    return main.slice(start, end);
  };

  it('finding 11: PostgreSQL is private by default (delegated subnet, private DNS zone, public access disabled)', () => {
    expect(params.find((param) => param.name === 'postgresPrivateAccess')?.value).toBe('true');
    const postgres = resourceBlock('postgres');
    expect(postgres).toMatch(/delegatedSubnetResourceId: postgresSubnetId/);
    expect(postgres).toMatch(/privateDnsZoneArmResourceId: postgresDnsZone\.id/);
    expect(postgres).toMatch(/postgresPrivateAccess\s*\?\s*\{[^}]*publicNetworkAccess: 'Disabled'/);
    expect(main).toMatch(/serviceName: 'Microsoft\.DBforPostgreSQL\/flexibleServers'/);
    expect(main).toMatch(/serviceName: 'Microsoft\.Web\/serverFarms'/);
    expect(main).toMatch(/name: '\$\{postgresServerName\}\.private\.postgres\.database\.azure\.com'/);
    expect(resourceBlock('postgresDnsLink')).toMatch(/virtualNetwork: \{\s*id: vnet\.id/);
    expect(resourceBlock('webApp')).toMatch(/virtualNetworkSubnetId: appSubnetId/);
    expect(resourceBlock('webApp')).toMatch(/vnetRouteAllEnabled: true/);
  });

  it('finding 11: the "allow all Azure services" rule exists only when private access is turned off', () => {
    expect(main).toMatch(
      /resource postgresAllowAzure 'Microsoft\.DBforPostgreSQL\/flexibleServers\/firewallRules@[\d-]+' = if \(!postgresPrivateAccess\)/,
    );
  });

  it('finding 11: hrAdmins says what the code does: empty means nobody, and how to name HR', () => {
    const description =
      params.find((param) => param.name === 'hrAdmins')?.decorators.get('description') ?? '';
    expect(description).toMatch(/Empty: NOBODY is HR/);
    expect(description).not.toMatch(/anyone/i);
    expect(description).toMatch(/HR_ADMINS=<id>/);
    expect(description).toMatch(/tenantId:objectId/);
    expect(readme).toMatch(/Empty: \*\*nobody\*\* is HR/);
  });

  it('finding 12: the web app runs the Node.js line of package.json engines, .ci/run and the README', () => {
    const root = path.join(__dirname, '..', '..');
    const engines = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).engines
      .node as string;
    const major = /(\d+)/.exec(engines)?.[1];
    expect(params.find((param) => param.name === 'nodeVersion')?.value).toBe(`'${major}-lts'`);
    expect(fs.readFileSync(path.join(root, '.npmrc'), 'utf8')).toMatch(/^engine-strict=true$/m);
    expect(fs.readFileSync(path.join(root, '.ci', 'run'), 'utf8')).toMatch(
      new RegExp(`NODE_MAJOR=${major}\\b`),
    );
    expect(fs.readFileSync(path.join(root, 'README.md'), 'utf8')).toMatch(
      new RegExp(`Node\\.js ${major}\\b`),
    );
  });
});

describe('deployment/azure/README.md', () => {
  it('documents every parameter of main.bicep in its table, and no other', () => {
    expect(tableNames('parameter').sort()).toEqual(params.map((param) => param.name).sort());
  });

  it('documents every output, and no other', () => {
    expect(tableNames('output').sort()).toEqual(outputs.map((output) => output.name).sort());
  });

  it('gives the commands an admin runs, in order', () => {
    const steps = [
      'az ad app create',
      'az ad app credential reset',
      '--identifier-uris "api://$DOMAIN/$APP_ID"',
      'access_as_user',
      'az deployment group create',
      'az webapp deploy',
      'az bot update',
      'MicrosoftAppId=$APP_ID PUBLIC_DOMAIN=$DOMAIN npm run package',
      'Upload new app',
      '@Liaison canal RH',
    ];
    const positions = steps.map((step) => readme.indexOf(step));
    expect(steps.filter((_, i) => positions[i]! < 0)).toEqual([]);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('says that the templates are only checked offline here', () => {
    expect(readme).toMatch(/Neither the Azure CLI nor the Bicep CLI is installed where the tests/);
  });
});

const bicepCli = spawnSync('bicep', ['--version'], { encoding: 'utf8' });
(bicepCli.status === 0 ? it.each(bicepFiles) : it.skip.each(bicepFiles))(
  '%s compiles with the Bicep CLI (only where it is installed)',
  (file) => {
    const result = spawnSync('bicep', ['build', '--stdout', path.join(AZURE_DIR, file)], {
      encoding: 'utf8',
    });
    expect(result.stderr).not.toMatch(/Error BCP/);
    expect(result.status).toBe(0);
  },
);
