import { h, field } from '../dom.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { busy, errorBox } from '../ui.js';

export function signInPage(signedIn) {
  const username = h('input', { type: 'text', name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const errors = h('div', { class: 'errors' });
  const submit = h('button', { type: 'submit', id: 'sign-in' }, t('signIn.submit'));
  const form = h('form', {
    class: 'card narrow',
    onsubmit: async (event) => {
      event.preventDefault();
      errors.replaceChildren();
      try {
        const user = await busy(submit, t('signIn.busy'),
          () => api.post('/api/session', { username: username.value.trim(), password: password.value }));
        // A fresh CSRF token for this session, before the first change.
        await api.get('/api/session', { quiet: true });
        signedIn(user);
      } catch (error) {
        errors.replaceChildren(error.status === 401
          ? h('div', { class: 'error-box', role: 'alert' }, h('p', {}, h('strong', {}, t('signIn.wrong'))))
          : errorBox(error));
        password.select();
      }
    },
  },
  h('h1', {}, t('signIn.title')),
  h('p', { class: 'lead' }, t('signIn.lead')),
  field(t('signIn.username'), username),
  field(t('signIn.password'), password),
  errors,
  h('div', { class: 'buttons' }, submit));
  setTimeout(() => username.focus(), 0);
  return form;
}
