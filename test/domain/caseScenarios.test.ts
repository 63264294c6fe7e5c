// Every worked example of case-scenarios.json (a copy of the shared spec), run through the public domain API, as
// the file's "about" says: each vector starts from EMPTY_CASE_BOOK, the book goes through JSON between steps, a
// refused step keeps the book it had, and a call must never modify the book passed in.
import {
  decideCase,
  EMPTY_CASE_BOOK,
  type CaseBook,
  type CaseCommand,
  type CaseDecision,
  type CaseView,
  type Policy,
} from '../../domain';
import scenarios from '../fixtures/case-scenarios.json';

interface Step {
  today: string;
  command: CaseCommand;
  expect: {
    outcome: CaseDecision['outcome'];
    reason?: string;
    details?: string[];
    notify?: Record<string, string>;
    warnings?: string[];
    view?: Partial<CaseView>;
  };
}

interface Vector {
  id: string;
  title: string;
  rules: string[];
  policy?: Partial<Policy>;
  steps: Step[];
}

const vectors = scenarios.vectors as unknown as Vector[];

/** Freezes a value and everything inside it, so that any write to it throws (strict mode). */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

test('the fixture holds every vector', () => {
  expect(scenarios.version).toBe(1);
  expect(vectors.length).toBe(42);
});

test.each(vectors.map((vector) => [`${vector.id}: ${vector.title}`, vector] as const))(
  '%s',
  (_name, vector) => {
    let book: CaseBook = EMPTY_CASE_BOOK;
    vector.steps.forEach((step, index) => {
      const where = `${vector.id} step ${index + 1} (${step.command.type} on ${step.today})`;
      // The book is plain data: it survives JSON. Then it is frozen, and a snapshot taken, to catch any write.
      const passed: CaseBook = deepFreeze(JSON.parse(JSON.stringify(book)) as CaseBook);
      const snapshot = JSON.stringify(passed);
      const decision = decideCase(passed, step.command, { today: step.today, policy: vector.policy });
      expect({ where, book: JSON.stringify(passed) }).toEqual({ where, book: snapshot });

      const { expect: expected } = step;
      expect({ where, outcome: decision.outcome }).toEqual({ where, outcome: expected.outcome });
      if (decision.outcome === 'refused') {
        expect({ where, reason: decision.reason, details: decision.details }).toEqual({
          where,
          reason: expected.reason,
          details: expected.details ?? [],
        });
        expect(decision).not.toHaveProperty('book');
        book = passed; // a refused step keeps the book it had
        return;
      }
      expect({ where, notify: decision.notify }).toEqual({ where, notify: expected.notify });
      expect({ where, warnings: decision.warnings }).toEqual({ where, warnings: expected.warnings });
      for (const [field, value] of Object.entries(expected.view ?? {})) {
        expect({ where, field, value: decision.view[field as keyof CaseView] }).toEqual({
          where,
          field,
          value,
        });
      }
      if (decision.outcome === 'unchanged') {
        expect(decision.book).toBe(passed);
      }
      book = decision.book;
    });
  },
);
