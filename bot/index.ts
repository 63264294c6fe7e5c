// Entry point of `npm start`: turns Node's compile cache on, then loads and starts the bot (bot/main.ts).
import { enableCompileCache } from './platform/compileCache';

enableCompileCache();
// Required only now, so that the bot's code — one bundled file in dist/ — is compiled with the cache on.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('./main');
