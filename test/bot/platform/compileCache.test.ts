// The compile cache is turned on in dist/.cache when Node has one, and is simply absent on Node 20.
import path from 'node:path';
import {
  COMPILE_CACHE_DIR,
  enableCompileCache,
  flushCompileCache,
  type CompileCacheApi,
} from '../../../bot/platform/compileCache';
import { PROJECT_ROOT } from '../../../bot/platform/paths';

describe('compile cache', () => {
  test('the default folder is under the build output', () => {
    expect(COMPILE_CACHE_DIR).toBe(path.join(PROJECT_ROOT, 'dist', '.cache'));
  });

  test('on a Node with the cache, it is turned on in that folder and the folder in use is returned', () => {
    const asked: Array<string | undefined> = [];
    const api: CompileCacheApi = {
      enableCompileCache: (directory) => {
        asked.push(directory);
        return { status: 1, directory };
      },
    };
    expect(enableCompileCache(api)).toBe(COMPILE_CACHE_DIR);
    expect(asked).toEqual([COMPILE_CACHE_DIR]);
  });

  test('when NODE_COMPILE_CACHE already turned it on elsewhere, that folder is the one in use', () => {
    const api: CompileCacheApi = {
      enableCompileCache: () => ({ status: 2, directory: '/var/cache/liaison' }),
    };
    expect(enableCompileCache(api, '/unused')).toBe('/var/cache/liaison');
  });

  test('a cache Node cannot use (disabled, folder not writable) leaves the bot to start without one', () => {
    const api: CompileCacheApi = {
      enableCompileCache: () => ({ status: 0, message: 'EACCES: permission denied' }),
    };
    expect(enableCompileCache(api)).toBeUndefined();
  });

  test('on Node 20, which has no compile cache, nothing is called and nothing fails', () => {
    expect(enableCompileCache({})).toBeUndefined();
    expect(() => flushCompileCache({})).not.toThrow();
  });

  test('flushing writes the cache now when Node can', () => {
    const flush = jest.fn();
    flushCompileCache({ flushCompileCache: flush });
    expect(flush).toHaveBeenCalledTimes(1);
  });
});
