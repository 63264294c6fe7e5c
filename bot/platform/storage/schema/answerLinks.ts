// The table of the answer page's links (bot/services/answerLinks): one short code per case and offer.
export const ANSWER_LINKS_TABLE = `CREATE TABLE IF NOT EXISTS answer_links (
  code TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  case_id TEXT NOT NULL,
  offer INTEGER NOT NULL,
  lang TEXT NOT NULL,
  created_at TEXT NOT NULL,
  first_opened_at TEXT
)`;
