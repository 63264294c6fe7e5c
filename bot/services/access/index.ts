/**
 * bot/services/access — who a person is to Liaison: HR of a company, and their role(s) on one case (its manager, its
 * employee, the SPST contact, HR). Decided from stored data only (configuration, the company's HR list, the
 * stored case), never from what a card or a request body claims.
 *
 * HR of a company is, in this order:
 *  1. a person named in HR_ADMINS for this tenant (config.hrAdminGrants: `tenantId:objectId`, or a bare object id
 *     which the configuration gives the deployment's own tenant — any tenant in local mode only);
 *  2. a person on the company's own HR list (table company_hr_users, migration 30);
 *  3. in LOCAL MODE ONLY (no MicrosoftAppId: the bot accepts unauthenticated activities from loopback, i.e. the
 *     Agents Playground on the developer's machine) and while both lists above are empty: everybody, so that the
 *     playground can be tried without configuration.
 * With a Microsoft app configured and both lists empty, nobody is HR until HR_ADMINS names someone.
 * A tenant outside ALLOWED_TENANTS has no HR at all (the HTTP edges refuse it before this is asked).
 *
 * This is the ONE rule of who is HR: bot/teams/companySettingsCommands.ts, the tab and the privacy commands ask it.
 *
 * Tenant isolation: every lookup is keyed by tenant id; a case of another tenant gives no role at all.
 */
import type { CompanySettingsStore } from '../settings/companySettingsStore';
import type { LiaisonCase } from '../../../domain/liaisonCase';
import type { Database, Queryable } from '../../platform/storage';

export type CaseRole = 'hr' | 'manager' | 'employee' | 'spst';

/** Who asks: their tenant (from the activity's channel data or the tab's token) and their Entra object id. */
export interface Caller {
  tenantId: string;
  aadObjectId: string | undefined;
}

/**
 * What a role may see of a case (issue #5): HR the whole case, the employee their own case, the manager only the
 * scheduling status, the SPST contact the notice. Nobody sees medical data because none is stored.
 */
export type CaseView = 'full' | 'own' | 'status' | 'notice' | 'none';

export interface AccessControlOptions {
  db: Database;
  /** The company's settings: the SPST contact's Entra object id, when they are reachable in Teams. */
  settings?: Pick<CompanySettingsStore, 'get'>;
  /**
   * HR_ADMINS: HR in every company of their tenant. `tenantId:objectId` is scoped to that tenant; a bare object
   * id (tests, local mode) to any tenant. The running bot passes the scoped form (see fromConfig).
   */
  hrAdmins: string[];
  /** ALLOWED_TENANTS: outside these, nobody is HR. Absent or 'any': unrestricted. */
  allowedTenants?: ReadonlySet<string> | 'any';
  /** True when no MicrosoftAppId is configured (local playground): empty HR lists then mean everybody. */
  localMode: boolean;
}

export interface HrUser {
  aadObjectId: string;
  addedAt: string;
  addedBy: string | null;
}

export class AccessControl {
  /** `tenant:objectId` (tenant lower-case) of scoped grants. */
  private readonly scopedAdmins: ReadonlySet<string>;
  /** Object ids of unscoped grants (any tenant). */
  private readonly anyTenantAdmins: ReadonlySet<string>;

  constructor(private readonly options: AccessControlOptions) {
    const entries = options.hrAdmins.map((entry) => entry.trim()).filter(Boolean);
    this.scopedAdmins = new Set(
      entries
        .filter((entry) => entry.includes(':'))
        .map((entry) => {
          const index = entry.lastIndexOf(':');
          return `${entry.slice(0, index).toLowerCase()}:${entry.slice(index + 1)}`;
        }),
    );
    this.anyTenantAdmins = new Set(entries.filter((entry) => !entry.includes(':')));
  }

  private get hrAdminCount(): number {
    return this.scopedAdmins.size + this.anyTenantAdmins.size;
  }

  /** Whether HR_ADMINS names the person for this tenant. */
  isConfiguredHrAdmin(tenantId: string, aadObjectId: string | undefined): boolean {
    if (!aadObjectId) return false;
    return (
      this.anyTenantAdmins.has(aadObjectId) ||
      this.scopedAdmins.has(`${tenantId.toLowerCase()}:${aadObjectId}`)
    );
  }

  /** Whether ALLOWED_TENANTS admits the tenant. */
  isAllowedTenant(tenantId: string | undefined): boolean {
    return isTenantAllowed(this.options.allowedTenants, tenantId);
  }

  /** Builds the access control the running bot uses, from its configuration. */
  static fromConfig(
    db: Database,
    config: {
      hrAdmins: string[];
      hrAdminGrants?: ReadonlyArray<{ tenantId?: string; aadObjectId: string }>;
      allowedTenants?: ReadonlySet<string> | 'any';
      microsoftApp?: unknown;
    },
    settings?: Pick<CompanySettingsStore, 'get'>,
  ): AccessControl {
    const hrAdmins = config.hrAdminGrants
      ? config.hrAdminGrants.map((grant) =>
          grant.tenantId ? `${grant.tenantId}:${grant.aadObjectId}` : grant.aadObjectId,
        )
      : config.hrAdmins;
    return new AccessControl({
      db,
      settings,
      hrAdmins,
      allowedTenants: config.allowedTenants,
      localMode: !config.microsoftApp,
    });
  }

  get localMode(): boolean {
    return this.options.localMode;
  }

  /** Whether the person is HR of the company (see the module's comment for the exact rule). */
  async isHr(tenantId: string, companyId: string, aadObjectId: string | undefined): Promise<boolean> {
    if (!tenantId || !companyId || !this.isAllowedTenant(tenantId)) return false;
    if (this.isConfiguredHrAdmin(tenantId, aadObjectId)) return true;
    const listed = await this.hrUsers(tenantId, companyId);
    if (aadObjectId && listed.some((user) => user.aadObjectId === aadObjectId)) return true;
    // The local playground's convenience, explicit: only without a Microsoft app and with no HR named anywhere.
    return this.options.localMode && this.hrAdminCount === 0 && listed.length === 0;
  }

  /** The company's own HR list (HR_ADMINS not included). */
  async hrUsers(tenantId: string, companyId: string, db: Queryable = this.options.db): Promise<HrUser[]> {
    const rows = await db.query<{ aad_object_id: string; added_at: string; added_by: string | null }>(
      `SELECT aad_object_id, added_at, added_by FROM company_hr_users
       WHERE tenant_id = $1 AND company_id = $2 ORDER BY added_at, aad_object_id`,
      [tenantId, companyId],
    );
    return rows.map((row) => ({
      aadObjectId: row.aad_object_id,
      addedAt: row.added_at,
      addedBy: row.added_by,
    }));
  }

  /** Names a person HR of the company; adding someone already listed changes nothing. */
  async addHrUser(
    tenantId: string,
    companyId: string,
    aadObjectId: string,
    addedBy?: string,
    at: Date = new Date(),
  ): Promise<void> {
    await this.options.db.execute(
      `INSERT INTO company_hr_users (tenant_id, company_id, aad_object_id, added_at, added_by)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id, company_id, aad_object_id) DO NOTHING`,
      [tenantId, companyId, aadObjectId, at.toISOString(), addedBy ?? null],
    );
  }

  /** Removes a person from the company's HR list; resolves with whether they were on it. */
  async removeHrUser(tenantId: string, companyId: string, aadObjectId: string): Promise<boolean> {
    const removed = await this.options.db.execute(
      'DELETE FROM company_hr_users WHERE tenant_id = $1 AND company_id = $2 AND aad_object_id = $3',
      [tenantId, companyId, aadObjectId],
    );
    return removed > 0;
  }

  /**
   * Every role the caller holds on the case; empty when the case belongs to another tenant or the caller is
   * anonymous. One person may hold several (a manager who is also HR).
   */
  async rolesOnCase(caller: Caller, liaisonCase: LiaisonCase): Promise<CaseRole[]> {
    if (!caller.tenantId || caller.tenantId !== liaisonCase.tenantId) return [];
    const roles: CaseRole[] = [];
    if (await this.isHr(liaisonCase.tenantId, liaisonCase.companyId, caller.aadObjectId)) roles.push('hr');
    const id = caller.aadObjectId;
    if (!id) return roles;
    if (isCaseManager(liaisonCase, id)) roles.push('manager');
    if (isCaseEmployee(liaisonCase, id)) roles.push('employee');
    if (await this.isSpstContact(liaisonCase, id)) roles.push('spst');
    return roles;
  }

  /** Whether the caller holds `role` on the case. */
  async hasRole(caller: Caller, liaisonCase: LiaisonCase, role: CaseRole): Promise<boolean> {
    return (await this.rolesOnCase(caller, liaisonCase)).includes(role);
  }

  /** What the caller may see of the case (the widest view of their roles). */
  async viewOf(caller: Caller, liaisonCase: LiaisonCase): Promise<CaseView> {
    return caseViewFor(await this.rolesOnCase(caller, liaisonCase));
  }

  /** The SPST contact: the id the case recorded when its notice went out, else the company's current contact. */
  private async isSpstContact(liaisonCase: LiaisonCase, aadObjectId: string): Promise<boolean> {
    if (liaisonCase.spst.contactAadObjectId === aadObjectId) return true;
    if (!this.options.settings) return false;
    const { spstContact } = await this.options.settings.get(liaisonCase.tenantId, liaisonCase.companyId);
    return !!spstContact?.aadObjectId && spstContact.aadObjectId === aadObjectId;
  }
}

/** The case's manager (the person who opened it). */
export function isCaseManager(liaisonCase: LiaisonCase, aadObjectId: string | undefined): boolean {
  return !!aadObjectId && liaisonCase.manager?.aadObjectId === aadObjectId;
}

/** The case's employee, when they are known in Teams. */
export function isCaseEmployee(liaisonCase: LiaisonCase, aadObjectId: string | undefined): boolean {
  return !!aadObjectId && liaisonCase.employee.aadObjectId === aadObjectId;
}

/** The widest view the roles give: HR > employee (own case) > manager (status) > SPST (notice). */
export function caseViewFor(roles: readonly CaseRole[]): CaseView {
  if (roles.includes('hr')) return 'full';
  if (roles.includes('employee')) return 'own';
  if (roles.includes('manager')) return 'status';
  if (roles.includes('spst')) return 'notice';
  return 'none';
}

/** An Entra (Azure AD) object id, as Teams gives a person's id (e.g. from the people picker). */
export const ENTRA_OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The tenant of a Teams activity: channelData.tenant.id, else conversation.tenantId. */
export function tenantOfActivity(activity: {
  channelData?: unknown;
  conversation?: { tenantId?: string };
}): string | undefined {
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  if (typeof fromChannelData === 'string' && fromChannelData) return fromChannelData;
  return activity.conversation?.tenantId || undefined;
}

/**
 * The company a Teams activity speaks for. Until companies are configured separately within a tenant, a tenant is
 * one company (as the case flow assumes): companyId = tenantId.
 */
export function companyOfActivity(activity: {
  channelData?: unknown;
  conversation?: { tenantId?: string };
}): { tenantId: string; companyId: string } | undefined {
  const tenantId = tenantOfActivity(activity);
  return tenantId ? { tenantId, companyId: tenantId } : undefined;
}

/** ALLOWED_TENANTS' rule (tenant ids compared without case); unrestricted when absent or 'any'. */
export function isTenantAllowed(
  allowed: ReadonlySet<string> | 'any' | undefined,
  tenantId: string | undefined,
): boolean {
  if (allowed === undefined || allowed === 'any') return true;
  return typeof tenantId === 'string' && tenantId !== '' && allowed.has(tenantId.toLowerCase());
}

/**
 * The rule of {@link AccessControl.isHr} on HR_ADMINS alone, with a Microsoft app configured (no company HR
 * list, no local-mode convenience): empty means nobody. For callers built without storage (tests).
 */
export function configuredHrOnly(hrAdmins: string[]): Pick<AccessControl, 'isHr'> {
  const access = new AccessControl({ db: undefined as unknown as Database, hrAdmins, localMode: false });
  return {
    isHr: async (tenantId, companyId, aadObjectId) =>
      !!tenantId && !!companyId && access.isConfiguredHrAdmin(tenantId, aadObjectId),
  };
}
