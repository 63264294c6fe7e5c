// An employee's own request for a rendez-vous de liaison, as kept: types only.
import type { IsoDate } from './calendar';
import type { Policy } from './policy';

/**
 * An employee's own request for a rendez-vous de liaison (R-INIT: the employer cannot refuse it and must propose
 * a date within 15 days of receiving it). Holds who asked, when, and whom they named as their manager — never
 * why they are on leave.
 */
export interface EmployeeRequest {
  id: string;
  tenantId: string;
  companyId: string;
  state: 'pending' | 'acknowledged';
  employee: { aadObjectId: string; name: string };
  /** The manager as the employee named them; their Entra id only when Liaison knows it. */
  manager: { name: string; aadObjectId?: string };
  /** D0: the day the request reached the employer through Liaison. */
  requestDate: IsoDate;
  /** The first day of the current leave, as the employee gave it. */
  leaveStart: IsoDate;
  /** From when the employee can have the meeting (31st day of leave); the request is kept until then. */
  eligibleFrom: IsoDate;
  acknowledged?: { on: IsoDate; by: { aadObjectId: string; name: string } };
  /** The company's policy when the request was made: its deadline keeps the rules it was made under. */
  policy?: Partial<Policy>;
  createdAt: string;
}

export type NewEmployeeRequest = Omit<EmployeeRequest, 'state' | 'acknowledged' | 'createdAt'>;
