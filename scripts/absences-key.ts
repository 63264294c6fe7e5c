// `npm run absences:key`: creates, lists and revokes the absences feed's API keys.
/**
 * API keys of the absences feed (POST /api/absences). Opens the configured database (DATABASE_URL, as the bot
 * does) and brings its schema up to date first.
 *
 *   npm run absences:key -- create --tenant <tenantId> --company <companyId> [--label "Payroll system"]
 *       prints the new key ONCE (only its SHA-256 is stored) and its id
 *   npm run absences:key -- list                 ids, tenants, companies, labels, dates — never the keys
 *   npm run absences:key -- revoke <keyId>
 */
import { parseArgs } from 'node:util';
import { AbsenceApiKeys } from '../bot/services/absences';
import { loadConfig } from '../bot/platform/config';
import { openDatabase } from '../bot/platform/storage';

const USAGE = `usage: npm run absences:key -- create --tenant <tenantId> --company <companyId> [--label <text>]
       npm run absences:key -- list
       npm run absences:key -- revoke <keyId>`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { tenant: { type: 'string' }, company: { type: 'string' }, label: { type: 'string' } },
  });
  const [command, argument] = positionals;
  if (command !== 'create' && command !== 'list' && command !== 'revoke') {
    console.error(USAGE);
    return 2;
  }
  if ((command === 'create' && (!values.tenant || !values.company)) || (command === 'revoke' && !argument)) {
    console.error(USAGE);
    return 2;
  }
  const db = await openDatabase(loadConfig().storage);
  try {
    const keys = new AbsenceApiKeys(db);
    if (command === 'create') {
      const { keyId, key } = await keys.create(values.tenant!, values.company!, values.label);
      console.log(`Key id: ${keyId} (tenant ${values.tenant}, company ${values.company})`);
      console.log(`API key (shown once, store it in the HR system now): ${key}`);
    } else if (command === 'list') {
      console.table(await keys.list());
    } else {
      const revoked = await keys.revoke(argument!);
      console.log(revoked ? `Key ${argument} revoked.` : `No active key ${argument}.`);
      if (!revoked) return 1;
    }
    return 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
