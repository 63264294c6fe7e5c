import fixture from './fixtures/medical-guard.json';
import { containsHealthDetails, withoutHealthDetails } from '../../language/health-guard';

describe('containsHealthDetails', () => {
  it('has a balanced test set of at least 80 messages', () => {
    expect(fixture.health.length + fixture.ordinary.length).toBeGreaterThanOrEqual(80);
    expect(Math.abs(fixture.health.length - fixture.ordinary.length)).toBeLessThanOrEqual(15);
  });

  it('finds at least 95% of the messages with a health detail', () => {
    const found = fixture.health.filter((message) => containsHealthDetails(message).found);
    expect(found.length / fixture.health.length).toBeGreaterThanOrEqual(0.95);
  });

  it('flags at most 5% of ordinary HR and scheduling messages', () => {
    const flagged = fixture.ordinary.filter((message) => containsHealthDetails(message).found);
    expect(flagged.length / fixture.ordinary.length).toBeLessThanOrEqual(0.05);
  });

  it.each([
    ["J'ai un burn-out", ['burn out']],
    ['Je suis en CHIMIO pour un Cancer du sein', ['cancer du sein', 'chimio']],
    ['le cancer du poumon', ['cancer']],
    ["j'ai été opérée du genou", ['operee']],
    ['je me suis fait une fracture', ['fracture']],
    ['I was diagnosed with depression', ['depression', 'diagnosed']],
  ])('names what it found: %s', (message, terms) => {
    const result = containsHealthDetails(message);
    expect(result.found).toBe(true);
    expect(result.terms).toEqual(expect.arrayContaining(terms));
  });

  it.each([
    'je suis en arrêt maladie',
    'ma maladie professionnelle',
    'accident du travail',
    "l'opération de paie",
    'le traitement de ma demande',
    "au sein de l'équipe",
    'my sick leave ends on Friday',
    'a breakdown of the costs',
    '',
  ])('leaves ordinary words alone: %s', (message) => {
    expect(containsHealthDetails(message)).toEqual({ found: false, terms: [] });
  });

  it('matches whole words only', () => {
    expect(containsHealthDetails('je suis chimiste').found).toBe(false);
    expect(containsHealthDetails('opérateur de saisie').found).toBe(false);
    expect(containsHealthDetails('un seing privé').found).toBe(false);
  });
});

describe('withoutHealthDetails', () => {
  it('blanks the health details, misspelt ones too, and keeps the HR phrases that only look medical', () => {
    const kept = withoutHealthDetails('Diabétique, un service à la médecine du travail ? Ma depresion.');
    expect(kept).toContain('medecine du travail');
    expect(kept).not.toMatch(/diabet|depres/);
  });
});
