import { screenFreeText } from '../../language';

describe('screenFreeText', () => {
  it('keeps an ordinary value, normalised and trimmed', () => {
    expect(screenFreeText('  Julien   Perrin ')).toEqual({ ok: true, value: 'Julien Perrin' });
    expect(screenFreeText('Salle B, 3e étage', { maxLength: 60 })).toEqual({
      ok: true,
      value: 'Salle B, 3e étage',
    });
    expect(screenFreeText('ｆｕｌｌ width')).toEqual({ ok: true, value: 'full width' });
  });

  it('refuses a health detail however it is written, without quoting it', () => {
    for (const text of [
      'je prends des anti-dépresseurs',
      'd-e-p-r-e-s-s-i-o-n',
      'c a n c e r',
      'mon psy',
      'TDAH',
      'séropositif',
      'my rhumato',
      'depresion',
    ]) {
      expect([text, screenFreeText(text, { multiline: true })]).toEqual([
        text,
        { ok: false, reason: 'health' },
      ]);
    }
  });

  it('refuses invisible and control characters, and line breaks in a one-line field', () => {
    expect(screenFreeText('Jean\u200BDupont')).toEqual({ ok: false, reason: 'invalid_characters' });
    expect(screenFreeText('Jean\u0007')).toEqual({ ok: false, reason: 'invalid_characters' });
    expect(screenFreeText('abc\u202Edef')).toEqual({ ok: false, reason: 'invalid_characters' });
    expect(screenFreeText('line one\nline two')).toEqual({ ok: false, reason: 'invalid_characters' });
    expect(screenFreeText('line one\nline two', { multiline: true })).toEqual({
      ok: true,
      value: 'line one\nline two',
    });
  });

  it('refuses a value longer than allowed', () => {
    expect(screenFreeText('x'.repeat(81), { maxLength: 80 })).toEqual({ ok: false, reason: 'too_long' });
    expect(screenFreeText('x'.repeat(80), { maxLength: 80 }).ok).toBe(true);
  });
});
