// The API page: the server's OpenAPI document (GET /api/openapi.json) as a readable reference,
// operation by operation, grouped by tag. Built here rather than with a viewer library: the
// console's CSP allows no inline styles, which the viewers on npm need.
import { h, clear } from './dom.js';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

// Text with `code` spans, as the document's descriptions write it.
function prose(text) {
  if (!text) return null;
  return text.split(/\n\s*\n/).map((paragraph) => h('p', {},
    paragraph.split(/(`[^`]+`)/).map((part) => (part.startsWith('`') && part.endsWith('`')
      ? h('code', {}, part.slice(1, -1)) : part.replace(/\*\*/g, '')))));
}

function resolve(doc, node) {
  let current = node;
  for (let depth = 0; current?.$ref && depth < 10; depth += 1) {
    current = current.$ref.replace(/^#\//, '').split('/').reduce((at, key) => at?.[key], doc);
  }
  return current ?? {};
}

function typeOf(doc, schema) {
  const s = resolve(doc, schema);
  if (s.enum) return `one of ${s.enum.map(String).join(', ')}`;
  if (s.type === 'array') return `array of ${typeOf(doc, s.items ?? {})}`;
  const bounds = [];
  if (s.minimum !== undefined && s.maximum !== undefined) bounds.push(`${s.minimum}–${s.maximum}`);
  if (s.maxLength !== undefined) bounds.push(`at most ${s.maxLength} characters`);
  if (s.minLength !== undefined) bounds.push(`at least ${s.minLength} characters`);
  if (s.maxItems !== undefined) bounds.push(`${s.minItems ?? 0}–${s.maxItems} items`);
  const type = [Array.isArray(s.type) ? s.type.join(' or ') : s.type ?? 'object', s.format].filter(Boolean).join(', ');
  return bounds.length ? `${type} (${bounds.join('; ')})` : type;
}

function fields(doc, schema) {
  let s = resolve(doc, schema);
  const prefix = s.type === 'array' ? '[i].' : '';
  if (s.type === 'array') s = resolve(doc, s.items ?? {});
  const properties = Object.entries(s.properties ?? {});
  if (!properties.length) return h('p', { class: 'muted' }, typeOf(doc, schema), s.description ? ` — ${s.description}` : '');
  const required = new Set(s.required ?? []);
  return h('div', {},
    prose(s.description),
    h('table', { class: 'api-fields' },
      h('thead', {}, h('tr', {}, h('th', {}, 'field'), h('th', {}, 'required'), h('th', {}, 'type'), h('th', {}, 'meaning'))),
      h('tbody', {}, properties.map(([name, property]) => h('tr', {},
        h('td', {}, h('code', {}, prefix + name)),
        h('td', {}, required.has(name) ? 'yes' : 'no'),
        h('td', {}, typeOf(doc, property)),
        h('td', {}, resolve(doc, property).description ?? ''))))));
}

function example(value) {
  return value === undefined ? null : h('pre', { class: 'api-example' }, JSON.stringify(value, null, 2));
}

function operation(doc, method, path, op) {
  const id = op.operationId ?? `${method}-${path}`;
  const parameters = (op.parameters ?? []).map((p) => resolve(doc, p));
  const body = op.requestBody ? resolve(doc, op.requestBody) : null;
  return h('section', { class: 'card api-operation', id },
    h('h3', {}, h('span', { class: `api-method api-${method}` }, method.toUpperCase()), ' ', h('code', {}, path)),
    h('p', {}, h('strong', {}, op.summary ?? '')),
    prose(op.description),
    op.security && op.security.length === 0 ? h('p', { class: 'muted' }, 'Needs no caller.') : null,
    parameters.length ? [h('h4', {}, 'Parameters'), h('table', { class: 'api-fields' },
      h('thead', {}, h('tr', {}, h('th', {}, 'name'), h('th', {}, 'in'), h('th', {}, 'type'), h('th', {}, 'meaning'))),
      h('tbody', {}, parameters.map((p) => h('tr', {},
        h('td', {}, h('code', {}, p.name)), h('td', {}, p.in + (p.required ? ', required' : '')),
        h('td', {}, typeOf(doc, p.schema ?? {})), h('td', {}, p.description ?? '')))))] : null,
    body ? Object.entries(body.content ?? {}).map(([type, media]) => [
      h('h4', {}, `Body: ${type}`), fields(doc, media.schema ?? {}), example(media.example)]) : null,
    h('h4', {}, 'Answers'),
    h('dl', { class: 'api-answers' }, Object.entries(op.responses ?? {}).map(([status, raw]) => {
      const response = resolve(doc, raw);
      const media = Object.values(response.content ?? {})[0];
      return [h('dt', {}, h('code', {}, status)),
        h('dd', {}, response.description ?? '', example(media?.example))];
    })));
}

function render(doc) {
  const main = document.getElementById('main');
  const byTag = new Map((doc.tags ?? []).map((tag) => [tag.name, { tag, operations: [] }]));
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      if (!item[method]) continue;
      const name = item[method].tags?.[0] ?? 'other';
      if (!byTag.has(name)) byTag.set(name, { tag: { name }, operations: [] });
      byTag.get(name).operations.push([method, path, item[method]]);
    }
  }
  const slug = (name) => `tag-${name.replace(/\W+/g, '-')}`;
  clear(main,
    h('h1', {}, `${doc.info.title} API ${doc.info.version}`),
    h('p', { class: 'lead' }, doc.info.summary ?? ''),
    prose(doc.info.description),
    h('nav', { class: 'card', 'aria-label': 'Contents' }, h('ul', { class: 'api-contents' },
      [...byTag.values()].map(({ tag, operations }) => h('li', {},
        h('a', { href: `#${slug(tag.name)}` }, tag.name), ` (${operations.length})`)))),
    [...byTag.values()].map(({ tag, operations }) => h('section', { id: slug(tag.name) },
      h('h2', {}, tag.name), prose(tag.description),
      operations.map(([method, path, op]) => operation(doc, method, path, op)))));
}

fetch('api/openapi.json', { headers: { Accept: 'application/json' } })
  .then((response) => {
    if (!response.ok) throw new Error(`the server answered ${response.status}`);
    return response.json();
  })
  .then(render)
  .catch((error) => clear(document.getElementById('main'),
    h('div', { class: 'error-box', role: 'alert' }, h('p', {}, `The API document could not be read: ${error.message}`))));
