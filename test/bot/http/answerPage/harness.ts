import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { answerPageRoutes, type AnswerPageLimits } from '../../../../bot/http/answerPage';
import { AnswerLinks } from '../../../../bot/services/answerLinks';
import type { LiaisonCase } from '../../../../bot/services/cases';
import { silentLogger } from '../../../support/bot';
import { freshSqlite, type TestDatabase } from '../../../support/databases';
import { SAMPLE_NOW, testCaseService } from '../../services/cases/sampleCase';

/** 10 November 2026 in Paris: the sample case's meeting is on the 20th. */
export const PAGE_NOW = new Date('2026-11-10T09:00:00Z');

/**
 * The answer page's routes alone on a restify server over a fresh SQLite database, with a clock the test moves:
 * `clock.now` starts at PAGE_NOW (cases are seeded on SAMPLE_NOW by seedCase).
 */
export async function startAnswerPage(options: { limits?: Partial<AnswerPageLimits> } = {}) {
  const database: TestDatabase = await freshSqlite();
  const clock = { now: PAGE_NOW };
  const now = () => clock.now;
  const stores = testCaseService(database.db, { now });
  const links = new AnswerLinks(
    { db: database.db, cases: stores.cases, companySettings: stores.companySettings },
    { publicBaseUrl: 'https://liaison.example.com', now },
  );
  const server = restify.createServer({ name: 'answer-page-test', handleUncaughtExceptions: false });
  answerPageRoutes({
    links,
    caseService: stores.service,
    companySettings: stores.companySettings,
    logger: silentLogger,
    publicBaseUrl: 'https://liaison.example.com',
    limits: options.limits,
    now,
  })(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** The path of the case's answer page (/rdv/<code>), as the letter's URL names it. */
  const pathOf = async (liaisonCase: LiaisonCase, lang = 'fr') =>
    new URL(await links.answerUrl(liaisonCase, lang)).pathname;

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${baseUrl}${path}`, { headers, redirect: 'manual' });

  /** Posts the form as the browser would (same origin), with `fields` as typed. */
  const post = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${baseUrl}/rdv`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: baseUrl,
        'sec-fetch-site': 'same-origin',
        ...headers,
      },
      body: new URLSearchParams(fields).toString(),
    });

  return {
    db: database.db,
    ...stores,
    links,
    clock,
    baseUrl,
    pathOf,
    get,
    post,
    /** The code in a page path. */
    codeOf: (path: string) => path.split('/').pop() ?? '',
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.dispose();
    },
  };
}

export { SAMPLE_NOW };
