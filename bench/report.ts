/** The bench's table and the ratios to the echo bot. */
import os from 'node:os';
import type { CellResult } from './harness';

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
