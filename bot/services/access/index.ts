// The one answer to "may this person do this on this case": who is HR, the roles on a case, an activity's tenant.
/**
 * Who a person is to Liaison: HR of a company, and their role(s) on one case (its manager, its employee, the SPST
 * contact, HR). Decided from stored data only (configuration, the company's HR list, the stored case or request),
 * never from what a card or a request body claims. Every permission check of the Teams handler, the card actions,
 * the HTTP routes and the case service asks one of the questions below; none is written again elsewhere.
 *
 * The questions (one function each):
 *  - isHr(tenantId, companyId, id)             HR of the company (settings, HR list, privacy commands, the tab)
 *  - rolesOnCase(caller, case)                 every role held on a case ('hr' | 'manager' | 'employee' | 'spst')
 *  - mayFollowCase(caller, case)               the case's manager or HR: the status card, a new date, cancel,
 *                                              "meeting held", the proof file
 *  - mayAnswerInvitation(caller, case)         the case's employee: accept, decline, another date, refresh
 *  - mayHandleRequest(caller, request)         the manager the employee named, or HR: acknowledge an employee's
 *                                              request, organise the case from it
 *  - isConfiguredHrAdmin(tenantId, id)         HR through HR_ADMINS (stays HR whatever the company's list says)
 *  - isCaseManager / isCaseEmployee / isNoticeContact (case, id)   the stored case's people, without HR
 *  - auditRoleOf(case, id, { hr, spst })       the role an audit entry records for a change
 *  - tenantOfActivity / companyOfActivity      the tenant (and company) a Teams activity speaks for
 *  - isTenantAllowed(allowed, tenantId)        ALLOWED_TENANTS
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
 * Tenant isolation: every lookup is keyed by tenant id; a case or request of another tenant gives no role at all.
 */
import type { CompanySettingsStore } from '../settings/companySettingsStore';
import { employeeIdOf } from '../../../domain/caseRecord';
import type { EmployeeRequest } from '../../../domain/employeeRequest';
import type { ActorRole, LiaisonCase } from '../../../domain/liaisonCase';
import type { Database, Queryable } from '../../platform/storage';

export type CaseRole = 'hr' | 'manager' | 'employee' | 'spst';

/** Who asks: their tenant (from the activity's channel data or the tab's token) and their Entra object id. */
export interface Caller {
  tenantId: string;
  aadObjectId: string | undefined;
}

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

  /** The case's manager or HR of its company (see {@link accessWith}). */
  mayFollowCase(caller: Caller, liaisonCase: LiaisonCase): Promise<boolean> {
    return this.caseAccess.mayFollowCase(caller, liaisonCase);
  }

  /** The case's employee (see {@link accessWith}). */
  mayAnswerInvitation(caller: Caller, liaisonCase: LiaisonCase): boolean {
    return this.caseAccess.mayAnswerInvitation(caller, liaisonCase);
  }

  /** The manager the employee named, or HR of its company (see {@link accessWith}). */
  mayHandleRequest(caller: Caller, request: EmployeeRequest): Promise<boolean> {
    return this.caseAccess.mayHandleRequest(caller, request);
  }

  private readonly caseAccess = accessWith((tenantId, companyId, aadObjectId) =>
    this.isHr(tenantId, companyId, aadObjectId),
  );

  /** The SPST of the case: the contact its notice went to, else the company's current contact. */
  private async isSpstContact(liaisonCase: LiaisonCase, aadObjectId: string): Promise<boolean> {
    if (isNoticeContact(liaisonCase, aadObjectId)) return true;
    if (!this.options.settings) return false;
    const { spstContact } = await this.options.settings.get(liaisonCase.tenantId, liaisonCase.companyId);
    return !!spstContact?.aadObjectId && spstContact.aadObjectId === aadObjectId;
  }
}

/** Who is HR of a company: {@link AccessControl.isHr}, or the stand-in a feature was given (tests). */
export type IsHr = (tenantId: string, companyId: string, aadObjectId: string | undefined) => Promise<boolean>;

/** The questions asked of a case or an employee's request, answered by {@link accessWith}. */
export type CaseAccess = Pick<
  AccessControl,
  'isHr' | 'mayFollowCase' | 'mayAnswerInvitation' | 'mayHandleRequest'
>;

/**
 * The case and request questions given the rule of who is HR — AccessControl.isHr in the running bot (its own
 * methods are these), a stand-in in tests; without one, nobody is HR. A case or request of another tenant than
 * the caller's gives no right.
 *  - mayFollowCase: the case's manager or HR of its company — its status card and proof file, and from there a
 *    new date, cancel, "meeting held" (the case engine still decides what it accepts);
 *  - mayAnswerInvitation: the case's employee — accept, decline, another date, their card again;
 *  - mayHandleRequest: the manager the employee named in their own request, or HR of its company — acknowledge
 *    the request, organise the case from it.
 */
export function accessWith(isHr: IsHr = async () => false): CaseAccess {
  const sameTenant = (caller: Caller, tenantId: string) => !!caller.tenantId && caller.tenantId === tenantId;
  return {
    isHr,
    async mayFollowCase(caller, liaisonCase) {
      if (!sameTenant(caller, liaisonCase.tenantId)) return false;
      if (isCaseManager(liaisonCase, caller.aadObjectId)) return true;
      return isHr(liaisonCase.tenantId, liaisonCase.companyId, caller.aadObjectId);
    },
    mayAnswerInvitation(caller, liaisonCase) {
      return sameTenant(caller, liaisonCase.tenantId) && isCaseEmployee(liaisonCase, caller.aadObjectId);
    },
    async mayHandleRequest(caller, request) {
      if (!sameTenant(caller, request.tenantId)) return false;
      if (!!caller.aadObjectId && caller.aadObjectId === request.manager.aadObjectId) return true;
      return isHr(request.tenantId, request.companyId, caller.aadObjectId);
    },
  };
}

/** The case's manager (the person who opened it). */
export function isCaseManager(liaisonCase: LiaisonCase, aadObjectId: string | undefined): boolean {
  return !!aadObjectId && liaisonCase.manager?.aadObjectId === aadObjectId;
}

/**
 * The case's employee: their Entra id when they are known in Teams, else the id the case engine knows them by
 * (employeeIdOf: the answer page acts for them with it).
 */
export function isCaseEmployee(liaisonCase: LiaisonCase, aadObjectId: string | undefined): boolean {
  return (
    !!aadObjectId &&
    (liaisonCase.employee.aadObjectId === aadObjectId || employeeIdOf(liaisonCase.employee) === aadObjectId)
  );
}

/**
 * The SPST contact the case's notice was addressed to (recorded on the case when it went out): the one who may
 * acknowledge it. (The company's current contact, named since, sees the notice — rolesOnCase — but did not get it.)
 */
export function isNoticeContact(liaisonCase: LiaisonCase, aadObjectId: string | undefined): boolean {
  return !!aadObjectId && liaisonCase.spst.contactAadObjectId === aadObjectId;
}

/** The role the audit trail records for a change by this person: employee, manager, SPST, HR, else the system. */
export function auditRoleOf(
  liaisonCase: LiaisonCase,
  aadObjectId: string,
  roles: { hr: boolean; spst: boolean },
): ActorRole {
  if (isCaseEmployee(liaisonCase, aadObjectId)) return 'employee';
  if (isCaseManager(liaisonCase, aadObjectId)) return 'manager';
  if (roles.spst) return 'spst';
  return roles.hr ? 'hr' : 'system';
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
