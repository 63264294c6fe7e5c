// The bench's load generator: autocannon, one conversation per connection, every reply checked.
/**
 * The load generator: autocannon (programmatic API), one conversation per connection, every reply checked.
 *
 * A scenario is a sequence of turns that one conversation plays in order; autocannon's `requests` plays it on
 * each connection, over and over. The first turn of each pass opens a new conversation (a new id), so at any
 * moment every connection talks in its own conversation, and a stateful flow (the case dialog) always starts
 * from its beginning. Each reply is checked in `onResponse` against what that turn must answer: a wrong reply,
 * a non-200 status, a timeout or a connection error is an ERROR and is not a latency sample; turns/s counts
 * correct replies only.
 */
import fs from 'node:fs';
import autocannon from 'autocannon';

export interface Conversation {
  /** Unique across the run. */
  id: string;
  /** 0, 1, 2… in the order the conversations were opened; scenarios use it to pick a case, a question… */
  index: number;
}

export interface Turn {
  /** The activity to post, built afresh for every request (its id and conversation change). */
  activity(conversation: Conversation): object;
  /** Texts the reply must contain, as written in the JSON body (see `jsonText`). */
  expect(conversation: Conversation): string[];
}

export interface Scenario {
  name: string;
  description: string;
  turns: Turn[];
}

export interface CellResult {
  scenario: string;
  connections: number;
  seconds: number;
  /** Correct replies. */
  turns: number;
  turnsPerSecond: number;
  /** Wrong replies, non-200 statuses, timeouts and connection errors. */
  errors: number;
  /** Latency of correct replies, milliseconds. */
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  /**
   * CPU time the server process used per correct turn (user + system, all its threads), in milliseconds, when
   * its pid was given (Linux): far steadier than turns/s on a machine shared with other work.
   */
  cpuMsPerTurn?: number;
  /** The server's largest resident memory seen during the cell (sampled every 100 ms), in MB, when its pid was given. */
  peakRssMb?: number;
  /** A few wrong bodies (truncated), to say what went wrong. */
  samples: string[];
}

export interface MeasureOptions {
  connections: number;
  seconds: number;
  /** Seconds of the same load before measuring (results discarded): JIT, caches, SQLite pages. */
  warmupSeconds?: number;
  /** The server's process id, to measure its CPU time per turn. */
  serverPid?: number;
}

const CLOCK_TICKS_PER_SECOND = 100;

/** User + system CPU time of a process so far, in milliseconds (from /proc; undefined elsewhere). */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Resident memory of a process, in MB (VmRSS from /proc; undefined elsewhere or once it has exited). */
export function rssMb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Math.round((Number(kb) / 1024) * 10) / 10;
  } catch {
    return undefined;
  }
}

/** How a text appears inside a JSON body (quotes, newlines and backslashes escaped as JSON.stringify does). */
export const jsonText = (text: string): string => JSON.stringify(text).slice(1, -1);

let runCounter = 0;

/** Warms up (optional), then measures one scenario at one concurrency against `baseUrl`. */
export async function measure(
  baseUrl: string,
  scenario: Scenario,
  { connections, seconds, warmupSeconds = 0, serverPid }: MeasureOptions,
): Promise<CellResult> {
  if (warmupSeconds > 0) await load(baseUrl, scenario, connections, warmupSeconds);
  const cpuBefore = serverPid === undefined ? undefined : processCpuMs(serverPid);
  let peakRssMb: number | undefined;
  const sampleRss = () => {
    const mb = rssMb(serverPid);
    if (mb !== undefined) peakRssMb = Math.max(peakRssMb ?? 0, mb);
  };
  const sampler = serverPid === undefined ? undefined : setInterval(sampleRss, 100);
  let cell: CellResult;
  try {
    cell = await load(baseUrl, scenario, connections, seconds);
  } finally {
    if (sampler) clearInterval(sampler);
  }
  sampleRss();
  const cpuAfter = serverPid === undefined ? undefined : processCpuMs(serverPid);
  if (peakRssMb !== undefined) cell = { ...cell, peakRssMb };
  if (cpuBefore === undefined || cpuAfter === undefined || cell.turns === 0) return cell;
  return { ...cell, cpuMsPerTurn: Math.round(((cpuAfter - cpuBefore) / cell.turns) * 1000) / 1000 };
}

async function load(baseUrl: string, scenario: Scenario, connections: number, seconds: number) {
  runCounter += 1;
  const run = `${process.pid}-${runCounter}`;
  let conversations = 0;
  let wrong = 0;
  const samples: string[] = [];
  const latencies: number[] = [];
  // autocannon calls a request's onResponse, then (synchronously, same connection) emits 'response' with
  // the latency: the verdict of the one is read by the other.
  let lastReplyCorrect = false;

  const requests = scenario.turns.map((turn, step) => ({
    method: 'POST' as const,
    path: '/api/messages',
    headers: { 'content-type': 'application/json' },
    setupRequest: (request: autocannon.Request, context: Record<string, unknown>) => {
      if (step === 0 || !context.conversation) {
        context.conversation = { id: `bench-${run}-${conversations}`, index: conversations };
        conversations += 1;
      }
      const conversation = context.conversation as Conversation;
      return { ...request, body: JSON.stringify(turn.activity(conversation)) };
    },
    onResponse: (status: number, body: string, context: Record<string, unknown>) => {
      const conversation = context.conversation as Conversation;
      lastReplyCorrect =
        status === 200 && turn.expect(conversation).every((expected) => body.includes(expected));
      if (!lastReplyCorrect) {
        wrong += 1;
        if (samples.length < 3)
          samples.push(`${scenario.name} step ${step}: ${status} ${body.slice(0, 300)}`);
      }
    },
  }));

  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections,
        duration: seconds,
        pipelining: 1,
        timeout: 10,
        requests: requests as unknown as autocannon.Request[],
      },
      (error: Error | null, done: autocannon.Result) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      if (lastReplyCorrect) latencies.push(responseTime);
    });
  });

  latencies.sort((a, b) => a - b);
  const percentile = (p: number) =>
    latencies.length === 0
      ? NaN
      : latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]!;
  const measuredSeconds = result.duration || seconds;
  return {
    scenario: scenario.name,
    connections,
    seconds: round(measuredSeconds),
    turns: latencies.length,
    turnsPerSecond: round(latencies.length / measuredSeconds),
    errors: wrong + result.errors,
    p50: round(percentile(50)),
    p95: round(percentile(95)),
    p99: round(percentile(99)),
    mean: round(latencies.reduce((sum, value) => sum + value, 0) / Math.max(1, latencies.length)),
    samples,
  };
}

const round = (value: number) => Math.round(value * 100) / 100;
