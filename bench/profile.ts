// Reads a V8 CPU profile and says where the time went, by function and by module.
/**
 * Reads a V8 CPU profile (written by `node --cpu-prof`) and says where the time went: self time by function
 * and by module (a package of node_modules, a folder of the project, or Node's own code).
 */
import fs from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { PROJECT_ROOT } from '../bot/platform/paths';

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface CpuProfile {
  startTime: number;
  endTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  byModule: Array<{ name: string; ms: number; share: number }>;
  byFunction: Array<{ name: string; ms: number; share: number }>;
  /** Time spent in a function of the project and everything it called: where a turn's time goes. */
  inclusiveProject: Array<{ name: string; ms: number; share: number }>;
}

const PROJECT_FOLDERS = /^(bot|language|cards|dialogs|domain)\//;

/** The source maps of the bundles the profile ran (read once each; null when a file has none). */
const sourceMaps = new Map<string, SourceMap | null>();

/**
 * Where a frame's code comes from: the bench runs Liaison bundled (dist/bench/liaison.js), so a frame in a file
 * with a source map beside it is placed in its original file and line — a package of node_modules or a source.
 */
function sourceOf({ url, lineNumber, columnNumber }: ProfileNode['callFrame']): {
  file: string;
  line: number;
} {
  const file = url.startsWith('file://') ? decodeURIComponent(new URL(url).pathname) : url;
  if (!path.isAbsolute(file)) return { file, line: lineNumber };
  if (!sourceMaps.has(file)) {
    const mapFile = `${file}.map`;
    sourceMaps.set(
      file,
      fs.existsSync(mapFile) ? new SourceMap(JSON.parse(fs.readFileSync(mapFile, 'utf8'))) : null,
    );
  }
  const entry = sourceMaps.get(file)?.findEntry(lineNumber, columnNumber) as
    { originalSource?: string; originalLine?: number } | undefined;
  return entry?.originalSource
    ? { file: path.resolve(path.dirname(file), entry.originalSource), line: entry.originalLine ?? lineNumber }
    : { file, line: lineNumber };
}

function moduleOf(file: string): string {
  if (!file) return '(v8: gc, idle, program)';
  if (file.startsWith('node:')) return 'node (core)';
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (inModules) return inModules[1]!;
  const relative = path.relative(PROJECT_ROOT, file);
  return relative.startsWith('..') ? file : relative.split(path.sep).slice(0, 2).join('/');
}

/**
 * `window`: only the samples of that many seconds before the profile's end, less `tail` seconds (shutdown), so
 * that start-up (module loading, tsx compiling) does not drown the steady state of a load.
 */
export function summarizeProfile(
  file: string,
  { top = 20, window, tail = 0.3 }: { top?: number; window?: number; tail?: number } = {},
): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byModule = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  // Each node placed once (a source map lookup), not once per sample it is on the stack of.
  const sources = new Map(profile.nodes.map((node) => [node.id, sourceOf(node.callFrame)]));
  const fileOf = (node: ProfileNode) => sources.get(node.id)!.file;
  const frameName = (node: ProfileNode) => {
    const { file, line } = sources.get(node.id)!;
    return `${node.callFrame.functionName || '(anonymous)'} ${moduleOf(file)}${file ? `:${line + 1}` : ''}`;
  };
  let total = 0;
  const until = profile.endTime - tail * 1e6;
  const from = window === undefined ? -Infinity : until - window * 1e6;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at < from || at > until) return;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = nodes.get(id);
    if (!node) return;
    total += ms;
    const module = moduleOf(fileOf(node));
    byModule.set(module, (byModule.get(module) ?? 0) + ms);
    const name = frameName(node);
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
    const onStack = new Set<string>();
    for (let frame: ProfileNode | undefined = node; frame; frame = nodes.get(parents.get(frame.id) ?? -1)) {
      if (PROJECT_FOLDERS.test(moduleOf(fileOf(frame)))) onStack.add(frameName(frame));
    }
    for (const key of onStack) inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
  });
  const ranked = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms: Math.round(ms), share: Math.round((ms / total) * 1000) / 10 }));
  return {
    totalMs: Math.round(total),
    byModule: ranked(byModule),
    byFunction: ranked(byFunction),
    inclusiveProject: ranked(inclusive),
  };
}

export function printProfileSummary(summary: ProfileSummary): void {
  console.log(`\nCPU profile: ${summary.totalMs} ms sampled (self time)`);
  console.log('\n  by module');
  for (const row of summary.byModule) console.log(`  ${String(row.share).padStart(5)} %  ${row.name}`);
  console.log('\n  by function');
  for (const row of summary.byFunction) console.log(`  ${String(row.share).padStart(5)} %  ${row.name}`);
  console.log('\n  project functions, inclusive (with what they call)');
  for (const row of summary.inclusiveProject)
    console.log(`  ${String(row.share).padStart(5)} %  ${row.name}`);
}

if (require.main === module) {
  const [file, window] = process.argv.slice(2);
  if (!file) {
    console.error('usage: tsx bench/profile.ts <file.cpuprofile> [last seconds]');
    process.exit(2);
  }
  printProfileSummary(summarizeProfile(file, { top: 30, window: window ? Number(window) : undefined }));
}
