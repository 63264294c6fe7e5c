/**
 * Runs the FAQ evaluation probes through the language layer and the bot's reply texts, then prints the pass
 * rate per language and overall, and every failure. Usage: npx tsx scripts/eval-faq.ts [probes.json]
 */
import fs from 'node:fs';
import path from 'node:path';
import { evaluateFaq, type FaqProbe, type PassRate } from '../language/evaluate';

const probesFile = process.argv[2] ?? path.join(__dirname, '..', 'test', 'fixtures', 'faq-eval.public.json');
const probes = JSON.parse(fs.readFileSync(probesFile, 'utf8')) as FaqProbe[];
const report = evaluateFaq(probes);

const percent = ({ passed, total, rate }: PassRate) => `${(rate * 100).toFixed(1)}% (${passed}/${total})`;

for (const result of report.results.filter((candidate) => !candidate.passed)) {
  const outcome = result.match.kind === 'answer' ? `answer ${result.match.id}` : JSON.stringify(result.match);
  console.log(
    `FAIL ${result.probe.id} [${result.probe.faq ?? 'out of scope'}] ${JSON.stringify(result.probe.text)}`,
  );
  console.log(`  matched: ${outcome}`);
  if (result.missingExpected) console.log('  no expectAny pattern matched the reply');
  for (const pattern of result.forbiddenMatched) console.log(`  expectNone matched: ${pattern}`);
}
console.log(`fr: ${percent(report.byLocale.fr)}`);
console.log(`en: ${percent(report.byLocale.en)}`);
console.log(`overall: ${percent(report.overall)}`);
