// The bench's table and the ratios to the echo bot.
/** The bench's table and the ratios to the echo bot. */
import os from 'node:os';
import type { CellResult } from './harness';
import type { ColdStart } from './processes';

export interface Ratios {
  /** Liaison's turns/s over the echo bot's, same N. */
  throughput: number;
  /** Liaison's p95 over the echo bot's, same N. */
  p95: number;
  /** Liaison's CPU time per turn over the echo bot's, same N (when measured). */
  cpuPerTurn?: number;
}

export type Row = CellResult & { ratioToEcho?: Ratios };

export function withRatios(cells: CellResult[]): Row[] {
  return cells.map((cell) => {
    const echo = cells.find((other) => other.scenario === 'echo' && other.connections === cell.connections);
    if (!echo || cell.scenario === 'echo') return cell;
    return {
      ...cell,
      ratioToEcho: {
        throughput: round(cell.turnsPerSecond / echo.turnsPerSecond),
        p95: round(cell.p95 / echo.p95),
        ...(cell.cpuMsPerTurn !== undefined && echo.cpuMsPerTurn
          ? { cpuPerTurn: round(cell.cpuMsPerTurn / echo.cpuMsPerTurn) }
          : {}),
      },
    };
  });
}

export function formatTable(rows: Row[]): string {
  const header = [
    'scenario',
    'N',
    'turns/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'errors',
    '×echo turns/s',
    '×echo p95',
    'CPU ms/turn',
    '×echo CPU',
  ];
  const lines = rows.map((row) => [
    row.scenario,
    String(row.connections),
    row.turnsPerSecond.toFixed(0),
    row.p50.toFixed(1),
    row.p95.toFixed(1),
    row.p99.toFixed(1),
    String(row.errors),
    row.ratioToEcho ? row.ratioToEcho.throughput.toFixed(2) : '—',
    row.ratioToEcho ? row.ratioToEcho.p95.toFixed(2) : '—',
    row.cpuMsPerTurn !== undefined ? row.cpuMsPerTurn.toFixed(2) : '—',
    row.ratioToEcho?.cpuPerTurn !== undefined ? row.ratioToEcho.cpuPerTurn.toFixed(2) : '—',
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => line[i]!.length)));
  const format = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  return [
    format(header),
    `|${widths.map((w, i) => (i === 0 ? ':' : '-') + '-'.repeat(w) + (i === 0 ? '-' : ':')).join('|')}|`,
    ...lines.map(format),
  ].join('\n');
}

const round = (value: number) => Math.round(value * 100) / 100;

/** The machine, for the record: figures only mean something next to it. */
export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg().map(round),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

/** One turn's latency with many stored cases against few (bench/storage.ts), at N = 1. */
export interface StorageRatio {
  storage: 'sqlite' | 'postgres';
  turn: string;
  smallCases: number;
  largeCases: number;
  /** p50 of correct replies, milliseconds. */
  p50Small: number;
  p50Large: number;
  /** p50Large / p50Small. */
  ratio: number;
}

/** Everything `npm run bench` measured, for the targets of issue #16. */
export interface BenchSummary {
  rows: Row[];
  /** Median cold start to a healthy /healthz, milliseconds, with every start. */
  coldStart?: { liaison?: ColdStart; echo?: ColdStart };
  /** Resident memory, MB: each bot idle after its start, and its largest under the load of the targets' N. */
  rss?: { echoIdleMb?: number; liaisonIdleMb?: number; liaisonLoadedMb?: number; echoLoadedMb?: number };
  storage?: { ratios: StorageRatio[]; skipped: Array<{ storage: string; why: string }> };
}

export interface TargetRow {
  figure: string;
  target: string;
  measured: string;
  verdict: 'pass' | 'FAIL' | 'not measured';
}

/** The N at which the targets are read: 50 conversations, or the largest N measured if 50 was not. */
export function targetConnections(rows: Row[]): number | undefined {
  const ns = [...new Set(rows.map((row) => row.connections))];
  return ns.includes(50) ? 50 : ns.length ? Math.max(...ns) : undefined;
}

const fixed = (value: number, digits = 2) => value.toFixed(digits);
const verdictOf = (pass: boolean): TargetRow['verdict'] => (pass ? 'pass' : 'FAIL');
const notMeasured = (figure: string, target: string, why = ''): TargetRow => ({
  figure,
  target,
  measured: why || '—',
  verdict: 'not measured',
});

/** The issue's target table, each figure with what this run measured and whether it meets its target. */
export function targetRows(summary: BenchSummary): TargetRow[] {
  const n = targetConnections(summary.rows);
  const at = (scenario: string) =>
    summary.rows.find((row) => row.scenario === scenario && row.connections === n);
  const echo = at('echo');
  const out: TargetRow[] = [];

  const throughput = (scenario: string, label: string, minimum: number) => {
    const figure = `${label} turns/s, N = ${n ?? '?'}`;
    const target = `≥ ${fixed(minimum)} × echo`;
    const row = at(scenario);
    if (!row?.ratioToEcho || !echo) return out.push(notMeasured(figure, target));
    const ratio = row.ratioToEcho.throughput;
    out.push({
      figure,
      target,
      measured: `${fixed(ratio)} × (${row.turnsPerSecond.toFixed(0)} vs ${echo.turnsPerSecond.toFixed(0)})`,
      verdict: verdictOf(ratio >= minimum),
    });
  };

  throughput('faq', 'FAQ', 0.8);
  {
    const figure = `Liaison's own CPU per FAQ question (FAQ − echo CPU/turn), N = ${n ?? '?'}`;
    const target = '≤ 0.15 ms';
    const faq = at('faq');
    if (faq?.cpuMsPerTurn === undefined || echo?.cpuMsPerTurn === undefined)
      out.push(notMeasured(figure, target));
    else {
      const own = faq.cpuMsPerTurn - echo.cpuMsPerTurn;
      out.push({
        figure,
        target,
        measured: `${fixed(own)} ms (${fixed(faq.cpuMsPerTurn)} − ${fixed(echo.cpuMsPerTurn)})`,
        verdict: verdictOf(own <= 0.15),
      });
    }
  }
  throughput('case', 'case-dialog', 0.6);
  throughput('card', 'card action (invoke)', 0.8);
  {
    const figure = `card action p99, N = ${n ?? '?'}`;
    const target = '< 100 ms';
    const card = at('card');
    if (!card) out.push(notMeasured(figure, target));
    else
      out.push({ figure, target, measured: `${fixed(card.p99, 1)} ms`, verdict: verdictOf(card.p99 < 100) });
  }
  for (const [scenario, label] of [
    ['faq', 'FAQ'],
    ['case', 'case-dialog'],
    ['card', 'card action'],
  ] as const) {
    const figure = `${label} p95, N = ${n ?? '?'}`;
    const target = '≤ 1.30 × echo';
    const row = at(scenario);
    if (!row?.ratioToEcho || !echo) out.push(notMeasured(figure, target));
    else
      out.push({
        figure,
        target,
        measured: `${fixed(row.ratioToEcho.p95)} × (${fixed(row.p95, 1)} vs ${fixed(echo.p95, 1)} ms)`,
        verdict: verdictOf(row.ratioToEcho.p95 <= 1.3),
      });
  }
  {
    const figure = 'cold start to healthy /healthz (node server.js, built), median';
    const target = '< 1000 ms';
    const liaison = summary.coldStart?.liaison;
    const echoStart = summary.coldStart?.echo;
    if (!liaison) out.push(notMeasured(figure, target));
    else
      out.push({
        figure,
        target,
        measured:
          `${liaison.medianMs} ms (${liaison.runsMs.join(', ')})` +
          (echoStart ? `; echo ${echoStart.medianMs} ms` : ''),
        verdict: verdictOf(liaison.medianMs < 1000),
      });
  }
  {
    const figure = 'RSS idle after start';
    const target = '≤ 1.30 × echo idle';
    const { echoIdleMb, liaisonIdleMb } = summary.rss ?? {};
    if (echoIdleMb === undefined || liaisonIdleMb === undefined) out.push(notMeasured(figure, target));
    else {
      const ratio = liaisonIdleMb / echoIdleMb;
      out.push({
        figure,
        target,
        measured: `${fixed(ratio)} × (${fixed(liaisonIdleMb, 0)} vs ${fixed(echoIdleMb, 0)} MB)`,
        verdict: verdictOf(ratio <= 1.3),
      });
    }
  }
  {
    const figure = `RSS under load, N = ${n ?? '?'} (largest seen)`;
    const target = '< 250 MB';
    const loaded = summary.rss?.liaisonLoadedMb;
    if (loaded === undefined) out.push(notMeasured(figure, target));
    else {
      const echoLoaded = summary.rss?.echoLoadedMb;
      const measured = `${fixed(loaded, 0)} MB${echoLoaded === undefined ? '' : ` (echo ${fixed(echoLoaded, 0)} MB)`}`;
      out.push({ figure, target, measured, verdict: verdictOf(loaded < 250) });
    }
  }
  for (const storage of ['sqlite', 'postgres'] as const) {
    const name = storage === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    const ratios = summary.storage?.ratios.filter((ratio) => ratio.storage === storage) ?? [];
    const first = ratios[0];
    const figure = first
      ? `turn p50 with ${first.largeCases.toLocaleString('en')} cases vs ${first.smallCases.toLocaleString('en')}, ${name} (worst turn), N = 1`
      : `turn latency with 100,000 cases vs 100, ${name}`;
    const target = '≤ 1.10 ×';
    if (!first) {
      const skipped = summary.storage?.skipped.find((s) => s.storage === storage);
      out.push(notMeasured(figure, target, skipped?.why));
      continue;
    }
    const worst = Math.max(...ratios.map((ratio) => ratio.ratio));
    out.push({
      figure,
      target,
      measured: `${fixed(worst)} × (${ratios.map((r) => `${r.turn} ${fixed(r.ratio)}`).join(', ')})`,
      verdict: verdictOf(worst <= 1.1),
    });
  }
  return out;
}

export function formatTargets(rows: TargetRow[]): string {
  return markdownTable(
    ['figure', 'target', 'measured', 'verdict'],
    rows.map((row) => [row.figure, row.target, row.measured, row.verdict]),
  );
}

function markdownTable(header: string[], lines: string[][]): string {
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => line[i]!.length)));
  const format = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  return [format(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(format)].join(
    '\n',
  );
}
