// Node's on-disk compile cache (Node ≥ 22.1): the bot's code is compiled at its first start, then read back.
import nodeModule from 'node:module';
import path from 'node:path';
import { PROJECT_ROOT } from './paths';

/**
 * Where the cache is kept unless NODE_COMPILE_CACHE names another folder: under the build output (git-ignored
 * with the rest of dist/). Node keeps one entry per file and checks it against the file's content, so a new build
 * simply replaces the entries of the files it changed.
 */
export const COMPILE_CACHE_DIR = path.join(PROJECT_ROOT, 'dist', '.cache');

/** The part of node:module this file uses: added in Node 22.1 and 22.10, absent from Node 20 and its types. */
export interface CompileCacheApi {
  enableCompileCache?: (directory?: string) => { status: number; message?: string; directory?: string };
  flushCompileCache?: () => void;
}

const nodeApi = nodeModule as CompileCacheApi;

/**
 * Turns the cache on for every module compiled from now on, and returns the folder in use — undefined when there
 * is no cache (Node 20, NODE_DISABLE_COMPILE_CACHE set, a folder that cannot be written: the bot then starts as
 * it would without). When NODE_COMPILE_CACHE is set, Node has turned the cache on in that folder before any code
 * ran, and that folder stays.
 */
export function enableCompileCache(
  api: CompileCacheApi = nodeApi,
  directory: string = COMPILE_CACHE_DIR,
): string | undefined {
  return api.enableCompileCache?.(directory).directory;
}

/**
 * Writes what was compiled so far to the cache now (Node ≥ 22.10) rather than when the process exits, so that a
 * process that is killed has still filled it.
 */
export function flushCompileCache(api: CompileCacheApi = nodeApi): void {
  api.flushCompileCache?.();
}
