// A case's proof file: its dated trail, as PDF or JSON, in French or English, nothing medical.
import { caseTimeline, parisToday, type IsoDate } from '../../../domain';
import { formatIsoDate } from '../../../language/dates';
import type { ActorRole, AuditChannel, AuditEntry, CaseState, LiaisonCase, SpstChannel } from '../cases';
import { languageOf, translatorFor, type Language, type Translator } from '../../../language/i18n';
import { a4Document, toWinAnsi, type RenderOptions } from './pdf';

/**
 * The proof file of a case (issue #12, "the proof file"): what HR shows an inspector or a judge — the case's dated
 * trail (the employee's request, the information, each proposal, the SPST notices, the answers, the changes, the
 * cancellation, the meeting held) in the reader's language, as JSON and as an A4 PDF. Built only from the case's
 * audit trail (CaseStore.auditTrail), the case's structured fields and, when the case answers one, the employee's
 * request: no absence, no place, no link, no job title, nothing typed by anyone but names — so nothing medical
 * can be in it.
 */

export const PROOF_FORMATS = ['pdf', 'json'] as const;
export type ProofFormat = (typeof PROOF_FORMATS)[number];

export type ProofEventKind =
  | 'request'
  | 'request_received'
  | 'request_acknowledged'
  | 'information'
  | 'proposal'
  | 'spst_notice'
  | 'spst_notice_manual'
  | 'spst_change'
  | 'spst_cancellation'
  | 'spst_acknowledged'
  | 'accepted'
  | 'declined'
  | 'other_date_asked'
  | 'new_date'
  | 'cancelled'
  | 'held';

export interface ProofEvent {
  kind: ProofEventKind;
  /** The Paris day of the step. */
  day: IsoDate;
  /** HH:MM, Paris time; absent for a step known only by its day (D0). */
  time?: string;
  /** The instant recorded, when there is one (ISO 8601). */
  at?: string;
  /** The step as a sentence in the file's language. */
  label: string;
  actor: ActorRole | null;
  actorLabel: string | null;
  via: AuditChannel | null;
  viaLabel: string | null;
  offer: number | null;
  fromState: CaseState | null;
  toState: CaseState | null;
}

export interface ProofFile {
  format: 'liaison.proof/1';
  language: Language;
  generatedAt: string;
  title: string;
  statement: string;
  case: {
    id: string;
    state: CaseState;
    stateLabel: string;
    initiator: LiaisonCase['initiator'];
    requestDate: IsoDate;
    companyName: string;
    employeeName: string;
    managerName: string | null;
    openedBy: 'hr' | 'manager';
    meeting: { date: IsoDate; time: string; mode: LiaisonCase['meeting']['mode'] };
    spstAttendance: LiaisonCase['spst']['attendance'];
  };
  deadlines: {
    proposalDue: IsoDate;
    proposedOn: IsoDate | null;
    /** Days the first proposal went out after its deadline (0 when on time). */
    proposalDaysLate: number;
    latestSpstNoticeDate: IsoDate | null;
  };
  events: ProofEvent[];
}

/** What the employee's request (bot/services/requests) tells the proof file: when it came in, when HR acknowledged it. */
export interface ProofRequest {
  createdAt: string;
  acknowledgedOn?: IsoDate;
}

export interface ProofInput {
  liaisonCase: LiaisonCase;
  trail: readonly AuditEntry[];
  request?: ProofRequest | null;
  companyName?: string;
  generatedAt: Date;
}

/** The Paris day and HH:MM of an instant. */
function parisMoment(instant: string): { day: IsoDate; time: string } {
  const date = new Date(instant);
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Paris',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
  return { day: parisToday(date), time };
}

/** The steps an audit entry stands for, in order (an opening is the information, the proposal and the notice). */
function stepsOf(entry: AuditEntry, liaisonCase: LiaisonCase): ProofEventKind[] {
  const channels = liaisonCase.spst.notifiedBy ?? [];
  const spst = (kind: ProofEventKind): ProofEventKind[] => (channels.length > 0 ? [kind] : []);
  switch (entry.event) {
    case 'open':
      return [
        'information',
        'proposal',
        ...(channels.length > 0 ? (['spst_notice'] as const) : (['spst_notice_manual'] as const)),
      ];
    case 'accept':
      return ['accepted'];
    case 'decline':
      return ['declined', ...spst('spst_cancellation')];
    case 'ask_other_date':
      return ['other_date_asked'];
    case 'acknowledge_spst':
      return ['spst_acknowledged'];
    case 'propose_again':
      return ['new_date', ...spst('spst_change')];
    case 'cancel':
      return ['cancelled', ...spst('spst_cancellation')];
    case 'record_held':
      return ['held'];
  }
}

/** The proof file of the case in `language` ('fr', 'en' or a locale). */
export function buildProofFile(input: ProofInput, language: string | undefined): ProofFile {
  const { liaisonCase, trail } = input;
  const lang = languageOf(language);
  const t = translatorFor(lang, 'letters');
  const p = (key: string, options: Record<string, unknown> = {}) => t(`proof.${key}`, options);
  const day = (date: IsoDate) => formatIsoDate(date, t);
  const { meeting } = liaisonCase;
  const mode = p(`modes.${meeting.mode}`);
  const channels = (liaisonCase.spst.notifiedBy ?? [])
    .map((channel: SpstChannel) => p(`channels.${channel}`))
    .join(', ');

  const event = (
    kind: ProofEventKind,
    when: { day: IsoDate; time?: string; at?: string },
    entry?: AuditEntry,
  ): ProofEvent => {
    const offer = entry?.offer ?? null;
    const current = offer !== null && offer === liaisonCase.offer;
    const withMeeting = current && (kind === 'proposal' || kind === 'new_date');
    const key = withMeeting ? `${kind}_meeting` : kind;
    return {
      kind,
      ...when,
      label: p(`events.${key}`, {
        offer: offer ?? '',
        channels,
        date: day(meeting.date),
        time: meeting.time,
        mode,
      }),
      actor: entry?.actorRole ?? null,
      actorLabel: entry ? p(`roles.${entry.actorRole}`) : null,
      via: entry?.via ?? null,
      viaLabel: entry?.via ? p(`vias.${entry.via}`) : null,
      offer,
      fromState: entry?.fromState ?? null,
      toState: entry?.toState ?? null,
    };
  };

  const events: ProofEvent[] = [];
  if (liaisonCase.initiator === 'employee') {
    events.push(event('request', { day: liaisonCase.requestDate }));
  }
  if (input.request) {
    events.push(
      event('request_received', { ...parisMoment(input.request.createdAt), at: input.request.createdAt }),
    );
    if (input.request.acknowledgedOn) {
      events.push(event('request_acknowledged', { day: input.request.acknowledgedOn }));
    }
  }
  for (const entry of trail) {
    const when = { ...parisMoment(entry.at), at: entry.at };
    for (const kind of stepsOf(entry, liaisonCase)) events.push(event(kind, when, entry));
  }
  // Oldest first. Of the steps known only by their day, D0 opens its day and the others close theirs (HR
  // acknowledges a request after it came in); otherwise as recorded.
  const sortTime = (step: ProofEvent) => step.time ?? (step.kind === 'request' ? '00:00' : '24:00');
  const ordered = events
    .map((step, index) => ({ step, index }))
    .sort(
      (a, b) =>
        a.step.day.localeCompare(b.step.day) ||
        sortTime(a.step).localeCompare(sortTime(b.step)) ||
        a.index - b.index,
    )
    .map(({ step }) => step);

  const timeline = caseTimeline(liaisonCase, parisToday(input.generatedAt));
  return {
    format: 'liaison.proof/1',
    language: lang,
    generatedAt: input.generatedAt.toISOString(),
    title: p('title'),
    statement: p('noMedical'),
    case: {
      id: liaisonCase.id,
      state: liaisonCase.state,
      stateLabel: p(`states.${liaisonCase.state}`),
      initiator: liaisonCase.initiator,
      requestDate: liaisonCase.requestDate,
      companyName: input.companyName ?? liaisonCase.companyId,
      employeeName: liaisonCase.employee.name,
      managerName: liaisonCase.manager?.name ?? null,
      openedBy: liaisonCase.openedBy.role,
      meeting: { date: meeting.date, time: meeting.time, mode: meeting.mode },
      spstAttendance: liaisonCase.spst.attendance,
    },
    deadlines: {
      proposalDue: timeline.proposalDue,
      proposedOn: timeline.proposedOn,
      proposalDaysLate: timeline.firstProposalDaysLate,
      latestSpstNoticeDate: timeline.latestSpstNoticeDate,
    },
    events: ordered,
  };
}

/** The file's facts and deadlines as label/value lines, in the file's language (the PDF prints them). */
export function proofFacts(proof: ProofFile): Array<[string, string]> {
  const t = translatorFor(proof.language, 'letters');
  const p = (key: string, options: Record<string, unknown> = {}) => t(`proof.${key}`, options);
  const day = (date: IsoDate) => formatIsoDate(date, t);
  const { case: c, deadlines } = proof;
  const sent = deadlines.proposedOn
    ? `${day(deadlines.proposedOn)} (${
        deadlines.proposalDaysLate > 0
          ? p('proposalLate', { count: deadlines.proposalDaysLate })
          : p('proposalOnTime')
      })`
    : p('proposalNotSent');
  return [
    [p('company'), c.companyName],
    [p('employee'), c.employeeName],
    [p('manager'), c.managerName ?? p('noManager')],
    [p('openedBy'), p(`roles.${c.openedBy}`)],
    [p('initiator'), p(`initiators.${c.initiator}`)],
    [p('requestDate'), day(c.requestDate)],
    [p('state'), c.stateLabel],
    [
      p('meeting'),
      p('meetingValue', {
        date: day(c.meeting.date),
        time: c.meeting.time,
        mode: p(`modes.${c.meeting.mode}`),
      }),
    ],
    [p('spstAttendance'), p(`spstAttendances.${c.spstAttendance}`)],
    [p('caseId'), c.id],
    [p('proposalDue'), day(deadlines.proposalDue)],
    [p('proposalSent'), sent],
    ...(deadlines.latestSpstNoticeDate
      ? [[p('latestSpstNotice'), day(deadlines.latestSpstNoticeDate)] as [string, string]]
      : []),
  ];
}

/** "liaison-proof-<case>-<day>.pdf" in English, "liaison-preuve-…" in French. */
export function proofFilename(proof: ProofFile, format: ProofFormat): string {
  const t = translatorFor(proof.language, 'letters');
  const safeId = proof.case.id.replace(/[^\w-]/g, '').slice(0, 40);
  return `${t('proof.fileName')}-${safeId}-${parisToday(new Date(proof.generatedAt))}.${format}`;
}

/** The proof file as JSON text (UTF-8, indented). */
export function proofJson(proof: ProofFile): string {
  return `${JSON.stringify(proof, null, 2)}\n`;
}

const MARGIN = 50;
const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';

/** The proof file as an A4 PDF: title, statement, the case's facts and deadlines, then the dated steps. */
export function renderProofPdf(proof: ProofFile, options: RenderOptions = {}): Promise<Buffer> {
  const t: Translator = translatorFor(proof.language, 'letters');
  const p = (key: string, values: Record<string, unknown> = {}) => t(`proof.${key}`, values);
  const { doc, width, text, finish } = a4Document(
    MARGIN,
    proof.language,
    { title: proof.title, author: proof.case.companyName },
    options,
  );
  const generated = parisMoment(proof.generatedAt);

  doc.font(BOLD).fontSize(15);
  text(proof.title);
  doc.font(REGULAR).fontSize(10);
  text(p('subtitle'));
  text(p('generatedOn', { date: formatIsoDate(generated.day, t), time: generated.time }));
  doc.moveDown(0.6);
  doc.font(BOLD).fontSize(9.5);
  text(proof.statement);
  doc.moveDown(0.8);

  const facts = proofFacts(proof);
  doc.font(BOLD).fontSize(12);
  text(p('factsTitle'));
  doc.moveDown(0.3);
  doc.fontSize(9.5);
  for (const [label, value] of facts) {
    doc.font(BOLD);
    text(`${label}${proof.language === 'fr' ? '\u00a0: ' : ': '}`, { continued: true });
    doc.font(REGULAR);
    text(value);
  }
  doc.moveDown(0.8);

  doc.font(BOLD).fontSize(12);
  text(p('eventsTitle'));
  doc.moveDown(0.3);
  const columns = [
    { key: 'when', width: 100 },
    { key: 'step', width: width - 100 - 95 - 70 },
    { key: 'by', width: 95 },
    { key: 'via', width: 70 },
  ];
  const row = (cells: string[], font: string) => {
    doc.font(font).fontSize(9);
    const heights = cells.map((cell, index) =>
      doc.heightOfString(toWinAnsi(cell), { width: (columns[index]?.width ?? 60) - 6 }),
    );
    const height = Math.max(...heights) + 4;
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((cell, index) => {
      const cellWidth = columns[index]?.width ?? 60;
      doc.text(toWinAnsi(cell), x, y, { width: cellWidth - 6, lineGap: 0.8 });
      x += cellWidth;
    });
    doc.y = y + height;
    doc
      .moveTo(MARGIN, doc.y - 2)
      .lineTo(MARGIN + width, doc.y - 2)
      .lineWidth(0.3)
      .strokeColor('#999999')
      .stroke();
    doc.x = MARGIN;
  };
  row(
    columns.map((column) => p(`columns.${column.key}`)),
    BOLD,
  );
  for (const step of proof.events) {
    const when = step.time
      ? p('dateTime', { date: formatIsoDate(step.day, t), time: step.time })
      : p('dayOnly', { date: formatIsoDate(step.day, t) });
    row([when, step.label, step.actorLabel ?? p('none'), step.viaLabel ?? p('none')], REGULAR);
  }

  return finish(t('common.legalBasis'), (page, pages) => t('common.page', { page, pages }));
}
