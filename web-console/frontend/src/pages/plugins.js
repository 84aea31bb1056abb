// What extends Lupaus: the plugins in the plugins directory with their state and contributions,
// the built-in contributions from the class path, and the action handlers that deliver actions.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { badge, errorBox } from '../ui.js';
import { pluginProblem, pointName, pointPurpose } from '../words.js';

const STATE_BADGE = { started: 'ok', disabled: 'muted', failed: 'bad' };

export async function pluginsPage(state) {
  const section = h('section', { class: 'plugins' }, h('h1', {}, t('plugins.title')), h('p', { class: 'lead' }, t('plugins.lead')));
  let listed;
  try {
    listed = await api.get('/api/plugins');
  } catch (error) {
    section.append(errorBox(error));
    return section;
  }
  const mayReadOutbox = state.user.permissions.includes('outbox:read');
  section.append(summaryCard(listed), h('div', { class: 'columns' },
    h('div', {}, h('h2', {}, t('plugins.installed')), pluginList(listed.plugins)),
    h('div', {}, builtInCard(listed.classPath), handlersCard(listed.actionHandlers, mayReadOutbox))),
  pointsCard(listed));
  return section;
}

function summaryCard(listed) {
  const inUse = listed.plugins.filter((p) => p.state === 'started').length;
  return h('div', { class: 'card', id: 'plugins-summary' },
    h('dl', { class: 'facts' },
      h('dt', {}, t('plugins.directory')),
      h('dd', {}, listed.directory ? h('code', { id: 'plugins-directory' }, listed.directory) : h('span', { class: 'muted' }, t('plugins.noDirectory'))),
      h('dt', {}, t('plugins.count')),
      h('dd', {}, t('plugins.countText', { n: listed.plugins.length, inUse, notInUse: listed.plugins.length - inUse }))),
    h('p', { class: 'hint' }, t('plugins.howToAdd')));
}

function pluginList(plugins) {
  if (plugins.length === 0) return h('p', { class: 'card muted', id: 'plugins-none' }, t('plugins.none'));
  return h('ul', { class: 'plugin-list', id: 'plugins' }, plugins.map((plugin) => h('li', {}, pluginCard(plugin))));
}

function pluginCard(plugin) {
  const problem = plugin.problem ? pluginProblem(plugin.problem) : null;
  const facts = [
    ['plugins.provider', plugin.provider],
    ['plugins.description', plugin.description],
    ['plugins.requires', plugin.requires ? h('code', {}, plugin.requires) : null],
    ['plugins.file', h('code', {}, plugin.file)],
  ].filter(([, value]) => value);
  return h('article', { class: 'card plugin', dataset: { plugin: plugin.id, state: plugin.state } },
    h('h3', {}, plugin.id, plugin.version ? h('span', { class: 'muted' }, ` ${plugin.version}`) : null, ' ',
      badge(t(`pluginState.${plugin.state}`), STATE_BADGE[plugin.state] ?? 'muted')),
    h('dl', { class: 'facts' }, facts.flatMap(([key, value]) => [h('dt', {}, t(key)), h('dd', {}, value)])),
    problem ? h('div', { class: 'problem' },
      h('p', {}, h('strong', {}, t('plugins.notInUse')), ' ', problem.text),
      h('p', { class: 'hint' }, t('plugins.serverSays'), ' ', h('span', { class: 'detail' }, problem.detail))) : null,
    plugin.state === 'started' ? contributionList(plugin.contributions, 'plugins.contributesNothing') : null);
}

/** Contributions grouped by extension point, in the order the points are declared. */
function contributionList(contributions, emptyKey) {
  if (!contributions || contributions.length === 0) return h('p', { class: 'muted' }, t(emptyKey));
  const byPoint = new Map();
  contributions.forEach((c) => byPoint.set(c.extensionPoint, [...(byPoint.get(c.extensionPoint) ?? []), c.class]));
  return h('dl', { class: 'contributions' }, [...byPoint].flatMap(([point, classes]) => [
    h('dt', {}, pointName(point), ' ', h('code', { class: 'point-id' }, point)),
    classes.map((name) => h('dd', {}, h('code', {}, name)))]));
}

function builtInCard(classPath) {
  return h('div', { class: 'card', id: 'built-in' }, h('h2', {}, t('plugins.builtIn')),
    h('p', { class: 'hint' }, t('plugins.builtInLead')),
    contributionList(classPath, 'plugins.noBuiltIn'));
}

function handlersCard(handlers, mayReadOutbox) {
  return h('div', { class: 'card', id: 'handlers' }, h('h2', {}, t('plugins.handlers')),
    h('p', { class: 'hint' }, t('plugins.handlersLead')),
    handlers.length === 0 ? h('p', { class: 'muted' }, t('plugins.noHandlers'))
      : h('ul', {}, handlers.map((id) => h('li', { dataset: { handler: id } }, h('code', {}, id), ' ', handlerWords(id)))),
    mayReadOutbox ? h('p', {}, h('a', { href: '#/outbox' }, t('plugins.toOutbox'))) : null);
}

function handlerWords(id) {
  const key = `handlerDoes.${id}`;
  return h('span', { class: 'muted' }, t(key) === key ? t('plugins.handlerFromPlugin') : t(key));
}

function pointsCard(listed) {
  const count = (point, from) => from.filter((c) => c.extensionPoint === point).length;
  const fromPlugins = listed.plugins.flatMap((p) => p.contributions ?? []);
  return h('details', { class: 'card', id: 'extension-points' }, h('summary', {}, t('plugins.points')),
    h('p', { class: 'hint' }, t('plugins.pointsLead')),
    h('table', { class: 'list' },
      h('thead', {}, h('tr', {}, ['plugins.point', 'plugins.pointFor', 'plugins.builtInCount', 'plugins.pluginCount']
        .map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, listed.extensionPoints.map((point) => h('tr', {},
        h('td', {}, pointName(point), h('br'), h('code', { class: 'point-id' }, point)),
        h('td', {}, pointPurpose(point)),
        h('td', {}, String(count(point, listed.classPath))),
        h('td', {}, String(count(point, fromPlugins))))))));
}
