// The guided mode: a promise stated in a form, the rule the server writes for it shown beside.
import { h, clear, field, select, shortVersion } from '../dom.js';
import { t, lang } from '../i18n.js';
import { api } from '../api.js';
import { busy, errorBox, notify } from '../ui.js';
import { createEditor } from '../editor.js';
import { TOUCHPOINTS, PHASES, TIERS, promiseCatalogue, promiseLabel } from '../words.js';

const KINDS = ['complaint', 'detractor', 'promoter', 'low-csat', 'any'];
const ACTIONS = ['OPEN_CASE', 'THANK', 'RECOVERY'];

const FIELD_LABELS = {
  title: 'promise.titleLabel', promise: 'promise.idLabel', 'when.commentMentions': 'promise.mentions',
  'then.action': 'promise.action', 'then.owner': 'promise.owner', 'then.priority': 'promise.priority', 'then.withinHours': 'promise.hours',
};

let promises = null;
async function catalogue() {
  promises ??= await promiseCatalogue();
  return promises;
}

/** Feedback the promise is about, as the form states it: the first example an overlap check decides. */
function exampleOf(b) {
  const score = { complaint: ['CSAT', 2], detractor: ['NPS', 3], promoter: ['NPS', 10], 'low-csat': ['CSAT', 1], any: ['CSAT', 3] }[b.when.kind];
  return {
    customerId: 'overlap-example', touchpoint: (b.when.touchpoint ?? 'web').toLowerCase(), phase: (b.when.phase ?? 'after').toLowerCase(),
    survey: score[0], score: score[1], complaint: b.when.kind === 'complaint',
    comment: b.when.commentMentions ? `… ${b.when.commentMentions} …` : 'example', loyaltyTier: (b.when.loyaltyTier ?? 'silver').toLowerCase(),
  };
}

function overlapWarning(promise, overlaps, known) {
  const others = [...new Set(overlaps.flatMap((o) => o.promises).filter((p) => p !== promise))];
  return h('div', { class: 'warn-box', role: 'status' },
    h('p', {}, h('strong', {}, t('promise.overlap', { n: overlaps.length }))),
    h('ul', {}, others.map((p) => h('li', {}, promiseLabel(p, known)))),
    h('details', {}, h('summary', {}, t('promise.overlapFeedback')),
      h('ul', {}, overlaps.slice(0, 10).map((o) => h('li', {}, describeFeedback(o.feedback), ': ', o.promises.join(', '))))),
    h('p', { class: 'muted' }, t('promise.overlapHelp')));
}

function describeFeedback(f) {
  return [`${f.survey} ${f.score}`, f.complaint ? t('fb.complaintFact') : null, f.touchpoint ? t(`touchpoint.${f.touchpoint}`) : null,
    f.comment ? `“${f.comment}”` : null].filter(Boolean).join(' · ');
}

function slug(text) {
  return text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-').substring(0, 60).replace(/^-+|-+$/g, '');
}

export async function promisePage(version, state, promiseId = null) {
  const section = h('section', { class: 'promise-page' },
    h('p', {}, h('a', { href: `#/rules/${version}` }, '← ', t('promise.back', { version: shortVersion(version) }))),
    h('h1', {}, promiseId ? t('promise.editTitle', { promise: promiseId }) : t('promise.title')),
    h('p', { class: 'lead' }, promiseId ? t('promise.editLead') : t('promise.lead')));
  // A promise opened again: its form as the server reads it back from its rule.
  let opened = null;
  if (promiseId) {
    try {
      opened = await api.get(`/api/rulesets/${encodeURIComponent(version)}/form/${encodeURIComponent(promiseId)}`);
    } catch (error) {
      section.append(error.status === 422 ? h('div', { class: 'error-box', role: 'alert', id: 'promise-not-form' },
        h('p', {}, h('strong', {}, t('promise.byHand'))), h('p', {}, h('a', { href: `#/rules/${version}` }, t('promise.editAsDrl'))))
        : errorBox(error));
      return section;
    }
  }
  const originalName = opened ? `fi/lupaus/rules/custom/${opened.promise}.drl` : null;

  const c = {
    title: h('input', { type: 'text', name: 'title', id: 'promise-title', maxlength: 200, required: true }),
    promise: h('input', { type: 'text', name: 'promise', id: 'promise-id', maxlength: 80, required: true, pattern: '[a-z0-9]+(-[a-z0-9]+)*' }),
    kind: select(KINDS.map((k) => [k, t(`kind.${k}`)]), 'complaint', { name: 'kind', id: 'promise-kind' }),
    touchpoint: select([['', t('common.anyTouchpoint')], ...TOUCHPOINTS.map((v) => [v.toUpperCase(), t(`touchpoint.${v}`)])], '', { name: 'touchpoint', id: 'promise-touchpoint' }),
    phase: select([['', t('common.anyPhase')], ...PHASES.map((v) => [v.toUpperCase(), t(`phase.${v}`)])], '', { name: 'phase', id: 'promise-phase' }),
    loyaltyTier: select([['', t('common.anyTier')], ...TIERS.map((v) => [v.toUpperCase(), t(`tier.${v}`)])], '', { name: 'loyaltyTier', id: 'promise-tier' }),
    commentMentions: h('input', { type: 'text', name: 'commentMentions', id: 'promise-mentions', maxlength: 60 }),
    action: select(ACTIONS.map((a) => [a, t(`promise.do.${a}`)]), 'OPEN_CASE', { name: 'action', id: 'promise-action' }),
    owner: h('input', { type: 'text', name: 'owner', id: 'promise-owner', value: 'service-team' }),
    priority: select([['NORMAL', t('priority.normal')], ['HIGH', t('priority.high')]], 'NORMAL', { name: 'priority', id: 'promise-priority' }),
    withinHours: h('input', { type: 'number', name: 'withinHours', id: 'promise-hours', value: '24', min: 1, max: 2160 }),
  };
  if (opened) {
    const values = {
      title: opened.title, promise: opened.promise, kind: opened.when.kind, touchpoint: opened.when.touchpoint ?? '',
      phase: opened.when.phase ?? '', loyaltyTier: opened.when.loyaltyTier ?? '', commentMentions: opened.when.commentMentions ?? '',
      action: opened.then.action, owner: opened.then.owner ?? 'service-team', priority: opened.then.priority ?? 'NORMAL',
      withinHours: String(opened.then.withinHours ?? 24),
    };
    for (const [key, value] of Object.entries(values)) c[key].value = value;
  }
  let idEdited = !!opened;
  c.promise.addEventListener('input', () => { idEdited = true; });
  c.title.addEventListener('input', () => { if (!idEdited) c.promise.value = slug(c.title.value); });

  const caseFields = h('fieldset', { class: 'case-fields' }, h('legend', {}, t('promise.caseDetails')),
    h('div', { class: 'row' }, field(t('promise.owner'), c.owner, t('promise.ownerHint')), field(t('promise.priority'), c.priority),
      field(t('promise.hours'), c.withinHours)));
  c.action.addEventListener('change', () => { caseFields.hidden = c.action.value !== 'OPEN_CASE'; });
  caseFields.hidden = c.action.value !== 'OPEN_CASE';

  const sentence = h('p', { class: 'policy-sentence', id: 'promise-sentence' });
  const drlHost = h('div', { class: 'editor readonly', id: 'promise-drl' });
  const composeOut = h('div', { 'aria-live': 'polite', id: 'promise-errors' });
  const saveOut = h('div', { 'aria-live': 'polite' });
  let composed = null;
  let drlView = null;

  const body = () => ({
    lang: lang(),
    promise: c.promise.value.trim(),
    title: c.title.value.trim(),
    when: {
      kind: c.kind.value,
      touchpoint: c.touchpoint.value || null,
      phase: c.phase.value || null,
      loyaltyTier: c.loyaltyTier.value || null,
      commentMentions: c.commentMentions.value.trim() || null,
    },
    then: c.action.value === 'OPEN_CASE'
      ? { action: c.action.value, owner: c.owner.value.trim(), priority: c.priority.value, withinHours: Number(c.withinHours.value) }
      : { action: c.action.value },
  });

  function describe(b) {
    const parts = [t(`sentence.kind.${b.when.kind}`)];
    if (b.when.touchpoint) parts.push(t('sentence.at', { touchpoint: t(`touchpoint.${b.when.touchpoint.toLowerCase()}`) }));
    if (b.when.phase) parts.push(t('sentence.phase', { phase: t(`phase.${b.when.phase.toLowerCase()}`) }));
    if (b.when.loyaltyTier) parts.push(t('sentence.tier', { tier: t(`tier.${b.when.loyaltyTier.toLowerCase()}`) }));
    if (b.when.commentMentions) parts.push(t('sentence.mentions', { word: b.when.commentMentions }));
    const then = b.then.action === 'OPEN_CASE'
      ? t('sentence.case', { owner: b.then.owner || '…', hours: b.then.withinHours || '…', priority: t(`priority.${b.then.priority.toLowerCase()}`) })
      : t(`sentence.${b.then.action}`);
    return `${parts.join(' ')}, ${then}.`;
  }

  let timer = null;
  let generation = 0;
  function schedule() {
    clearTimeout(timer);
    const b = body();
    sentence.textContent = describe(b);
    timer = setTimeout(() => compose(b), 400);
  }
  async function compose(b) {
    const mine = ++generation;
    if (!b.title || !b.promise) {
      composed = null;
      clear(composeOut, h('p', { class: 'muted' }, t('promise.fillTitle')));
      return;
    }
    try {
      const result = await api.post('/api/rulesets/compose', b, { quiet: true });
      if (mine !== generation) return;
      composed = result.source;
      clear(composeOut);
      drlView?.destroy();
      drlView = createEditor(drlHost, { doc: composed.drl, readOnly: true, label: t('promise.drl') });
      checkOverlaps(b, composed, mine);
    } catch (error) {
      if (mine !== generation) return;
      composed = null;
      // The form's own mistakes (422) are not compile errors: say so, naming the fields by their labels.
      clear(composeOut, error.status === 422 ? errorBox(error, {
        advice: t('promise.formInvalid'), label: (name) => (FIELD_LABELS[name] ? t(FIELD_LABELS[name]) : null),
      }) : errorBox(error));
    }
  }

  // Before saving: which feedback would get a case of this promise and of another one too.
  const overlapOut = h('div', { 'aria-live': 'polite', id: 'promise-overlaps' });
  let baseSources = null;
  async function checkOverlaps(b, source, mine) {
    try {
      baseSources ??= (await api.get(`/api/rulesets/${encodeURIComponent(version)}`, { quiet: true })).sources;
      const sources = baseSources.filter((x) => x.name !== source.name && x.name !== originalName).concat([source]);
      const answer = await api.post('/api/rulesets/overlaps', { sources, basedOn: version, feedback: [exampleOf(b)] }, { quiet: true });
      if (mine !== generation) return;
      const mineToo = (answer.overlaps ?? []).filter((o) => o.promises.includes(b.promise));
      clear(overlapOut, mineToo.length ? overlapWarning(b.promise, mineToo, await catalogue()) : null);
    } catch (error) {
      if (mine === generation) clear(overlapOut); // the compose box says what is wrong with the form
    }
  }

  const add = h('button', { type: 'submit', id: 'add-promise' }, opened ? t('promise.saveChanged') : t('promise.add'));
  const form = h('form', {
    class: 'card promise-form',
    oninput: schedule,
    onchange: schedule,
    onsubmit: async (event) => {
      event.preventDefault();
      clearTimeout(timer);
      await compose(body());
      if (!composed) return;
      try {
        const saved = await busy(add, t('common.saving'), async () => {
          const base = await api.get(`/api/rulesets/${encodeURIComponent(version)}`);
          // An opened promise replaces its own file, even under a new id.
          const sources = base.sources.filter((s) => s.name !== composed.name && s.name !== originalName).concat([composed]);
          const comment = opened ? t('promise.changedComment', { title: c.title.value.trim() }) : t('promise.comment', { title: c.title.value.trim() });
          return api.post('/api/rulesets', { sources, comment, basedOn: base.version });
        });
        notify(t('promise.added', { version: shortVersion(saved.version) }));
        location.hash = `#/rules/${saved.version}`;
      } catch (error) {
        clear(saveOut, errorBox(error));
      }
    },
  },
  h('h2', {}, t('promise.form')),
  field(t('promise.titleLabel'), c.title, t('promise.titleHint')),
  field(t('promise.idLabel'), c.promise, t('promise.idHint')),
  h('fieldset', {}, h('legend', {}, t('promise.when')),
    field(t('promise.kind'), c.kind),
    h('div', { class: 'row' }, field(t('fb.touchpoint'), c.touchpoint), field(t('fb.phase'), c.phase), field(t('fb.loyaltyTier'), c.loyaltyTier)),
    field(t('promise.mentions'), c.commentMentions, t('promise.mentionsHint'))),
  h('fieldset', {}, h('legend', {}, t('promise.then')), field(t('promise.action'), c.action)),
  caseFields,
  overlapOut,
  h('div', { class: 'buttons' }, add), saveOut);

  section.append(h('div', { class: 'columns promise-columns' }, form,
    h('div', { class: 'card' }, h('h2', {}, t('promise.reads')), sentence, h('h2', {}, t('promise.drl')),
      h('p', { class: 'muted' }, t('promise.drlLead')), composeOut, drlHost)));
  setTimeout(() => {
    schedule();
    c.title.focus();
  }, 0);
  return section;
}
