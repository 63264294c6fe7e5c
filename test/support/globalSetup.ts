import { POSTGRES_FLAG, TEST_POSTGRES_URL, postgresAvailable } from './databases';

/** Asks once per run whether PostgreSQL answers; the shared storage suites read the answer. */
export default async function globalSetup(): Promise<void> {
  const available = await postgresAvailable();
  process.env[POSTGRES_FLAG] = available ? '1' : '0';
  if (!available) {
    process.stderr.write(
      `\n*** PostgreSQL suites SKIPPED: no server answers at ${TEST_POSTGRES_URL} (set TEST_DATABASE_URL) ***\n\n`,
    );
  }
}
