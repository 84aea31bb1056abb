// The promise scoreboard: NPS, CSI and each promise's kept-rate by week, a comparison by touchpoint
// or journey phase, and a table of how each promise was kept, for a period of the last weeks.
import { h, clear, field, formatNumber } from '../dom.js';
import { t, lang } from '../i18n.js';
import { api, query } from '../api.js';
import { errorBox } from '../ui.js';
import { COLOURS, drawChart } from '../charts.js';
import { promiseCatalogue, promiseLabel } from '../words.js';

const PERIODS = [4, 12, 'range'];
const BREAKDOWNS = ['touchpoint', 'phase'];
const DAY = 24 * 3600 * 1000;

let settings = { weeks: 4, by: 'touchpoint', from: '', to: '' };
let removeCharts = [];

/** The ISO weeks from the one holding from to the one holding to (dates as yyyy-mm-dd), as lastWeeks gives them. */
function weeksBetween(from, to) {
  const start = new Date(`${from}T00:00`);
  const end = new Date(`${to}T00:00`);
  const n = Math.max(1, Math.min(104, Math.floor((mondayOf(end) - mondayOf(start)) / (7 * DAY) + 0.5) + 1));
  return lastWeeks(n, end);
}

function mondayOf(date) {
  const monday = new Date(date);
  monday.setHours(0, 0, 0, 0);
  monday.setDate(monday.getDate() - ((monday.getDay() + 6) % 7));
  return monday;
}

/** The last n ISO weeks up to this one, Monday to Monday in the browser's time zone, keyed as the API keys them. */
function lastWeeks(n, now = new Date()) {
  const monday = mondayOf(now);
  return Array.from({ length: n }, (_, i) => {
    const start = new Date(monday);
    start.setDate(start.getDate() - (n - 1 - i) * 7);
    const end = new Date(start);
    end.setDate(end.getDate() + 7);
    // The ISO week is the one holding this week's Thursday.
    const thursday = new Date(Date.UTC(start.getFullYear(), start.getMonth(), start.getDate() + 3));
    const year = thursday.getUTCFullYear();
    const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / DAY / 7) + 1;
    return { start, end, week, key: `${year}-W${String(week).padStart(2, '0')}` };
  });
}

const percent = (value) => (value === null || value === undefined ? '—' : t('unit.percent', { n: formatNumber(value, lang()) }));
/** A score with how many answers it stands on: NPS −100 of one answer says little, and the page says so. */
const counted = (text, n) => h('span', {}, text, ' ', h('span', { class: 'muted answers' }, t('score.answersN', { n: formatNumber(n ?? 0, lang()) })));
const signed = (value) => formatNumber(value, lang(), { signDisplay: 'exceptZero' });

// What a number counts, for the link that opens it: the survey and scores of the answers it counts.
const NPS = { survey: 'nps' };
const PROMOTERS = { survey: 'nps', scoreMin: 9 };
const PASSIVES = { survey: 'nps', scoreMin: 7, scoreMax: 8 };
const DETRACTORS = { survey: 'nps', scoreMax: 6 };
const CSAT = { survey: 'csat' };
const SATISFIED = { survey: 'csat', scoreMin: 4 };
const ANSWERS = { survey: 'any' };

/** The decisions of the answers a number counts: received in the range, of these surveys and scores. */
function decisionsHref(range, filters) {
  return `#/decisions${query({ receivedFrom: range.from, receivedTo: range.to, ...filters })}`;
}

/** The cases a number counts: received in the range, of the promise, kept or broken as it says. */
function casesHref(range, filters) {
  return `#/cases${query({ tab: 'all', receivedFrom: range.from, receivedTo: range.to, ...filters })}`;
}

/** A number (or any content) that opens what is behind it; nothing to open when it counts nothing. */
function opens(content, href, n, className, title) {
  if (!n) return content;
  return h('a', { href, class: className, title }, content);
}

/** A message whose numbers are links: the template's {name}s are filled with the nodes given; counts choose singular or plural. */
function withNumbers(key, nodes, counts = {}) {
  return h('span', {}, t(key, {}, counts).split(/\{(\w+)\}/).map((part, i) => (i % 2 === 1 ? (nodes[part] ?? `{${part}}`) : part)));
}

export function scoreboardPage() {
  const content = h('div', { id: 'scoreboard', 'aria-live': 'polite' });
  const choice = (name, value, checked, label) => h('label', { class: 'choice' },
    h('input', {
      type: 'radio', name, value: String(value), checked,
      onchange: () => {
        settings = { ...settings, [name]: name === 'weeks' && value !== 'range' ? Number(value) : value };
        rangeFields.hidden = settings.weeks !== 'range';
        if (settings.weeks !== 'range' || (settings.from && settings.to)) load();
      },
    }), ' ', label);
  // Any range of days: the weeks it touches, the totals for exactly those days.
  const fromDay = h('input', { type: 'date', name: 'from', id: 'score-from', value: settings.from });
  const toDay = h('input', { type: 'date', name: 'to', id: 'score-to', value: settings.to });
  const rangeFields = h('form', {
    class: 'row range-fields',
    onsubmit: (event) => {
      event.preventDefault();
      if (!fromDay.value || !toDay.value || fromDay.value > toDay.value) return;
      settings = { ...settings, from: fromDay.value, to: toDay.value };
      load();
    },
  }, field(t('score.firstDay'), fromDay), field(t('score.lastDay'), toDay),
  h('div', { class: 'buttons' }, h('button', { type: 'submit', id: 'score-range' }, t('score.showRange'))));
  rangeFields.hidden = settings.weeks !== 'range';
  const controls = h('div', { class: 'card controls row' },
    h('fieldset', { class: 'segmented' }, h('legend', {}, t('score.period')),
      PERIODS.map((n) => choice('weeks', n, settings.weeks === n, n === 'range' ? t('score.range') : t('score.weeks', { n }))), rangeFields),
    h('fieldset', { class: 'segmented' }, h('legend', {}, t('score.breakdown')),
      BREAKDOWNS.map((by) => choice('by', by, settings.by === by, t(`score.by.${by}`)))));

  async function load() {
    removeCharts.forEach((remove) => remove());
    removeCharts = [];
    clear(content, h('p', { class: 'loading', role: 'status' }, t('common.loading')));
    const custom = settings.weeks === 'range';
    const weeks = custom ? weeksBetween(settings.from, settings.to) : lastWeeks(settings.weeks);
    const range = custom
      ? { from: new Date(`${settings.from}T00:00`).toISOString(), to: new Date(new Date(`${settings.to}T00:00`).getTime() + DAY).toISOString() }
      : { from: weeks[0].start.toISOString(), to: weeks[weeks.length - 1].end.toISOString() };
    try {
      const [weekly, breakdown, catalogue, ...perWeek] = await Promise.all([
        api.get(`/api/metrics${query({ ...range, by: 'week' })}`),
        api.get(`/api/metrics${query({ ...range, by: settings.by })}`),
        promiseCatalogue(),
        // Kept-rates come for a whole range: one call a week gives them week by week.
        ...weeks.map((w) => api.get(`/api/metrics${query({ from: w.start.toISOString(), to: w.end.toISOString() })}`, { quiet: true })),
      ]);
      clear(content, board(weeks, weekly, breakdown, perWeek, catalogue, range));
    } catch (error) {
      clear(content, errorBox(error));
    }
  }

  setTimeout(load, 0);
  return h('section', { class: 'scoreboard' }, h('h1', {}, t('score.title')), h('p', { class: 'lead' }, t('score.lead')), controls, content);
}

function board(weeks, weekly, breakdown, perWeek, catalogue, range) {
  const total = weekly.total;
  if (total.responses === 0 && weekly.promises.length === 0) {
    return h('div', { class: 'card empty-state', id: 'score-empty' },
      h('h2', {}, t('score.empty')), h('p', {}, t('score.emptyHelp')));
  }
  const byWeek = new Map((weekly.groups ?? []).map((g) => [g.week, g]));
  const labels = weeks.map((w) => t('score.weekShort', { n: w.week }));
  const promiseIds = [...new Set(perWeek.flatMap((m) => m.promises.map((p) => p.promise)))].sort();
  const keptIn = (m, id) => m.promises.find((p) => p.promise === id)?.keptRate ?? null;
  const line = (label, data, colour) => ({ label, data, borderColor: colour, backgroundColor: colour, spanGaps: true, tension: 0.2 });
  const week = (i) => ({ from: weeks[i].start.toISOString(), to: weeks[i].end.toISOString() });
  // A point opens what it counts, as the tables' numbers do; a point of nothing opens nothing.
  const weekAnswers = (filters, count) => (d, i) => (byWeek.get(weeks[i].key)?.[count] ? decisionsHref(week(i), filters) : null);
  const closedIn = (m, id) => m.promises.find((p) => p.promise === id);
  const groups = breakdown.groups ?? [];

  return h('div', {},
    tiles(total, weekly.promises, range),
    h('div', { class: 'columns' },
      chartCard('score.npsByWeek', {
        type: 'line', labels, y: { min: -100, max: 100, beginAtZero: false },
        datasets: [line('NPS', weeks.map((w) => byWeek.get(w.key)?.nps ?? null), COLOURS[0])],
        opens: weekAnswers(NPS, 'npsAnswers'),
      }),
      chartCard('score.csiByWeek', {
        type: 'line', labels, y: { min: 0, max: 100 },
        datasets: [line('CSI %', weeks.map((w) => byWeek.get(w.key)?.csi ?? null), COLOURS[2])],
        opens: weekAnswers(CSAT, 'csatAnswers'),
      })),
    h('div', { class: 'columns' },
      chartCard('score.keptByWeek', {
        type: 'line', labels, y: { min: 0, max: 100 },
        datasets: promiseIds.map((id, i) => line(catalogue.get(id)?.text ?? id, perWeek.map((m) => keptIn(m, id)),
          COLOURS[(i + 3) % COLOURS.length])),
        opens: (d, i) => {
          const closed = closedIn(perWeek[i], promiseIds[d]);
          return (closed?.kept ?? 0) + (closed?.broken ?? 0)
            ? casesHref(week(i), { promise: promiseIds[d], promised: ['kept', 'broken'] }) : null;
        },
      }),
      chartCard(`score.breakdownTitle.${settings.by}`, {
        type: 'bar', labels: (breakdown.groups ?? []).map((g) => `${t(`${settings.by}.${g[settings.by]}`)} ${t('score.answersN', { n: g.responses })}`),
        y: { min: -100, max: 100, beginAtZero: true },
        datasets: [
          { label: 'NPS', data: (breakdown.groups ?? []).map((g) => g.nps), backgroundColor: COLOURS[0] },
          { label: 'CSI %', data: (breakdown.groups ?? []).map((g) => g.csi), backgroundColor: COLOURS[2] },
        ],
        opens: (d, i) => {
          const g = groups[i];
          const [filters, count] = d === 0 ? [NPS, g.npsAnswers] : [CSAT, g.csatAnswers];
          return count ? decisionsHref(range, { ...filters, [settings.by]: g[settings.by] }) : null;
        },
      })),
    weekTable(weeks, labels, byWeek, perWeek, promiseIds, keptIn, catalogue),
    breakdownTable(breakdown, range),
    promiseTable(weekly.promises, catalogue, range));
}

function tiles(total, promises, range) {
  const kept = promises.reduce((sum, p) => sum + p.kept, 0);
  const broken = promises.reduce((sum, p) => sum + p.broken, 0);
  const tile = (id, title, figure, help) => h('div', { class: 'tile', id },
    h('h2', {}, title), h('p', { class: 'figure' }, figure), h('p', { class: 'muted' }, help));
  const answers = (n, filters) => opens(formatNumber(n, lang()), decisionsHref(range, filters), n, 'decisions-link', t('score.openDecisions'));
  const cases = (n, promised) => opens(formatNumber(n, lang()), casesHref(range, { promised }), n, 'cases-link', t('score.openCases'));
  return h('div', { class: 'tiles' },
    tile('score-nps', t('score.nps'), opens(total.nps === null ? '—' : signed(total.nps), decisionsHref(range, NPS), total.npsAnswers, 'decisions-link', t('score.openDecisions')),
      total.npsAnswers
        ? withNumbers('score.npsHelp', { promoters: answers(total.promoters, PROMOTERS), passives: answers(total.passives, PASSIVES),
          detractors: answers(total.detractors, DETRACTORS), n: answers(total.npsAnswers, NPS) }, { n: total.npsAnswers })
        : t('score.noNps')),
    tile('score-csi', t('score.csi'), opens(percent(total.csi), decisionsHref(range, CSAT), total.csatAnswers, 'decisions-link', t('score.openDecisions')),
      total.csatAnswers ? withNumbers('score.csiHelp', { satisfied: answers(total.satisfied, SATISFIED), n: answers(total.csatAnswers, CSAT) }) : t('score.noCsi')),
    tile('score-responses', t('score.responses'), total.responses
      ? h('a', { href: decisionsHref(range, ANSWERS), id: 'score-responses-link', title: t('score.openDecisions') }, formatNumber(total.responses, lang()))
      : formatNumber(total.responses, lang()), t('score.responsesHelp')),
    tile('score-kept', t('score.kept'),
      opens(kept + broken ? percent(Math.round((1000 * kept) / (kept + broken)) / 10) : '—', casesHref(range, { promised: ['kept', 'broken'] }), kept + broken, 'cases-link', t('score.openCases')),
      kept + broken ? withNumbers('score.keptHelp', { kept: cases(kept, 'kept'), broken: cases(broken, 'broken') }) : t('score.noKept')));
}

function chartCard(titleKey, config) {
  const canvas = h('canvas', { role: 'img', 'aria-label': t(titleKey) });
  removeCharts.push(drawChart(canvas, config));
  return h('div', { class: 'card', id: titleKey.replace(/\./g, '-') }, h('h2', {}, t(titleKey)), h('div', { class: 'chart' }, canvas),
    h('p', { class: 'hint' }, t('score.chartOpens')));
}

function table(id, caption, headings, rows) {
  return h('table', { class: 'list numbers', id },
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, headings.map((text) => h('th', { scope: 'col' }, text)))),
    h('tbody', {}, rows.map(([head, ...cells]) => h('tr', {}, h('th', { scope: 'row' }, head), cells.map((c) => h('td', {}, c))))));
}

function weekTable(weeks, labels, byWeek, perWeek, promiseIds, keptIn, catalogue) {
  return h('details', { class: 'card' }, h('summary', {}, t('score.weekTable')),
    table('score-weeks', null,
      [t('score.col.week'), t('score.col.answers'), 'NPS', 'CSI', ...promiseIds.map((id) => t('score.keptOf', { promise: catalogue.get(id)?.text ?? id }))],
      weeks.map((w, i) => {
        const g = byWeek.get(w.key);
        const week = { from: w.start.toISOString(), to: w.end.toISOString() };
        const closed = (id) => perWeek[i].promises.find((p) => p.promise === id);
        return [labels[i], opens(formatNumber(g?.responses ?? 0, lang()), decisionsHref(week, ANSWERS), g?.responses, 'decisions-link', t('score.openDecisions')),
          opens(counted(g?.nps == null ? '—' : signed(g.nps), g?.npsAnswers), decisionsHref(week, NPS), g?.npsAnswers, 'decisions-link', t('score.openDecisions')),
          opens(counted(percent(g?.csi), g?.csatAnswers), decisionsHref(week, CSAT), g?.csatAnswers, 'decisions-link', t('score.openDecisions')),
          ...promiseIds.map((id) => opens(percent(keptIn(perWeek[i], id)), casesHref(week, { promise: id, promised: ['kept', 'broken'] }),
            (closed(id)?.kept ?? 0) + (closed(id)?.broken ?? 0), 'cases-link', t('score.openCases')))];
      })));
}

function breakdownTable(breakdown, range) {
  const by = settings.by;
  const link = (content, n, filters) => opens(content, decisionsHref(range, filters), n, 'decisions-link', t('score.openDecisions'));
  return table('score-breakdown', t(`score.breakdownTitle.${by}`),
    [t(by === 'touchpoint' ? 'fb.touchpoint' : 'fb.phase'), t('score.col.answers'), 'NPS', 'CSI'],
    (breakdown.groups ?? []).map((g) => {
      const group = { [by]: g[by] };
      return [t(`${by}.${g[by]}`), link(formatNumber(g.responses, lang()), g.responses, { ...ANSWERS, ...group }),
        link(counted(g.nps === null ? '—' : signed(g.nps), g.npsAnswers), g.npsAnswers, { ...NPS, ...group }),
        link(counted(percent(g.csi), g.csatAnswers), g.csatAnswers, { ...CSAT, ...group })];
    }));
}

/** A count that opens the cases behind it: the promise's cases received in the period, as the count says. */
function casesLink(n, range, filters, what) {
  return opens(formatNumber(n, lang()), casesHref(range, filters), n, `cases-link ${what}`, t('score.openCases'));
}

function promiseTable(promises, catalogue, range) {
  const card = h('div', { class: 'card' }, h('h2', {}, t('score.promises')), h('p', { class: 'lead' }, t('score.promisesLead')));
  if (promises.length === 0) {
    card.append(h('p', { class: 'muted' }, t('score.noPromises')));
    return card;
  }
  card.append(table('score-promises', null,
    ['promise', 'opened', 'kept', 'broken', 'stillOpen', 'keptRate', 'median', 'recovered'].map((k) => t(`score.col.${k}`)),
    promises.map((p) => {
      const promise = { promise: p.promise };
      return [promiseLabel(p.promise, catalogue), casesLink(p.opened, range, promise, 'opened'),
        casesLink(p.kept, range, { ...promise, promised: 'kept' }, 'kept'),
        casesLink(p.broken, range, { ...promise, promised: 'broken' }, 'broken'),
        casesLink(p.stillOpen, range, { ...promise, promised: 'on-time' }, 'stillOpen'),
        opens(percent(p.keptRate), casesHref(range, { ...promise, promised: ['kept', 'broken'] }), p.kept + p.broken, 'cases-link keptRate', t('score.openCases')),
        opens(p.medianHoursToResolve === null ? '—' : t('unit.hours', { n: formatNumber(p.medianHoursToResolve, lang()) }),
          casesHref(range, { ...promise, tab: 'resolved' }), p.medianHoursToResolve === null ? 0 : 1, 'cases-link median', t('score.openCases')),
        casesLink(p.recoveredCustomers, range, { ...promise, recovered: 'true' }, 'recovered')];
    })));
  return card;
}
