// The echo bot's scenario: the floor every figure of the bench is compared with.
/** The echo bot's scenario (the floor every figure is compared with); the server itself is bench/echoServer.ts. */
import { messageActivity } from './activities';
import { echoOf } from './echoServer';
import { jsonText, type Scenario } from './harness';

export { createEchoServer, EchoBot, echoOf } from './echoServer';

/** (a) The floor: one message, echoed. */
export function echoScenario(): Scenario {
  return {
    name: 'echo',
    description: 'bare echo bot (botbuilder + restify, no state)',
    turns: [
      {
        activity: (c) =>
          messageActivity(
            c.id,
            { id: `user-${c.id}`, aadObjectId: `aad-user-${c.id}`, name: 'Alex' },
            `bonjour ${c.index}`,
          ),
        expect: (c) => [jsonText(echoOf(`bonjour ${c.index}`))],
      },
    ],
  };
}
