// The HR tab page's client of its JSON API, with the caller's bearer token.
import type { CaseRow } from '../../domain/caseRow';
import type { NextStep } from '../../domain/caseTimeline';
import type { SettingsView } from '../../domain/companySettings';
import type { CaseState } from '../../domain/liaisonCase';

/** The tab's JSON API (bot/http/tab/index.ts), with the caller's bearer token on every request. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
  }
}

export type TokenSource = () => Promise<string>;

/** A case as one line of HR's list, the case's states and next steps: the domain's own types. */
export type { CaseRow, NextDeadline } from '../../domain/caseRow';
export type { CaseState, NextStep };

export interface CaseDetail extends CaseRow {
  meeting: { date: string; time: string; mode: 'on_site' | 'remote'; place?: string; link?: string };
  offer: number;
  openedByName: string;
  spst: { attendance: string; noticeDate?: string; notifiedBy: string[]; acknowledgedOn?: string };
  wishes: { dates: string[]; withoutManager: boolean; referent: boolean; partOfDay?: string };
  letters?: Array<{ kind: string; url: string }>;
  proof?: Array<{ format: 'pdf' | 'json'; url: string }>;
  actions?: { cancel: boolean; held: boolean };
}

export interface AuditEntry {
  caseVersion: number;
  at: string;
  actorRole: string;
  event: string;
  fromState: string | null;
  toState: string;
  offer: number | null;
  via: string | null;
}

/** The company's settings as the form shows and sends them: the server's own type (domain/companySettings.ts). */
export type Settings = SettingsView;

export interface HrUser {
  aadObjectId: string;
  name?: string;
  addedAt: string;
  addedBy: string | null;
  you: boolean;
}

export interface HrUsers {
  users: HrUser[];
  youAreAdmin: boolean;
  message?: string;
}

export interface TabConfig {
  mode: 'local' | 'entra';
  devUsers?: Array<{ aadObjectId: string; name: string; hr: boolean }>;
  devTenant?: string;
}

export class Api {
  constructor(
    private readonly token: TokenSource,
    private readonly language: string,
  ) {}

  static async config(): Promise<TabConfig> {
    return (await fetch('/api/tab/config')).json() as Promise<TabConfig>;
  }

  static async devToken(user: { aadObjectId: string; tenantId: string; name?: string }): Promise<string> {
    const response = await fetch('/api/tab/dev-token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(user),
    });
    const body = (await response.json()) as { token?: string; message?: string };
    if (!response.ok || !body.token) throw new ApiError(response.status, body.message ?? response.statusText);
    return body.token;
  }

  private async request(path: string, init: RequestInit = {}): Promise<Response> {
    const url = `${path}${path.includes('?') ? '&' : '?'}lang=${this.language}`;
    const response = await fetch(url, {
      ...init,
      headers: { ...init.headers, authorization: `Bearer ${await this.token()}` },
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { message?: string; problems?: string[] };
      throw new ApiError(response.status, body.message ?? response.statusText, body.problems);
    }
    return response;
  }

  private async json<T>(path: string, init?: RequestInit): Promise<T> {
    return (await this.request(path, init)).json() as Promise<T>;
  }

  me() {
    return this.json<{ tenantId: string; aadObjectId: string; name?: string }>('/api/tab/me');
  }

  cases(filter: { state: string; q: string }) {
    const query = new URLSearchParams(filter).toString();
    return this.json<{ today: string; cases: CaseRow[] }>(`/api/tab/cases?${query}`);
  }

  case(id: string) {
    return this.json<{ case: CaseDetail; timeline: AuditEntry[] }>(
      `/api/tab/cases/${encodeURIComponent(id)}`,
    );
  }

  /** HR's actions on a case (the engine decides; a refusal is an ApiError with the reason's message). */
  caseAction(id: string, action: 'cancel' | 'held') {
    return this.json<{ outcome: 'applied' | 'unchanged'; case: CaseDetail; timeline: AuditEntry[] }>(
      `/api/tab/cases/${encodeURIComponent(id)}/${action}`,
      { method: 'POST' },
    );
  }

  settings() {
    return this.json<Settings>('/api/tab/settings');
  }

  saveSettings(settings: Omit<Settings, 'referentMandatory'>) {
    return this.json<Settings>('/api/tab/settings', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(settings),
    });
  }

  hrUsers() {
    return this.json<HrUsers>('/api/tab/hr-users');
  }

  addHrUser(aadObjectId: string) {
    return this.json<HrUsers>('/api/tab/hr-users', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ aadObjectId }),
    });
  }

  removeHrUser(aadObjectId: string) {
    return this.json<HrUsers>(`/api/tab/hr-users/${encodeURIComponent(aadObjectId)}`, { method: 'DELETE' });
  }

  /** A file of the API (CSV export, letters) as a blob and its suggested name. */
  async download(path: string): Promise<{ blob: Blob; fileName: string }> {
    const response = await this.request(path);
    const disposition = response.headers.get('content-disposition') ?? '';
    const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'download';
    return { blob: await response.blob(), fileName };
  }
}
