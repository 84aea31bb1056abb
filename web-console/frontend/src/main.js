// The console: sign in, then the pages the signed-in user's permissions allow.
import { h, clear } from './dom.js';
import { t, lang, setLang, onLangChange } from './i18n.js';
import { api, whenSignedOut } from './api.js';
import { notify } from './ui.js';
import { signInPage } from './pages/signin.js';
import { decisionsPage, decisionPage } from './pages/decisions.js';
import { auditPage } from './pages/audit.js';
import { rulesPage, diffPage } from './pages/rules.js';
import { workspacePage } from './pages/workspace.js';
import { promisePage } from './pages/promise.js';
import { casesPage, casePage } from './pages/cases.js';
import { scoreboardPage } from './pages/scoreboard.js';
import { pluginsPage } from './pages/plugins.js';
import { outboxPage } from './pages/outbox.js';
import { accessPage } from './pages/access.js';
import { importsPage } from './pages/imports.js';

const state = { user: null };

// Each page: the hash it answers, the permission it needs, and whether it is in the menu.
const pages = [
  { path: /^rules$/, nav: 'rules', label: 'nav.rules', needs: 'rules:read', render: () => rulesPage(state) },
  { path: /^rules\/diff\/([^/]+)\/([^/]+)$/, needs: 'rules:read', render: (m) => diffPage(m[1], m[2]) },
  { path: /^rules\/([^/]+)\/promise$/, needs: 'rules:edit', render: (m) => promisePage(m[1], state) },
  { path: /^rules\/([^/]+)\/promise\/([^/]+)$/, needs: 'rules:edit', render: (m) => promisePage(m[1], state, m[2]) },
  { path: /^rules\/([^/]+)$/, needs: 'rules:read', render: (m) => workspacePage(m[1], state) },
  { path: /^decisions$/, nav: 'decisions', label: 'nav.decisions', needs: 'decisions:read', render: () => decisionsPage(state) },
  { path: /^decisions\/([^/]+)$/, needs: 'decisions:read', render: (m) => decisionPage(m[1], state) },
  { path: /^audit$/, nav: 'audit', label: 'nav.audit', needs: ['audit:verify', 'rules:backtest'], render: () => auditPage(state) },
  { path: /^cases$/, nav: 'cases', label: 'nav.cases', needs: 'cases:read', render: () => casesPage(state) },
  { path: /^cases\/([^/]+)$/, needs: 'cases:read', render: (m) => casePage(m[1], state) },
  { path: /^scoreboard$/, nav: 'scoreboard', label: 'nav.scoreboard', needs: 'metrics:read', render: () => scoreboardPage(state) },
  { path: /^plugins$/, nav: 'plugins', label: 'nav.plugins', needs: 'plugins:read', render: () => pluginsPage(state) },
  { path: /^outbox$/, nav: 'outbox', label: 'nav.outbox', needs: 'outbox:read', render: () => outboxPage(state) },
  { path: /^access$/, nav: 'access', label: 'nav.access', needs: 'access:manage', render: () => accessPage(state) },
  { path: /^import$/, nav: 'import', label: 'nav.import', needs: 'feedback:import', render: () => importsPage(state) },
];

export function can(permission) {
  const held = state.user?.permissions ?? [];
  return (Array.isArray(permission) ? permission : [permission]).some((p) => held.includes(p));
}

/** The page's path; what follows '?' is the page's own view (a list's tab and filters). */
function route() {
  return decodeURI(location.hash.replace(/^#\/?/, '').split('?')[0]);
}

function renderNav() {
  const nav = document.getElementById('nav');
  nav.setAttribute('aria-label', t('nav.label'));
  const current = route().split('/')[0];
  clear(nav, state.user ? h('ul', {}, pages
    .filter((p) => p.nav && !p.hidden && can(p.needs))
    .map((p) => h('li', {}, h('a', {
      href: `#/${p.nav}`, 'aria-current': current === p.nav ? 'page' : null,
    }, t(p.label))))) : null);
  const langButton = document.getElementById('lang');
  langButton.textContent = lang() === 'fi' ? 'In English' : 'Suomeksi';
  langButton.setAttribute('lang', lang() === 'fi' ? 'en' : 'fi');
  // The visible words are its name (WCAG 2.5.3); what it does is the title.
  langButton.title = t('lang.switch');
  document.getElementById('who').textContent = state.user
    ? t('who', { name: state.user.name, role: t(`role.${state.user.role}`) }) : '';
  const signOut = document.getElementById('signout');
  signOut.hidden = !state.user;
  signOut.textContent = t('signOut');
  document.documentElement.lang = lang();
  document.querySelector('.skip').textContent = t('skip');
  document.getElementById('menu-toggle').textContent = t('nav.menu');
}

/**
 * A table wider than its box scrolls inside it (on a phone): such a table takes the keyboard focus,
 * so that it can be scrolled without a mouse, and is named by its caption.
 */
function scrollablesByKeyboard() {
  document.querySelectorAll('main table.list').forEach((table) => {
    if (table.scrollWidth > table.clientWidth + 1) {
      table.tabIndex = 0;
      table.setAttribute('role', 'region');
      const caption = table.querySelector('caption')?.textContent;
      if (caption) table.setAttribute('aria-label', caption);
    } else if (table.getAttribute('role') === 'region') {
      table.removeAttribute('tabindex');
      table.removeAttribute('role');
      table.removeAttribute('aria-label');
    }
  });
}

let resizing = null;
window.addEventListener('resize', () => {
  clearTimeout(resizing);
  resizing = setTimeout(scrollablesByKeyboard, 150);
});

function firstPage() {
  const first = pages.find((p) => p.nav && !p.hidden && can(p.needs));
  return first ? first.nav : 'none';
}

let renderCount = 0;
async function render({ focus = true } = {}) {
  renderNav();
  const main = document.getElementById('main');
  const path = route();
  if (!state.user) {
    clear(main, signInPage(signedIn));
    document.title = `${t('signIn.title')} · Lupaus`;
    return;
  }
  if (path === '' || path === 'signin') {
    location.replace(`#/${firstPage()}`);
    return;
  }
  const page = pages.find((p) => p.path.test(path));
  const mine = ++renderCount;
  let content;
  if (path === 'none') {
    content = h('section', {}, h('h1', {}, 'Lupaus'), h('p', {}, t('common.nothingForYou')));
  } else if (!page) {
    content = h('section', {}, h('h1', {}, t('common.notFound')), h('p', {}, h('a', { href: `#/${firstPage()}` }, t('common.toStart'))));
  } else if (!can(page.needs)) {
    content = h('section', {}, h('h1', {}, t('common.notAllowed')), h('p', {}, t('error.403')));
  } else {
    content = await page.render(path.match(page.path));
  }
  if (mine !== renderCount) return; // a newer navigation won
  clear(main, content);
  setTimeout(scrollablesByKeyboard, 0);
  const heading = main.querySelector('h1');
  document.title = `${heading ? heading.textContent : ''} · Lupaus`;
  if (focus) main.focus({ preventScroll: false });
}

function signedIn(user) {
  state.user = user;
  const wanted = sessionStorage.getItem('lupaus.after-sign-in');
  sessionStorage.removeItem('lupaus.after-sign-in');
  if (wanted && wanted !== '#/signin') {
    location.hash = wanted;
  } else {
    location.hash = `#/${firstPage()}`;
  }
  render();
}

async function signOut() {
  try {
    await api.delete('/api/session');
  } catch (e) {
    // signed out already, or the server is away: either way the page forgets the user
  }
  state.user = null;
  location.hash = '#/signin';
  render();
  notify(t('signedOut'));
}

whenSignedOut(() => {
  if (!state.user) return;
  state.user = null;
  sessionStorage.setItem('lupaus.after-sign-in', location.hash);
  notify(t('sessionEnded'), 'warn');
  render();
});

async function start() {
  document.getElementById('lang').addEventListener('click', () => setLang(lang() === 'fi' ? 'en' : 'fi'));
  const menu = document.getElementById('menu-toggle');
  menu.addEventListener('click', () => {
    const open = document.querySelector('.top').classList.toggle('open');
    menu.setAttribute('aria-expanded', String(open));
  });
  // Choosing a page folds the menu again.
  window.addEventListener('hashchange', () => {
    document.querySelector('.top').classList.remove('open');
    menu.setAttribute('aria-expanded', 'false');
  });
  document.getElementById('signout').addEventListener('click', signOut);
  onLangChange(() => render({ focus: false }));
  window.addEventListener('hashchange', () => render());
  try {
    state.user = await api.get('/api/session', { quiet: true });
  } catch (e) {
    state.user = null;
    if (location.hash && location.hash !== '#/signin') sessionStorage.setItem('lupaus.after-sign-in', location.hash);
  }
  render({ focus: false });
}

start();
