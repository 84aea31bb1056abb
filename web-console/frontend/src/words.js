// Decisions, actions and feedback in plain words.
import { h, formatTime, shortVersion } from './dom.js';
import { api } from './api.js';
import { badge } from './ui.js';
import { t, lang } from './i18n.js';

export const TOUCHPOINTS = ['store', 'web', 'app', 'phone', 'chat', 'email', 'social'];
export const PHASES = ['pre', 'core', 'after'];
export const TIERS = ['none', 'bronze', 'silver', 'gold'];
// Every action the engine knows, for the decision search's action filter.
export const ACTION_TYPES = ['THANK', 'OPEN_CASE', 'RECOVERY', 'AFTERCARE', 'ADD_TO_CASE', 'REMIND', 'ESCALATE', 'RECOVERED', 'ASK_FOR_REVIEW'];

export function actionText(action) {
  const parts = [t(`action.${action.type}`)];
  if (action.promise) parts.push(t('action.promise', { promise: action.promise }));
  if (action.owner) parts.push(t('action.owner', { owner: action.owner }));
  if (action.priority) parts.push(t(`priority.${String(action.priority).toLowerCase()}`));
  if (action.dueAt) parts.push(t('action.due', { time: formatTime(action.dueAt, lang()) }));
  if (action.scheduledAt) parts.push(t('action.scheduled', { time: formatTime(action.scheduledAt, lang()) }));
  if (action.loyaltyBenefit) parts.push(t('action.loyaltyBenefit'));
  return parts.join(' · ');
}

export function actionList(actions, emptyKey = 'decision.noActions') {
  if (!actions || actions.length === 0) return h('p', { class: 'muted' }, t(emptyKey));
  return h('ul', { class: 'actions' }, actions.map((a) => h('li', { dataset: { type: a.type } }, actionText(a))));
}

export function ruleList(rules, emptyKey = 'decision.noRules') {
  if (!rules || rules.length === 0) return h('p', { class: 'muted' }, t(emptyKey));
  return h('ol', { class: 'fired' }, rules.map((r) => h('li', {}, r)));
}

export function feedbackFacts(feedback) {
  if (!feedback) return h('p', { class: 'muted' }, t('decision.erased'));
  const rows = [
    ['customerId', feedback.customerId],
    ['receivedAt', formatTime(feedback.receivedAt, lang())],
    ['touchpoint', feedback.touchpoint ? t(`touchpoint.${feedback.touchpoint}`) : ''],
    ['phase', feedback.phase ? t(`phase.${feedback.phase}`) : ''],
    ['score', `${feedback.survey} ${feedback.score}`],
    ['complaintFact', feedback.complaint ? t('common.yes') : t('common.no')],
    ['loyaltyTier', feedback.loyaltyTier ? t(`tier.${feedback.loyaltyTier}`) : ''],
    ['comment', feedback.comment ?? '—'],
    ['orderId', feedback.orderId ?? '—'],
    ['feedbackId', feedback.id],
  ];
  return h('dl', { class: 'facts' }, rows.flatMap(([key, value]) => [h('dt', {}, t(`fb.${key}`)), h('dd', {}, value)]));
}

/** "Did not fire: the condition `complaint` did not hold", from the first condition that failed. */
export function whyNot(rule) {
  const conditions = rule.conditions ?? [];
  const failed = conditions.find((c) => c.held === false || c.held === 'no');
  if (failed) {
    return h('span', {}, t('why.before'), h('code', {}, failed.expression ?? failed.condition), t('why.after'));
  }
  if (rule.detailed === false || rule.note) return h('span', {}, t('why.notDetailed'));
  return h('span', {}, t('why.unknown'));
}

export function heldText(held) {
  if (held === true || held === 'yes') return t('held.yes');
  if (held === false || held === 'no') return t('held.no');
  return t('held.notReached');
}

export function versionLabel(version) {
  return h('code', { class: 'version', title: version }, shortVersion(version));
}

export const CASE_TABS = ['mine', 'open', 'acknowledged', 'due-soon', 'overdue', 'resolved', 'cancelled', 'all'];
export const OUTCOMES = ['contacted', 'compensated', 'no-answer', 'other'];

/** How far a case's deadline is: "in 5 h", "3 h overdue"; for a closed case, whether its promise was kept. */
export function dueText(file, now = Date.now()) {
  if (file.state === 'resolved') return t(file.kept ? 'due.kept' : 'due.broken');
  if (file.state === 'cancelled') return t('caseState.cancelled');
  const minutes = Math.round((new Date(file.dueAt).getTime() - now) / 60000);
  const late = minutes < 0;
  const size = Math.abs(minutes);
  const [unit, n] = size < 60 ? ['Minutes', size] : size < 48 * 60 ? ['Hours', Math.round(size / 60)] : ['Days', Math.round(size / 1440)];
  return t(`due.${late ? 'late' : 'in'}${unit}`, { n });
}

export function caseStateBadge(state) {
  const kind = { open: 'draft', acknowledged: 'muted', resolved: 'ok', cancelled: 'muted' }[state] ?? 'muted';
  return badge(t(`caseState.${state}`), kind);
}

/** The promises of the live rule set by id ({id, text, within, owners, escalation}); empty when not allowed. */
export async function promiseCatalogue() {
  try {
    const answer = await api.get('/api/promises', { quiet: true });
    return new Map((answer.promises ?? []).map((p) => [p.id, p]));
  } catch (e) {
    return new Map();
  }
}

/** A promise in words with its id beside it, or the bare id when the live rules no longer give it. */
export function promiseLabel(id, catalogue) {
  const text = catalogue.get(id)?.text;
  return text ? h('span', { class: 'promise' }, text, ' ', h('code', { class: 'promise-id' }, id)) : h('code', {}, id);
}

/** An action type in words; a plugin's own type (say CALLBACK) as it is. */
export function actionName(type) {
  const key = `action.${type}`;
  const text = t(key);
  return text === key ? type : text;
}

/** An extension point's id (fi.lupaus.rule-pack/1) in words: "Rule packs". */
export function pointName(id) {
  const key = `point.${id.replace(/^fi\.lupaus\./, '').replace(/\/\d+$/, '')}`;
  const text = t(key);
  return text === key ? id : text;
}

/** What an extension point is for, or nothing for a point this console does not know. */
export function pointPurpose(id) {
  const key = `pointFor.${id.replace(/^fi\.lupaus\./, '').replace(/\/\d+$/, '')}`;
  return t(key) === key ? '' : t(key);
}

/** A handler's id in words where Lupaus knows it (log, webhook, email); a plugin's handler by its id. */
export function handlerName(id) {
  const key = `handler.${id}`;
  const text = t(key);
  return text === key ? id : text;
}

// The server tells failures as Java does ("java.io.IOException: the webhook answered 500"; "…; caused by …").
// People need the words, not the class names.
export function withoutClassNames(text) {
  return String(text ?? '').split('; caused by ')
    .map((part) => part.replace(/\b(?:[a-z_$][\w$]*\.)+([A-Z][\w$]*)(:\s*)?/g, (match, simple, colon) => (
      colon ? '' : /(Exception|Error)$/.test(simple) ? simple : match)).trim())
    .filter((part, i, parts) => part && parts.indexOf(part) === i)
    .join(' — ');
}

// Why a plugin is not in use, in the words the server uses for each case, first to match.
const PLUGIN_PROBLEMS = [
  [/^it could not be loaded: (.*)$/s, 'problem.notLoaded'],
  [/^it was not loaded: its Plugin-Dependencies/, 'problem.dependencies'],
  [/^it requires Lupaus (.+); this is (.+)$/, 'problem.requires', (m) => ({ requires: m[1], version: m[2] })],
  [/^disabled in (.+)$/, 'problem.switchedOff', (m) => ({ file: m[1] })],
  [/^it failed to start: (.*)$/s, 'problem.start'],
  [/^it did not start/, 'problem.start'],
  [/^a contribution could not be made: (.*)$/s, 'problem.contribution'],
  [/^its rule pack (\S+) does not compile: (.*)$/s, 'problem.rules', (m) => ({ pack: m[1] })],
  [/^its rule pack does not compile beside the others: (.*)$/s, 'problem.rulesTogether'],
  [/^its rule pack could not give its sources: (.*)$/s, 'problem.rulesSources'],
  [/^its feedback source (\S+) did not start: (.*)$/s, 'problem.source', (m) => ({ source: m[1] })],
];

/** A plugin's problem as {text, detail}: what happened in the user's language, and the server's own words. */
export function pluginProblem(problem) {
  for (const [pattern, key, vars] of PLUGIN_PROBLEMS) {
    const match = pattern.exec(problem);
    if (match) return { text: t(key, vars ? vars(match) : {}), detail: withoutClassNames(problem) };
  }
  return { text: t('problem.other'), detail: withoutClassNames(problem) };
}

// Why a delivery failed, in the words the handlers and the outbox use.
const DELIVERY_ERRORS = [
  [/the webhook answered (\d+)/, 'deliveryError.status', (m) => ({ status: m[1] })],
  [/no handler '(.+)' is installed/, 'deliveryError.noHandler', (m) => ({ handler: m[1] })],
  [/personal data was erased/, 'deliveryError.erased'],
  [/connection refused/i, 'deliveryError.refused'],
  [/timeout|timed out/i, 'deliveryError.timeout'],
];

/** A delivery's last error as {text, detail}; detail is null when the text says all of it. */
export function deliveryError(error) {
  if (!error) return null;
  const plain = withoutClassNames(error);
  for (const [pattern, key, vars] of DELIVERY_ERRORS) {
    const match = pattern.exec(error);
    if (match) return { text: t(key, vars ? vars(match) : {}), detail: key === 'deliveryError.refused' || key === 'deliveryError.timeout' ? plain : null };
  }
  // A failure the console has no words for: said so in the user's language, with the handler's own words beside.
  return { text: t('deliveryError.other'), detail: plain };
}

/** Who did something, as a person reads it: "maija" for user:maija, "an API token" for token:…, "Lupaus" for system. */
export function personName(id) {
  if (!id) return '';
  if (id.startsWith('user:')) return id.substring('user:'.length);
  if (id.startsWith('token:')) return t('who.token');
  if (id === 'system') return t('who.system');
  return id;
}
