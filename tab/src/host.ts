// Where the HR tab page runs (Teams or a plain browser): SSO token, theme, locale.
import { app, authentication, pages } from '@microsoft/teams-js';
import { enableSave, type TabInstanceConfig } from './config';

export type Theme = 'default' | 'dark' | 'contrast';

/** Where the page runs: inside Teams (SSO, Teams theme and locale) or in a plain browser (local mode). */
export type Host =
  | {
      kind: 'teams';
      locale: string;
      theme: Theme;
      /** 'content' for the tab itself, 'settings' in the configuration dialog (adding the tab to a channel). */
      frameContext?: string;
      onThemeChange(handler: (theme: Theme) => void): void;
    }
  | { kind: 'browser'; locale: string; theme: Theme };

const TEAMS_INIT_TIMEOUT_MS = 5000;

const asTheme = (value: string | undefined): Theme =>
  value === 'dark' || value === 'contrast' ? value : 'default';

/** A top-level window with no native Teams bridge cannot be Teams: no need to wait for app.initialize(). */
function maybeInTeams(): boolean {
  return window.parent !== window || 'nativeInterface' in window || window.name === 'embedded-page-container';
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = window.setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => (window.clearTimeout(timer), resolve(value)),
      (error: unknown) => (window.clearTimeout(timer), reject(error)),
    );
  });
}

/**
 * Initialises teams-js when the page is framed by Teams; outside Teams (or when Teams does not answer within
 * a few seconds) the page falls back to local mode. `?lang=` and `?theme=` override the locale and theme in
 * local mode (handy in a browser and in tests).
 */
export async function detectHost(): Promise<Host> {
  const params = new URLSearchParams(window.location.search);
  if (maybeInTeams() && params.get('local') !== '1') {
    try {
      await withTimeout(app.initialize(), TEAMS_INIT_TIMEOUT_MS);
      const context = await app.getContext();
      return {
        kind: 'teams',
        locale: context.app.locale,
        theme: asTheme(context.app.theme),
        frameContext: context.page.frameContext,
        onThemeChange: (handler) => app.registerOnThemeChangeHandler((theme) => handler(asTheme(theme))),
      };
    } catch {
      // Not in Teams after all: local mode.
    }
  }
  const prefersDark = window.matchMedia?.('(prefers-color-scheme: dark)').matches;
  return {
    kind: 'browser',
    locale: params.get('lang') ?? navigator.language,
    theme: asTheme(params.get('theme') ?? (prefersDark ? 'dark' : 'default')),
  };
}

/** The Teams SSO token for the bot's API (teams-js caches and renews it). */
export function teamsToken(): Promise<string> {
  return authentication.getAuthToken();
}

/** Tells Teams the page is ready (hides its loading indicator). */
export function notifyTeamsReady(): void {
  app.notifySuccess();
}

/** In Teams' configuration dialog: enables Save, which stores `config` (see config.ts). */
export function enableTeamsConfigSave(config: TabInstanceConfig, failureMessage: string): void {
  enableSave(pages.config, config, failureMessage);
}
