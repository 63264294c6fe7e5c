// The channel tab's configuration frame: declares the tab valid and saves it at once.
/**
 * The configuration frame of the channel tab. Teams opens the manifest's configurationUrl
 * (`/tab/?frame=config`, frameContext 'settings') when someone adds the tab to a channel, and waits for the page to
 * declare the tab valid and to answer the Save button with the tab's settings; without that the dialog stalls.
 * There is nothing to choose: the tab always shows the company's HR space, so the page explains what the tab shows
 * and saves at once. Kept free of the DOM and of teams-js (the page passes `pages.config` in), so that it can be
 * unit-tested.
 */

/** The one kind of content the tab has (Teams keeps it with the tab instance). */
export const ENTITY_ID = 'liaison-hr';

/** Opened as Teams' configuration frame: `?frame=config`, or the frame context Teams reports. */
export function isConfigFrame(search: string, frameContext?: string): boolean {
  return new URLSearchParams(search).get('frame') === 'config' || frameContext === 'settings';
}

export interface TabInstanceConfig {
  contentUrl: string;
  websiteUrl: string;
  entityId: string;
  suggestedDisplayName: string;
}

/** The saved tab: the HR space of this very server (`origin` is the page's own, the manifest's domain). */
export function tabInstanceConfig(origin: string, displayName: string): TabInstanceConfig {
  const url = `${origin.replace(/\/+$/, '')}/tab/`;
  return { contentUrl: url, websiteUrl: url, entityId: ENTITY_ID, suggestedDisplayName: displayName };
}

/** The part of teams-js' `pages.config` the frame uses. */
export interface ConfigApi {
  registerOnSaveHandler(handler: (event: SaveEventLike) => void): void;
  setConfig(config: TabInstanceConfig): Promise<void>;
  setValidityState(valid: boolean): void;
}
export interface SaveEventLike {
  notifySuccess(): void;
  notifyFailure(reason?: string): void;
}

/**
 * Enables Teams' Save button: on Save, stores `config` and then tells Teams the save succeeded (or failed, with
 * `failureMessage` shown to the user).
 */
export function enableSave(api: ConfigApi, config: TabInstanceConfig, failureMessage: string): void {
  api.registerOnSaveHandler((event) => {
    api.setConfig(config).then(
      () => event.notifySuccess(),
      () => event.notifyFailure(failureMessage),
    );
  });
  api.setValidityState(true);
}

/** The link to the tab itself from the local-mode configuration view: the same language, theme and tenant. */
export function contentLink(search: string): string {
  const params = new URLSearchParams(search);
  params.delete('frame');
  const query = params.toString();
  return `/tab/${query ? `?${query}` : ''}`;
}
