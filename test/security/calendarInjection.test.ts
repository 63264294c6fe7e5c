import { escapeIcsText, foldIcsLine, meetingIcs } from '../../bot/services/caseFlow/ics';

// Finding 7: a bare CR (or any control character) in a value typed by a user must never start a new .ics line.
describe('calendar injection (finding 7)', () => {
  const now = new Date('2026-11-05T09:00:00.000Z');
  const base = {
    uid: 'case-1',
    sequence: 0,
    method: 'REQUEST' as const,
    date: '2026-11-20',
    time: '10:00',
    summary: 'Rendez-vous',
    description: 'Ligne 1\nLigne 2',
    now,
  };
  const unfolded = (ics: string) => ics.replace(/\r\n /g, '').split('\r\n');

  test('a place with a bare CR, LF, CRLF, NEL, U+2028 or NUL adds no property', () => {
    for (const sep of ['\r', '\n', '\r\n', '\u0085', '\u2028', '\u2029', '\u0000', '\u000b', '\u000c']) {
      const ics = meetingIcs({ ...base, location: `Salle 1${sep}STATUS:CANCELLED${sep}END:VEVENT` });
      const lines = unfolded(ics);
      expect(lines.filter((line) => line.startsWith('STATUS:'))).toEqual(['STATUS:CONFIRMED']);
      expect(lines.filter((line) => line === 'END:VEVENT')).toHaveLength(1);
      expect(ics).not.toMatch(/\r(?!\n)/);
      // eslint-disable-next-line no-control-regex -- control characters are what this removes
      expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/);
    }
  });

  test('escapeIcsText escapes the TEXT specials and every line break', () => {
    expect(escapeIcsText('a\\b;c,d\re\nf\r\ng\u0000h\th')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng' + 'h\th');
  });

  test('a name in a parameter cannot close the quote or the line', () => {
    const ics = meetingIcs({
      ...base,
      attendees: [{ email: 'spst@example.org\r\nX:1', name: 'Dr "Evil";ROLE=CHAIR\rX:2' }],
    });
    const attendee = unfolded(ics).filter((line) => line.startsWith('ATTENDEE'));
    expect(attendee).toEqual([
      'ATTENDEE;CN="Dr Evil;ROLE=CHAIRX:2";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:spst@example.orgX%3A1',
    ]);
    expect(unfolded(ics).some((line) => /^X:/.test(line))).toBe(false);
  });

  test('lines are folded at 75 octets without splitting a UTF-8 character', () => {
    const line = `SUMMARY:${'é'.repeat(50)}${'😀'.repeat(30)}`;
    const folded = foldIcsLine(line);
    for (const part of folded.split('\r\n')) {
      expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
      expect(part).not.toContain('\ufffd');
    }
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });

  test('a timed meeting is in Europe/Paris with a VTIMEZONE; the UID is stable; SEQUENCE and METHOD are set', () => {
    const ics = meetingIcs({ ...base, location: 'Salle 2' });
    const lines = unfolded(ics);
    expect(lines).toContain('METHOD:REQUEST');
    expect(lines).toContain('UID:case-1');
    expect(lines).toContain('SEQUENCE:0');
    expect(lines).toContain('DTSTART;TZID=Europe/Paris:20261120T100000');
    expect(lines).toContain('TZID:Europe/Paris');
    expect(lines).toContain('RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU');
    expect(lines.indexOf('BEGIN:VTIMEZONE')).toBeLessThan(lines.indexOf('BEGIN:VEVENT'));
  });

  test('a cancellation keeps the UID, carries METHOD:CANCEL and STATUS:CANCELLED', () => {
    const lines = unfolded(meetingIcs({ ...base, method: 'CANCEL', sequence: 2 }));
    expect(lines).toContain('METHOD:CANCEL');
    expect(lines).toContain('STATUS:CANCELLED');
    expect(lines).toContain('SEQUENCE:2');
    expect(lines).toContain('UID:case-1');
  });

  test('a malformed date, time or sequence is refused', () => {
    expect(() => meetingIcs({ ...base, date: '2026-11-20\r\nX:1' })).toThrow(/date/);
    expect(() => meetingIcs({ ...base, time: '25:00' })).toThrow(/time/);
    expect(() => meetingIcs({ ...base, sequence: -1 })).toThrow(/sequence/);
  });
});
