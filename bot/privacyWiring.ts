// The person's rights wired for the composition root: export/erase commands, download route, daily retention.
import { LinkSigner } from './platform/signedLinks';
import type { AccessControl } from './services/access';
import type { CaseService } from './services/caseFlow';
import type { CaseStore } from './services/cases';
import type { Logger } from './platform/logger';
import type { Database } from './platform/storage';
import { PrivacyCommands } from './teams/privacyCommands';
import { EmployeeData } from './services/privacy/employeeData';
import { privacyExportRoutes, type ExportIdentity } from './http/exportRoute';
import { DEFAULT_RETENTION, type RetentionPolicy } from './platform/retentionPolicy';
import { PrivacyRequests } from './services/privacy/privacyRequests';
import { applyRetention } from './services/privacy/retention';

/** Everything bot/app.ts needs for the person's rights, built from the app's own objects. */
export function privacyFeature(deps: {
  db: Database;
  cases: CaseStore;
  /** The app's CaseService: erasing an employee cancels their open cases through it. */
  caseService: Pick<CaseService, 'change'>;
  access: Pick<AccessControl, 'isHr'>;
  logger: Logger;
  /** Who opens an export link: the HR tab's authenticator (bot/http/tab/auth.ts); without it no export opens. */
  auth?: ExportIdentity;
  /** `publicBaseUrl` when configured, else http://localhost:<port> (the local playground). */
  config: { port: number; publicBaseUrl?: string };
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  const { caseService } = deps;
  const employeeData = new EmployeeData({ db: deps.db, cases: deps.cases, caseService, now });
  const requests = new PrivacyRequests(deps.db, now);
  const links = new LinkSigner(deps.db, now);
  const publicBaseUrl = deps.config.publicBaseUrl ?? `http://localhost:${deps.config.port}`;
  return {
    employeeData,
    /** For LiaisonBot: `if (await privacy.handle(context, text)) return;` */
    commands: new PrivacyCommands({
      access: deps.access,
      employeeData,
      requests,
      links,
      publicBaseUrl,
      logger: deps.logger,
    }),
    /** For the server's routes: GET /api/privacy/export/<token>. */
    routes: privacyExportRoutes({ employeeData, requests, links, logger: deps.logger, now, auth: deps.auth }),
  };
}

/** The scheduler's daily-task API (bot/services/reminders): a task run once per Paris day across all instances. */
export interface DailyScheduler {
  daily(
    name: string,
    task: (context: { day: string; now: Date }) => Promise<void>,
    options?: { hour?: number },
  ): unknown;
}

/** Registers the daily retention with the scheduler, at 03:00 Paris time (a quiet hour). */
export function registerRetention(
  scheduler: DailyScheduler,
  db: Database,
  logger: Logger,
  policy: RetentionPolicy = DEFAULT_RETENTION,
): void {
  scheduler.daily(
    'retention',
    async ({ day, now }) => {
      const report = await applyRetention(db, day, policy, () => now);
      logger.info({ event: 'retention.applied', day, ...report }, 'retention applied');
    },
    { hour: 3 },
  );
}
