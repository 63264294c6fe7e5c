// One versioned schema change: its statements, `{ sqlite, postgres }` where the two dialects differ.
export type Statement = string | { sqlite: string; postgres: string };

export interface Migration {
  version: number;
  name: string;
  statements: Statement[];
}
