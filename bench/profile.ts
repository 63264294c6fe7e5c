/**
 * Reads a V8 CPU profile (written by `node --cpu-prof`) and says where the time went: self time by function
 * and by module (a package of node_modules, a folder of the project, or Node's own code).
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../bot/paths';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  byModule: Array<{ name: string; ms: number; share: number }>;
  byFunction: Array<{ name: string; ms: number; share: number }>;
}

function moduleOf(url: string): string {
  if (!url) return '(v8: gc, idle, program)';
  if (url.startsWith('node:')) return 'node (core)';
  const file = url.startsWith('file://') ? decodeURIComponent(new URL(url).pathname) : url;
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (inModules) return inModules[1]!;
  const relative = path.relative(PROJECT_ROOT, file);
  return relative.startsWith('..') ? file : relative.split(path.sep).slice(0, 2).join('/');
}

export function summarizeProfile(file: string, top = 20): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byModule = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = nodes.get(id);
    if (!node) return;
    const { functionName, url, lineNumber } = node.callFrame;
    total += ms;
    const module = moduleOf(url);
    byModule.set(module, (byModule.get(module) ?? 0) + ms);
    const name = `${functionName || '(anonymous)'} ${module}${url ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
  });
  const ranked = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms: Math.round(ms), share: Math.round((ms / total) * 1000) / 10 }));
  return { totalMs: Math.round(total), byModule: ranked(byModule), byFunction: ranked(byFunction) };
}

export function printProfileSummary(summary: ProfileSummary): void {
  console.log(`\nCPU profile: ${summary.totalMs} ms sampled (self time)`);
  console.log('\n  by module');
  for (const row of summary.byModule) console.log(`  ${String(row.share).padStart(5)} %  ${row.name}`);
  console.log('\n  by function');
  for (const row of summary.byFunction) console.log(`  ${String(row.share).padStart(5)} %  ${row.name}`);
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: tsx bench/profile.ts <file.cpuprofile>');
    process.exit(2);
  }
  printProfileSummary(summarizeProfile(file, 30));
}
