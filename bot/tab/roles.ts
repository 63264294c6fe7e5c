import type { TabUser } from './auth';

/**
 * Who is HR for the company, in one place so that a shared role resolver can replace it: today the Entra object ids
 * of HR_ADMINS, as for the settings command in Teams (bot/companySettingsCommands.ts); an empty list means
 * everyone in the tenant (pilot and local mode).
 */
export function isHr(user: TabUser, hrAdmins: readonly string[]): boolean {
  return hrAdmins.length === 0 || hrAdmins.includes(user.aadObjectId);
}
