// For admins: importing a survey tool's CSV export. The first rows are shown as feedback under the
// chosen mapping before anything is sent; then the import's progress, and its report.
import { h, clear, field, select } from '../dom.js';
import { t } from '../i18n.js';
import { api, query } from '../api.js';
import { busy, errorBox } from '../ui.js';
import { reasonText } from '../reasons.js';

const FIELDS = ['customerId', 'receivedAt', 'touchpoint', 'phase', 'survey', 'score', 'comment', 'complaint', 'loyaltyTier', 'orderId', 'id'];
const PREVIEW_ROWS = 5;

/** The first lines of a CSV text as rows of cells; quotes as CSV has them, enough for a preview. */
export function csvRows(text, delimiter, max) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length && rows.length < max; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === delimiter) {
      row.push(cell); cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else {
      cell += c;
    }
  }
  if (rows.length < max && (cell || row.length)) { row.push(cell); rows.push(row); }
  return rows;
}

export function importsPage() {
  const file = h('input', { type: 'file', name: 'csv', id: 'csv-file', accept: '.csv,text/csv' });
  const delimiter = select([[',', t('import.comma')], [';', t('import.semicolon')], ['\t', t('import.tab')]], ',', { name: 'delimiter', id: 'csv-delimiter' });
  const mappingBox = h('div', { id: 'csv-mapping' });
  const preview = h('div', { id: 'csv-preview', 'aria-live': 'polite' });
  const progress = h('div', { id: 'csv-progress', role: 'status', 'aria-live': 'polite' });
  const report = h('div', { id: 'csv-report' });
  const start = h('button', { type: 'submit', id: 'csv-import', disabled: true }, t('import.start'));
  let header = [];
  let sample = [];
  const choices = {};

  async function readHead() {
    clear(report);
    clear(progress);
    const chosen = file.files[0];
    if (!chosen) return;
    const rows = csvRows(await chosen.slice(0, 64 * 1024).text(), delimiter.value, PREVIEW_ROWS + 1);
    header = rows[0] ?? [];
    sample = rows.slice(1);
    clear(mappingBox, h('fieldset', {}, h('legend', {}, t('import.mapping')), h('div', { class: 'mapping-grid' },
      FIELDS.map((name) => {
        const same = header.find((column) => column.trim().toLowerCase() === name.toLowerCase()) ?? '';
        const column = select([['', t('import.noColumn')], ...header.map((c) => [c, c])], choices[name]?.column ?? same,
          { name: `column-${name}`, id: `column-${name}`, onchange: renderPreview });
        const fallback = h('input', { type: 'text', name: `default-${name}`, id: `default-${name}`, value: choices[name]?.fallback ?? '', oninput: renderPreview });
        choices[name] = { columnEl: column, fallbackEl: fallback };
        return h('div', { class: 'mapping-row' }, field(t(`import.field.${name}`), column), field(t('import.default'), fallback));
      }))));
    renderPreview();
    start.disabled = false;
  }

  const mapped = (name, row) => {
    const { columnEl, fallbackEl } = choices[name];
    const at = columnEl.value ? header.indexOf(columnEl.value) : -1;
    const value = at >= 0 ? (row[at] ?? '').trim() : '';
    return value || fallbackEl.value.trim();
  };

  function renderPreview() {
    const used = FIELDS.filter((name) => choices[name] && (choices[name].columnEl.value || choices[name].fallbackEl.value.trim()));
    clear(preview, h('h3', { id: 'csv-preview-title' }, t('import.preview', { n: sample.length })),
      h('table', { class: 'list', id: 'csv-preview-table', 'aria-labelledby': 'csv-preview-title' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('import.line')), used.map((name) => h('th', { scope: 'col' }, t(`import.field.${name}`))))),
      h('tbody', {}, sample.map((row, i) => h('tr', {}, h('th', { scope: 'row' }, String(i + 2)), used.map((name) => h('td', {}, mapped(name, row))))))));
  }

  const pairs = (pick) => FIELDS.map((name) => [name, pick(choices[name])]).filter(([, v]) => v).map(([k, v]) => `${k}:${v}`).join(',');

  const form = h('form', {
    class: 'card',
    onsubmit: async (event) => {
      event.preventDefault();
      const chosen = file.files[0];
      if (!chosen) return;
      const params = {
        mapping: pairs((c) => c.columnEl.value), defaults: pairs((c) => c.fallbackEl.value.trim()),
        delimiter: delimiter.value === ',' ? '' : delimiter.value,
      };
      clear(report);
      clear(progress, h('p', {}, t('import.sending')));
      try {
        const done = await busy(start, t('import.importing'), () => api.stream(`/api/imports/csv${query(params)}`, chosen,
          (line) => { if (line.file === undefined) clear(progress, h('p', {}, t('import.progress', line))); },
          { contentType: 'text/csv' }));
        clear(progress, h('p', { class: done.failed ? 'warn-text' : 'ok-text' }, t('import.done', done)));
        clear(report, reportOf(done));
      } catch (error) {
        clear(progress, errorBox(error));
      }
    },
  }, h('h2', {}, t('import.file')), h('div', { class: 'row' }, field(t('import.choose'), file), field(t('import.delimiter'), delimiter)),
  mappingBox, preview, h('div', { class: 'buttons' }, start), progress, report);
  file.addEventListener('change', readHead);
  delimiter.addEventListener('change', readHead);
  return h('section', {}, h('h1', {}, t('import.title')), h('p', { class: 'lead' }, t('import.lead')), form);
}

function reportOf(done) {
  if (!done.errors?.length) return null;
  return h('div', {}, h('table', { class: 'list', id: 'csv-errors' }, h('caption', {}, t('import.errors')),
    h('thead', {}, h('tr', {}, ['import.line', 'import.column', 'import.reason'].map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, done.errors.map((e) => h('tr', {}, h('td', {}, String(e.line)), h('td', {}, e.column ?? ''), h('td', {}, reasonText(e.reason)))))),
  done.errorsOmitted ? h('p', { class: 'muted' }, t('import.omitted', { n: done.errorsOmitted })) : null);
}
