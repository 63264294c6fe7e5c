// The HR tab's routes for the company's HR list (who is HR, by Entra object id).
import type restify from 'restify';
import { z } from 'zod';
import { ENTRA_OBJECT_ID, type AccessControl, type HrUser } from '../../services/access';
import type { Translator } from '../../../language/i18n';
import type { Logger } from '../../platform/logger';
import type { ConversationReferenceStore } from '../../platform/messaging/conversationReferences';
import type { TabUser } from './auth';
import { screenRefusal, screenSettingsText } from './settings';

/** One person of the company's HR list as the tab shows it. */
export interface HrUserView {
  aadObjectId: string;
  /** The name Teams gave the bot when the person last wrote to it; absent when they never did. */
  name?: string;
  addedAt: string;
  addedBy: string | null;
  /** The caller themself. */
  you: boolean;
}

export interface HrUsersDeps {
  access: AccessControl;
  references: Pick<ConversationReferenceStore, 'findUser'>;
  logger: Logger;
  /** The HR caller of the request, or undefined once a 401/403 has been sent (index.ts). */
  hrCaller: (req: restify.Request, res: restify.Response) => Promise<TabUser | undefined>;
  translator: (req: restify.Request) => Translator;
}

/**
 * `name` is accepted for the callers that send it, but not stored: bot/services/access keeps object ids only (table
 * company_hr_users has no name column). The list shows the name Teams gives the bot instead. It is screened all the
 * same, like every text the tab receives: a refused one adds nobody.
 */
const addRequest = z.object({ aadObjectId: z.string().trim(), name: z.string().optional() }).strict();
const MAX_NAME_LENGTH = 200;

/**
 * The company's HR list (bot/services/access, table company_hr_users) from the tab: list, add, remove. HR only; the company
 * is the caller's tenant (from the verified token), so a tenant can neither see nor change another's list. The
 * people named in HR_ADMINS (server configuration) are HR too but are neither listed nor removable here: their ids
 * may belong to other tenants, and only the server's configuration changes them.
 */
export function registerHrUserRoutes(server: restify.Server, deps: HrUsersDeps): void {
  const { access, references, logger, hrCaller, translator } = deps;

  async function view(user: TabUser) {
    const listed = await access.hrUsers(user.tenantId, user.tenantId);
    const users = await Promise.all(
      listed.map(async (hr: HrUser): Promise<HrUserView> => {
        const name = (await references.findUser(user.tenantId, hr.aadObjectId))?.user?.name;
        return { ...hr, ...(name ? { name } : {}), you: hr.aadObjectId === user.aadObjectId };
      }),
    );
    // Whether the caller is HR through HR_ADMINS (so that the page can say why they are not listed).
    return { users, youAreAdmin: access.isConfiguredHrAdmin(user.tenantId, user.aadObjectId) };
  }

  server.get('/api/tab/hr-users', async (req, res) => {
    const user = await hrCaller(req, res);
    if (user) res.send(200, await view(user));
  });

  server.post('/api/tab/hr-users', async (req, res) => {
    const user = await hrCaller(req, res);
    if (!user) return;
    const t = translator(req);
    const parsed = addRequest.safeParse(req.body ?? {});
    if (!parsed.success || !ENTRA_OBJECT_ID.test(parsed.data.aadObjectId)) {
      res.send(400, {
        error: 'invalid',
        problems: ['aadObjectId'],
        message: t('hrUsers.problems.aadObjectId'),
      });
      return;
    }
    const name = screenSettingsText(parsed.data.name ?? '', MAX_NAME_LENGTH);
    if ('problem' in name) {
      res.send(400, screenRefusal(t, name.problem));
      return;
    }
    const aadObjectId = parsed.data.aadObjectId.toLowerCase();
    const listed = await access.hrUsers(user.tenantId, user.tenantId);
    if (listed.some((hr) => hr.aadObjectId.toLowerCase() === aadObjectId)) {
      res.send(200, { ...(await view(user)), added: false, message: t('hrUsers.alreadyListed') });
      return;
    }
    // In local mode, while nobody is named, everybody is HR (bot/services/access); naming someone ends that, so the caller
    // is named too, or they would lock themselves out of the page they are using.
    const keepCaller =
      access.localMode &&
      listed.length === 0 &&
      !access.isConfiguredHrAdmin(user.tenantId, user.aadObjectId) &&
      user.aadObjectId !== aadObjectId;
    await access.addHrUser(user.tenantId, user.tenantId, aadObjectId, user.aadObjectId);
    if (keepCaller) await access.addHrUser(user.tenantId, user.tenantId, user.aadObjectId, user.aadObjectId);
    logger.info(
      { event: 'tab.hrUser.added', tenantId: user.tenantId, aadObjectId, by: user.aadObjectId, keepCaller },
      'HR person named from the tab',
    );
    res.send(201, {
      ...(await view(user)),
      added: true,
      message: t(keepCaller ? 'hrUsers.addedWithYou' : 'hrUsers.added'),
    });
  });

  server.del('/api/tab/hr-users/:aadObjectId', async (req, res) => {
    const user = await hrCaller(req, res);
    if (!user) return;
    const t = translator(req);
    const target = String(req.params.aadObjectId ?? '');
    const listed = await access.hrUsers(user.tenantId, user.tenantId);
    const found = listed.find((hr) => hr.aadObjectId === target);
    if (!found) {
      res.send(404, { error: 'not_found', message: t('hrUsers.notListed') });
      return;
    }
    // The last one named: without them only HR_ADMINS would be HR (in local mode, everybody would be). Allowed
    // only to someone who stays HR through HR_ADMINS in this tenant (bot/services/access). (Two HR removing each other at the same instant could both succeed: a known gap.)
    if (listed.length === 1 && !access.isConfiguredHrAdmin(user.tenantId, user.aadObjectId)) {
      res.send(409, { error: 'last_hr', message: t('hrUsers.lastOne') });
      return;
    }
    await access.removeHrUser(user.tenantId, user.tenantId, found.aadObjectId);
    logger.info(
      {
        event: 'tab.hrUser.removed',
        tenantId: user.tenantId,
        aadObjectId: found.aadObjectId,
        by: user.aadObjectId,
      },
      'HR person removed from the tab',
    );
    res.send(200, { ...(await view(user)), message: t('hrUsers.removed') });
  });
}
