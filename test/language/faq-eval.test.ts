import probes from '../fixtures/faq-eval.public.json';
import { evaluateFaq } from '../../language/evaluate';

describe('FAQ evaluation on the public probes', () => {
  const report = evaluateFaq(probes);

  it.each(['fr', 'en'] as const)('passes at least 90%% of the %s probes', (locale) => {
    expect(report.byLocale[locale].total).toBeGreaterThan(0);
    expect(report.byLocale[locale].rate).toBeGreaterThanOrEqual(0.9);
  });

  it('never repeats the health details a question volunteered', () => {
    const echoed = report.results.filter(({ probe, reply }) =>
      ['burn', 'chimio', 'cancer', 'dépression', 'herniated', 'antidepress', 'sclerosis'].some(
        (word) => reply.toLowerCase().includes(word) && probe.text.toLowerCase().includes(word),
      ),
    );
    expect(echoed.map(({ probe }) => probe.id)).toEqual([]);
  });
});
