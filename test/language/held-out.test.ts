import health from '../fixtures/faq-health-heldout.json';
import testSet from '../fixtures/faq-test.json';
import devSet from '../fixtures/faq-dev.json';
import freshBatch from '../fixtures/faq-fresh.json';
import { containsHealthDetails } from '../../language/health-guard';
import { evaluateLabelled, type LabelledMessage } from '../../language/evaluate';

/**
 * The held-apart sets (docs/faq.md): written before the matcher and the guard were tuned, never edited, never
 * used to choose a word, a weight or a threshold. These tests keep the figures from sliding back.
 */
describe('health guard on its held-apart set', () => {
  const ordinaryFaqMessages = (testSet.probes as LabelledMessage[])
    .filter(({ healthDetail, kind }) => !healthDetail && !kind.endsWith('redirect'))
    .map(({ text }) => text);

  it('finds at least 99% of the messages with a health detail', () => {
    const found = health.health.filter((message) => containsHealthDetails(message).found);
    expect(found.length / health.health.length).toBeGreaterThanOrEqual(0.99);
  });

  it('flags at most 1% of ordinary messages about the meeting', () => {
    const ordinary = [...health.ordinary, ...ordinaryFaqMessages];
    const flagged = ordinary.filter((message) => containsHealthDetails(message).found);
    expect(flagged.length / ordinary.length).toBeLessThanOrEqual(0.01);
  });
});

describe('FAQ on the development and held-out test sets', () => {
  // The development set grows with fresh, harder batches (docs/faq.md): its floor follows its figure. Batch q
  // (170 messages written apart, first scored 57.1 %) joined it and was tuned on: 90.8 %, 13 false claims.
  // Batch p (160 more, first scored 71.9 %, 5 false claims) joined it and was tuned on: 88.9 % of 1033, 18.
  it('keeps the development set at 88.5% or more, with at most 18 false claims', () => {
    const { overall } = evaluateLabelled(devSet.probes as LabelledMessage[]);
    expect(overall.rate).toBeGreaterThanOrEqual(0.885);
    expect(overall.falseClaims).toBeLessThanOrEqual(18);
  });

  it('keeps the held-out test set at its measured level (a floor, not the 92% target)', () => {
    const { overall } = evaluateLabelled(testSet.probes as LabelledMessage[]);
    expect(overall.total).toBeGreaterThanOrEqual(340);
    expect(overall.rate).toBeGreaterThanOrEqual(0.92);
    expect(overall.falseClaims).toBeLessThanOrEqual(13);
  });

  it('keeps the fresh batch r at its measured level (67.8 %, 12 false claims: a floor, far from the target)', () => {
    const { overall } = evaluateLabelled(freshBatch.probes as LabelledMessage[]);
    expect(overall.total).toBe(180);
    expect(overall.rate).toBeGreaterThanOrEqual(0.675);
    expect(overall.falseClaims).toBeLessThanOrEqual(12);
  });
});
