// The HR tab page: sign-in, the cases by urgency, a case's timeline, the export and the settings.
/**
 * The HR tab: signs in (Teams SSO, or a development token in local mode), then shows the company's cases sorted
 * by urgency with filters, a case's timeline, the CSV export and the company settings form. Plain DOM, no
 * framework: the page is small, and everything it shows comes from /api/tab/*.
 */
import {
  Api,
  ApiError,
  type CaseDetail,
  type CaseRow,
  type HrUsers,
  type Settings,
  type TokenSource,
} from './api';
import { contentLink, isConfigFrame, tabInstanceConfig } from './config';
import { detectHost, enableTeamsConfigSave, notifyTeamsReady, teamsToken, type Theme } from './host';
import { formatDate, formatInstant, languageOf, translator, type Language, type Translate } from './i18n';

const STATES = ['invited', 'other_date_asked', 'accepted', 'held', 'declined', 'cancelled'];
const TEXT_FIELDS = [
  'hrName',
  'hrEmail',
  'hrPhone',
  'companyName',
  'spstName',
  'spstEmail',
  'spstPhone',
  'spstAddress',
  'spstWebsite',
  'hrChannelId',
];
/** The policy choices (docs/rules.md#a-companys-policy) and their values, as bot/http/tab/settings.ts POLICY_CHOICES accepts them. */
const POLICY_CHOICES: Record<string, string[]> = {
  lookbackDays: ['365', 'current_leave_only'],
  proposalRule: ['proposal', 'meeting'],
  eligibilityMode: ['elapsed', 'anticipated'],
  holidaysRegion: ['metropole', 'alsace_moselle'],
};
const INPUT_TYPES: Record<string, string> = {
  spstEmail: 'email',
  spstPhone: 'tel',
  spstWebsite: 'url',
  hrEmail: 'email',
  hrPhone: 'tel',
};
const DEV_TOKEN_KEY = 'liaison.tab.devToken';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<string, string>> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined) continue;
    if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

class TabPage {
  private api!: Api;
  private lastOpenedCase?: string;
  private searchTimer?: number;
  /** Numbers each list request, so that an older answer arriving late never replaces a newer list. */
  private casesRequest = 0;
  /** The signed-in person's name (from /me), shown on their own row of the HR list. */
  private myName?: string;

  constructor(
    private readonly t: Translate,
    private readonly language: Language,
  ) {}

  applyTheme(theme: Theme) {
    document.body.classList.remove('theme-default', 'theme-dark', 'theme-contrast');
    document.body.classList.add(`theme-${theme}`);
  }

  /** Fills every [data-i18n] element, the state filter and the settings fields, in the page's language. */
  translateStatic() {
    document.documentElement.lang = this.language;
    document.title = this.t('app.title');
    for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
      node.textContent = this.t(node.dataset.i18n ?? '');
    }
    $('nav').setAttribute('aria-label', this.t('nav.label'));
    const state = $<HTMLSelectElement>('filter-state');
    state.append(
      el('option', { value: 'open', text: this.t('cases.openStates') }),
      el('option', { value: 'all', text: this.t('cases.allStates') }),
      el('option', { value: 'late', text: this.t('cases.lateOnly') }),
      ...STATES.map((value) => el('option', { value, text: this.t(`states.${value}`) })),
    );
    for (const group of document.querySelectorAll<HTMLElement>('[data-fields]')) {
      for (const name of (group.dataset.fields ?? '').split(' ')) group.append(this.settingsField(name));
    }
    for (const group of document.querySelectorAll<HTMLElement>('[data-policy]')) {
      for (const name of (group.dataset.policy ?? '').split(' ')) group.append(this.policyField(name));
    }
  }

  /** One policy choice: a radio group (fieldset + legend) with its explanation. */
  private policyField(name: string): HTMLElement {
    const help = el('p', {
      id: `policy-${name}-help`,
      class: 'help',
      text: this.t(`settings.policy.${name}.help`),
    });
    const options = (POLICY_CHOICES[name] ?? []).map((value) => {
      const id = `policy-${name}-${value}`;
      return el(
        'div',
        { class: 'field checkbox' },
        el('input', { id, type: 'radio', name, value }),
        el('label', { for: id, text: this.t(`settings.policy.${name}.choices.${value}`) }),
      );
    });
    return el(
      'fieldset',
      { id: `policy-${name}`, class: 'choice', 'aria-describedby': help.id },
      el('legend', { text: this.t(`settings.policy.${name}.label`) }),
      help,
      ...options,
    );
  }

  private settingsField(name: string): HTMLElement {
    const id = `settings-${name}`;
    const help = el('p', { id: `${id}-help`, class: 'help', text: this.t(`settings.fields.${name}.help`) });
    const label = el('label', { for: id, text: this.t(`settings.fields.${name}.label`) });
    if (name === 'referentDesignated') {
      const input = el('input', { id, name, type: 'checkbox', 'aria-describedby': help.id });
      return el('div', { class: 'field checkbox' }, input, label, help);
    }
    const input =
      name === 'spstAddress'
        ? el('textarea', { id, name, rows: '2', 'aria-describedby': help.id })
        : el('input', {
            id,
            name,
            type: name === 'headcount' ? 'number' : (INPUT_TYPES[name] ?? 'text'),
            ...(name === 'headcount' ? { min: '0', step: '1', inputmode: 'numeric' } : {}),
            autocomplete: 'off',
            'aria-describedby': help.id,
          });
    return el('div', { class: 'field' }, label, input, help);
  }

  /**
   * Teams' configuration dialog (adding the tab to a channel): what the tab shows, then Save. Outside Teams there is
   * nothing to save: the view explains and links to the tab.
   */
  showConfig(inTeams: boolean) {
    document.title = this.t('config.heading');
    $('config-view').hidden = false;
    $('config-teams').hidden = !inTeams;
    $('config-local').hidden = inTeams;
    $<HTMLAnchorElement>('config-open').href = contentLink(location.search);
    if (inTeams) {
      enableTeamsConfigSave(
        tabInstanceConfig(location.origin, this.t('config.displayName')),
        this.t('config.saveFailed'),
      );
    }
  }

  status(message: string) {
    $('status').textContent = message;
  }

  alert(message: string | undefined) {
    const alert = $('alert');
    alert.hidden = !message;
    alert.textContent = message ?? '';
  }

  private failed(error: unknown) {
    if (error instanceof ApiError && error.status === 0) this.alert(this.t('auth.failed'));
    else if (error instanceof ApiError && error.status === 401) this.alert(this.t('auth.expired'));
    else if (error instanceof ApiError && error.status === 403) this.alert(this.t('auth.forbidden'));
    else if (error instanceof ApiError) this.alert(this.t('status.error', { message: error.message }));
    else this.alert(this.t('status.network'));
    this.status('');
  }

  private loginReady?: Promise<void>;
  private onToken?: (token: string) => void;

  /** Local mode: the demo people's picker; resolves with a development token once one is chosen. */
  async localSignIn(): Promise<string> {
    this.loginReady ??= this.setUpLogin();
    await this.loginReady;
    $('login-view').hidden = false;
    $('login-user').focus();
    return new Promise((resolve) => (this.onToken = resolve));
  }

  private async setUpLogin() {
    const config = await Api.config();
    const user = $<HTMLSelectElement>('login-user');
    for (const person of config.devUsers ?? []) {
      const tag = this.t(person.hr ? 'login.hrTag' : 'login.notHrTag');
      user.append(el('option', { value: person.aadObjectId, text: `${person.name} (${tag})` }));
    }
    const tenant = $<HTMLInputElement>('login-tenant');
    tenant.value = new URLSearchParams(location.search).get('tenant') ?? config.devTenant ?? '';
    $('login-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const person = config.devUsers?.find((candidate) => candidate.aadObjectId === user.value);
      Api.devToken({ aadObjectId: user.value, tenantId: tenant.value.trim(), name: person?.name })
        .then((token) => {
          sessionStorage.setItem(DEV_TOKEN_KEY, token);
          $('login-view').hidden = true;
          this.onToken?.(token);
        })
        .catch((error: unknown) => this.failed(error));
    });
  }

  /** Shows the cases once the token is accepted; 'unauthenticated' lets local mode ask for a new one. */
  async start(token: TokenSource): Promise<'started' | 'unauthenticated' | 'failed'> {
    this.api = new Api(token, this.language);
    this.status(this.t('status.loading'));
    try {
      const me = await this.api.me();
      this.myName = me.name;
      $('who').textContent = this.t('app.signedInAs', { name: me.name ?? me.aadObjectId });
    } catch (error) {
      this.failed(error);
      return error instanceof ApiError && error.status === 401 ? 'unauthenticated' : 'failed';
    }
    this.alert(undefined);
    $('nav').hidden = false;
    for (const button of document.querySelectorAll<HTMLButtonElement>('#nav button')) {
      button.addEventListener(
        'click',
        () => void this.show(button.dataset.view as 'cases' | 'settings', true),
      );
    }
    $('filters').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.loadCases();
    });
    $('filter-state').addEventListener('change', () => {
      window.clearTimeout(this.searchTimer);
      void this.loadCases();
    });
    $('filter-text').addEventListener('input', () => {
      window.clearTimeout(this.searchTimer);
      this.searchTimer = window.setTimeout(() => void this.loadCases(), 300);
    });
    $('export').addEventListener('click', () => void this.exportCsv());
    $('back').addEventListener('click', () => this.backToList());
    $('settings-form').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.saveSettings();
    });
    $('hr-user-form').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.addHrUser();
    });
    await this.show('cases', false);
    return 'started';
  }

  private async show(view: 'cases' | 'settings', focus: boolean) {
    for (const button of document.querySelectorAll<HTMLButtonElement>('#nav button')) {
      if (button.dataset.view === view) button.setAttribute('aria-current', 'page');
      else button.removeAttribute('aria-current');
    }
    $('cases-view').hidden = view !== 'cases';
    $('case-view').hidden = true;
    $('settings-view').hidden = view !== 'settings';
    this.alert(undefined);
    if (view === 'cases') await this.loadCases();
    else await this.loadSettings();
    if (focus) $(view === 'cases' ? 'cases-heading' : 'settings-heading').focus();
  }

  private filter() {
    return {
      state: $<HTMLSelectElement>('filter-state').value,
      q: $<HTMLInputElement>('filter-text').value.trim(),
    };
  }

  private async loadCases() {
    const request = ++this.casesRequest;
    try {
      const { cases } = await this.api.cases(this.filter());
      if (request !== this.casesRequest) return;
      this.renderCases(cases);
      this.status(this.t('status.loaded', { count: cases.length }));
    } catch (error) {
      this.failed(error);
    }
  }

  /**
   * #12.10: a proposal late is said plainly — overdue (none sent: by how many days, and propose now) or sent late
   * (by how many days; nothing more to do about it). Undefined when the proposal is on time.
   */
  private lateText(row: CaseRow): string | undefined {
    const { proposal } = row;
    if (proposal.daysLate === 0) return undefined;
    const due = formatDate(proposal.due, this.language, this.t);
    if (proposal.overdue || !proposal.sentOn) {
      const key = row.state === 'other_date_asked' ? 'late.overdueNewDate' : 'late.overdue';
      return this.t(key, { count: proposal.daysLate, due });
    }
    const sent = formatDate(proposal.sentOn, this.language, this.t);
    return this.t('late.sent', { count: proposal.daysLate, due, sent });
  }

  private deadlineText(row: CaseRow): { text: string; className?: string } {
    const deadline = row.nextDeadline;
    if (!deadline) {
      return { text: this.t(row.nextStep === 'none' ? 'cases.none' : 'cases.noDeadline') };
    }
    const when =
      deadline.daysLeft < 0
        ? this.t('cases.overdue', { count: -deadline.daysLeft })
        : deadline.daysLeft === 0
          ? this.t('cases.today')
          : this.t('cases.daysLeft', { count: deadline.daysLeft });
    return {
      text: `${this.t(`deadlines.${deadline.kind}`)} — ${formatDate(deadline.date, this.language, this.t)} (${when})`,
      className: deadline.daysLeft < 0 ? 'overdue' : deadline.daysLeft <= 3 ? 'soon' : undefined,
    };
  }

  private renderCases(cases: CaseRow[]) {
    const body = $('cases-body');
    // A keyboard or screen-reader user on a case's button keeps their place when the list is drawn again.
    const focusedCase =
      document.activeElement instanceof HTMLElement ? document.activeElement.dataset.caseId : undefined;
    body.replaceChildren(
      ...cases.map((row) => {
        const open = el('button', {
          type: 'button',
          class: 'link',
          'data-case-id': row.id,
          'aria-label': this.t('cases.openFor', { name: row.employeeName }),
          text: row.employeeName,
        });
        open.addEventListener('click', () => void this.openCase(row.id));
        const deadline = this.deadlineText(row);
        const meeting = `${formatDate(row.meetingDate, this.language, this.t)} ${row.meetingTime}`;
        const late = row.proposal.daysLate > 0;
        return el(
          'tr',
          {},
          el(
            'th',
            { scope: 'row' },
            open,
            ...(row.jobTitle ? [el('div', { class: 'help', text: row.jobTitle })] : []),
          ),
          el(
            'td',
            {},
            el('span', { class: 'badge', text: this.t(`states.${row.state}`) }),
            ...(late
              ? [
                  el('span', {
                    class: 'badge overdue',
                    'data-late': String(row.proposal.daysLate),
                    text: this.t('late.badge', { count: row.proposal.daysLate }),
                  }),
                ]
              : []),
          ),
          el('td', { class: deadline.className, text: deadline.text }),
          el('td', { text: meeting }),
          el('td', { text: row.managerName ?? this.t('cases.noManager') }),
        );
      }),
    );
    $('cases-empty').hidden = cases.length > 0;
    $('cases-table').hidden = cases.length === 0;
    if (focusedCase)
      document.querySelector<HTMLButtonElement>(`button[data-case-id="${focusedCase}"]`)?.focus();
  }

  private async openCase(id: string) {
    this.status(this.t('status.loading'));
    try {
      const { case: detail, timeline } = await this.api.case(id);
      this.lastOpenedCase = id;
      this.renderCase(detail, timeline);
      $('cases-view').hidden = true;
      $('case-view').hidden = false;
      this.status('');
      $('case-heading').focus();
    } catch (error) {
      this.failed(error);
    }
  }

  private renderCase(detail: CaseDetail, timeline: Awaited<ReturnType<Api['case']>>['timeline']) {
    const t = this.t;
    const date = (iso: string | undefined) => (iso ? formatDate(iso, this.language, t) : undefined);
    $('case-heading').textContent = t('detail.heading', { name: detail.employeeName });
    const deadline = this.deadlineText(detail);
    const facts: Array<[string, string | undefined]> = [
      [t('cases.state'), t(`states.${detail.state}`)],
      [t('detail.nextStep'), t(`nextSteps.${detail.nextStep}`)],
      [t('cases.deadline'), deadline.text],
      [t('detail.requestDate'), date(detail.requestDate)],
      [t('detail.initiator'), t(`detail.initiators.${detail.initiator}`)],
      [t('detail.meetingDate'), `${date(detail.meetingDate)} ${detail.meetingTime}`],
      [t('detail.offer'), String(detail.offer)],
      [
        t('detail.meetingMode'),
        [t(`detail.modes.${detail.meeting.mode}`), detail.meeting.place].filter(Boolean).join(' — '),
      ],
      [t('cases.manager'), detail.managerName ?? t('detail.noManager')],
      [
        t('detail.openedBy'),
        t(`detail.openedByRoles.${detail.openedBy}`, { name: detail.openedByName || '—' }),
      ],
      [t('detail.spstNotice'), date(detail.spst.noticeDate) ?? t('detail.spstNotNotified')],
      [t('detail.spstAcknowledged'), date(detail.spst.acknowledgedOn) ?? '—'],
      [t('detail.referent'), t(detail.wishes.referent ? 'detail.yes' : 'detail.no')],
      [t('detail.withoutManager'), t(detail.wishes.withoutManager ? 'detail.yes' : 'detail.no')],
      [
        t('detail.wishedDates'),
        detail.wishes.dates.length > 0 ? detail.wishes.dates.map((day) => date(day)).join(', ') : undefined,
      ],
    ];
    $('case-facts').replaceChildren(
      ...facts.flatMap(([term, value]) => [el('dt', { text: term }), el('dd', { text: value ?? '—' })]),
    );
    $('case-timeline').replaceChildren(
      ...(timeline.length === 0
        ? [el('li', { text: t('detail.timelineEmpty') })]
        : timeline.map((entry) =>
            el(
              'li',
              {},
              el('span', { class: 'when', text: formatInstant(entry.at, this.language, t) }),
              el('strong', { text: t(`events.${entry.event}`) }),
              ` ${t('detail.by', { role: t(`roles.${entry.actorRole}`) })}${entry.via ? ` ${t(`vias.${entry.via}`)}` : ''} — `,
              t('detail.transition', {
                from: t(`states.${entry.fromState ?? 'none'}`),
                to: t(`states.${entry.toState}`),
              }),
            ),
          )),
    );
    const letters = detail.letters ?? [];
    $('case-letters').replaceChildren(
      letters.length === 0
        ? el('p', { class: 'help', text: t('detail.lettersNone') })
        : el(
            'ul',
            {},
            ...letters.map((letter) => {
              const button = el('button', {
                type: 'button',
                class: 'link',
                text: t(`letters.${letter.kind}`),
              });
              button.addEventListener('click', () => void this.downloadFile(letter.url));
              return el('li', {}, button);
            }),
          ),
    );
    this.renderCaseExtras(detail);
  }

  /** The case view's own sections: the late proposal (#12.10), HR's actions, the proof file. */
  private renderCaseExtras(detail: CaseDetail) {
    const t = this.t;
    let extras = document.getElementById('case-extras');
    if (!extras) {
      extras = el('div', { id: 'case-extras' });
      $('case-letters').after(extras);
    }
    const late = this.lateText(detail);
    const lateBox = late ? [el('p', { id: 'case-late', class: 'alert', role: 'alert', text: late })] : [];
    const actions = detail.actions ?? { cancel: false, held: false };
    const buttons: HTMLElement[] = [];
    if (actions.cancel) {
      const cancel = el('button', { type: 'button', id: 'case-cancel', text: t('detail.cancel') });
      cancel.addEventListener('click', () => {
        if (window.confirm(t('detail.cancelConfirm', { name: detail.employeeName }))) {
          void this.caseAction(detail.id, 'cancel');
        }
      });
      buttons.push(cancel);
    }
    if (actions.held) {
      const held = el('button', { type: 'button', id: 'case-held', text: t('detail.held') });
      held.addEventListener('click', () => void this.caseAction(detail.id, 'held'));
      buttons.push(held);
    }
    const proofButtons = (detail.proof ?? []).map((proof) => {
      const button = el('button', {
        type: 'button',
        class: 'link',
        'data-proof': proof.format,
        text: t(proof.format === 'pdf' ? 'detail.proofPdf' : 'detail.proofJson'),
      });
      button.addEventListener('click', () => void this.downloadFile(proof.url));
      return el('li', {}, button);
    });
    extras.replaceChildren(
      ...lateBox,
      el('h3', { id: 'case-actions-heading', text: t('detail.actions') }),
      el(
        'div',
        { id: 'case-actions', role: 'group', 'aria-labelledby': 'case-actions-heading' },
        ...(buttons.length > 0 ? buttons : [el('p', { class: 'help', text: t('detail.noAction') })]),
      ),
      el('p', { id: 'case-action-status', role: 'status', 'aria-live': 'polite' }),
      el('h3', { id: 'case-proof-heading', text: t('detail.proof') }),
      el('p', { class: 'help', text: t('detail.proofHelp') }),
      el('ul', { id: 'case-proof', 'aria-labelledby': 'case-proof-heading' }, ...proofButtons),
    );
  }

  /** Cancel or record held: the engine decides; a refusal is shown as the server explained it. */
  private async caseAction(id: string, action: 'cancel' | 'held') {
    this.status(this.t('status.saving'));
    try {
      const result = await this.api.caseAction(id, action);
      this.renderCase(result.case, result.timeline);
      const said =
        result.outcome === 'unchanged'
          ? this.t('detail.unchanged')
          : this.t(action === 'cancel' ? 'detail.cancelled' : 'detail.recordedHeld');
      $('case-action-status').textContent = said;
      this.status(said);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 409 || error.status === 404)) {
        this.alert(error.message);
        this.status('');
      } else {
        this.failed(error);
      }
    }
  }

  private backToList() {
    $('case-view').hidden = true;
    $('cases-view').hidden = false;
    const button = document.querySelector<HTMLButtonElement>(
      `button[data-case-id="${this.lastOpenedCase ?? ''}"]`,
    );
    (button ?? $('cases-heading')).focus();
  }

  private async downloadFile(path: string): Promise<boolean> {
    try {
      const { blob, fileName } = await this.api.download(path);
      const url = URL.createObjectURL(blob);
      const link = el('a', { href: url, download: fileName });
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return true;
    } catch (error) {
      this.failed(error);
      return false;
    }
  }

  private async exportCsv() {
    const query = new URLSearchParams(this.filter()).toString();
    if (await this.downloadFile(`/api/tab/cases.csv?${query}`)) this.status(this.t('status.exported'));
  }

  private field<T extends HTMLInputElement | HTMLTextAreaElement>(name: string) {
    return $<T>(`settings-${name}`);
  }

  private fillSettings(settings: Settings) {
    for (const name of TEXT_FIELDS) this.field(name).value = settings[name as keyof Settings] as string;
    this.field('headcount').value = settings.headcount === null ? '' : String(settings.headcount);
    (this.field('referentDesignated') as HTMLInputElement).checked = settings.referentDesignated;
    $('referent-mandatory').hidden = !settings.referentMandatory;
    for (const name of Object.keys(POLICY_CHOICES)) {
      const value = settings[name as keyof Settings];
      for (const radio of document.querySelectorAll<HTMLInputElement>(`input[type=radio][name="${name}"]`)) {
        radio.checked = radio.value === value;
      }
    }
  }

  /** The checked value of each policy group (a group with none checked is not sent: it stays as it is). */
  private policyValues(): Record<string, string> {
    const values: Record<string, string> = {};
    for (const name of Object.keys(POLICY_CHOICES)) {
      const checked = document.querySelector<HTMLInputElement>(`input[type=radio][name="${name}"]:checked`);
      if (checked) values[name] = checked.value;
    }
    return values;
  }

  private async loadSettings() {
    this.showProblems([], '');
    this.status(this.t('status.loading'));
    try {
      const [settings, hrUsers] = await Promise.all([this.api.settings(), this.api.hrUsers()]);
      this.fillSettings(settings);
      this.renderHrUsers(hrUsers);
      this.status('');
    } catch (error) {
      this.failed(error);
    }
  }

  private showProblems(problems: string[], message: string) {
    const box = $('settings-errors');
    for (const name of [...TEXT_FIELDS, 'headcount']) this.field(name).removeAttribute('aria-invalid');
    for (const name of Object.keys(POLICY_CHOICES)) $(`policy-${name}`).removeAttribute('aria-invalid');
    for (const problem of problems) {
      (this.field(problem) ?? $(`policy-${problem}`))?.setAttribute('aria-invalid', 'true');
    }
    box.hidden = problems.length === 0 && message === '';
    box.replaceChildren(
      el('p', { text: this.t('settings.invalidIntro') }),
      el('ul', {}, ...problems.map((problem) => el('li', { text: this.t(`settings.problems.${problem}`) }))),
    );
    if (problems.length === 0 && message) box.replaceChildren(el('p', { text: message }));
  }

  private async saveSettings() {
    const form = {
      ...Object.fromEntries(TEXT_FIELDS.map((name) => [name, this.field(name).value])),
      headcount: this.field('headcount').value.trim(),
      referentDesignated: (this.field('referentDesignated') as HTMLInputElement).checked,
      ...this.policyValues(),
    } as unknown as Omit<Settings, 'referentMandatory'>;
    this.status(this.t('status.saving'));
    try {
      this.fillSettings(await this.api.saveSettings(form));
      this.showProblems([], '');
      this.status(this.t('status.saved'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        this.showProblems(error.problems, error.message);
        this.status('');
        $('settings-errors').focus();
      } else {
        this.failed(error);
      }
    }
  }

  private hrUsersAlert(message: string | undefined) {
    const box = $('hr-users-alert');
    box.hidden = !message;
    box.textContent = message ?? '';
  }

  /** The company's HR list: one row per person, with a remove button named after them. */
  private renderHrUsers(list: HrUsers) {
    $('hr-users-admin').hidden = !list.youAreAdmin;
    $('hr-users-empty').hidden = list.users.length > 0;
    $('hr-users-table').hidden = list.users.length === 0;
    $('hr-users-body').replaceChildren(
      ...list.users.map((user) => {
        const name = user.name ?? (user.you ? this.myName : undefined);
        const who = name ?? user.aadObjectId;
        const remove = el('button', {
          type: 'button',
          'data-hr-user': user.aadObjectId,
          'aria-label': this.t('hrUsers.removeLabel', { name: who }),
          text: this.t('hrUsers.remove'),
        });
        remove.addEventListener('click', () => void this.removeHrUser(user.aadObjectId));
        const person = el(
          'th',
          { scope: 'row' },
          el('span', { text: name ?? this.t('hrUsers.unknownName') }),
          user.you ? ` ${this.t('hrUsers.you')}` : '',
          el('br'),
          el('code', { class: 'help', text: user.aadObjectId }),
        );
        return el(
          'tr',
          {},
          person,
          el('td', { text: formatInstant(user.addedAt, this.language, this.t) }),
          el('td', {}, remove),
        );
      }),
    );
  }

  private async addHrUser() {
    const input = $<HTMLInputElement>('hr-user-id');
    input.removeAttribute('aria-invalid');
    this.hrUsersAlert(undefined);
    this.status(this.t('status.saving'));
    try {
      const list = await this.api.addHrUser(input.value.trim());
      this.renderHrUsers(list);
      input.value = '';
      this.status(list.message ?? '');
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        input.setAttribute('aria-invalid', 'true');
        this.hrUsersAlert(error.message);
        this.status('');
        input.focus();
      } else {
        this.failed(error);
      }
    }
  }

  private async removeHrUser(aadObjectId: string) {
    this.hrUsersAlert(undefined);
    this.status(this.t('status.saving'));
    try {
      const list = await this.api.removeHrUser(aadObjectId);
      this.renderHrUsers(list);
      this.status(list.message ?? '');
      // The removed row's button is gone: the focus goes back to the list's heading.
      $('hr-users-heading').focus();
    } catch (error) {
      if (error instanceof ApiError && (error.status === 409 || error.status === 404)) {
        this.hrUsersAlert(error.message);
        this.status('');
        $('hr-users-alert').focus();
      } else {
        this.failed(error);
      }
    }
  }
}

async function main() {
  const host = await detectHost();
  const language = languageOf(host.locale);
  const page = new TabPage(translator(language), language);
  page.applyTheme(host.theme);
  page.translateStatic();
  if (isConfigFrame(location.search, host.kind === 'teams' ? host.frameContext : undefined)) {
    page.showConfig(host.kind === 'teams');
    if (host.kind === 'teams') notifyTeamsReady();
    return;
  }
  if (host.kind === 'teams') {
    host.onThemeChange((theme) => page.applyTheme(theme));
    notifyTeamsReady();
    // A failed SSO (consent, misconfigured app registration) is told as such, not as a network error.
    await page.start(() =>
      teamsToken().catch(() => {
        throw new ApiError(0, 'sso');
      }),
    );
    return;
  }
  // A token kept from an earlier visit is tried first (the server's local key changes when it restarts); a
  // refused one, or a person who is not HR, brings the picker back.
  let token = sessionStorage.getItem(DEV_TOKEN_KEY);
  for (;;) {
    if (token) {
      const outcome = await page.start(async () => token as string);
      if (outcome === 'started') return;
      sessionStorage.removeItem(DEV_TOKEN_KEY);
      if (outcome === 'unauthenticated') page.alert(undefined);
    }
    token = await page.localSignIn();
  }
}

void main();
