// Sign-in: a bearer token, checked against the API, then kept in sessionStorage for this tab.

import { ApiError, call, session } from './api.js';
import { h, messageBox } from './dom.js';

export function signInView(main, { notice, onSignedIn }) {
  const input = h('input', {
    id: 'token', name: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true,
    'aria-describedby': 'token-hint token-error',
  });
  const error = messageBox('token-error');
  const button = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h('form', { id: 'sign-in', novalidate: true, onsubmit: submit },
    h('label', { for: 'token' }, 'API token'),
    input,
    h('p', { id: 'token-hint', class: 'hint' },
      'The bearer token your administrator gave you, or the development token the server printed when it started.'),
    error.element,
    button);

  document.title = 'Sign in — Conveyor';
  main.replaceChildren(h('section', { class: 'card narrow' },
    h('h1', { tabindex: -1 }, 'Sign in'),
    notice ? h('p', { class: 'message', role: 'status', dataset: { kind: 'info' } }, notice) : null,
    form));

  async function submit(event) {
    event.preventDefault();
    const token = input.value.trim();
    if (!token) {
      error.error('Enter your API token.');
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    button.disabled = true;
    try {
      await call('pipelines', { token });
      session.signIn(token);
      onSignedIn();
    } catch (e) {
      const message = e instanceof ApiError && e.status === 401
        ? 'This token was not accepted. Check that you pasted all of it, with nothing before or after.'
        : e.message;
      error.error(message);
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    } finally {
      button.disabled = false;
    }
  }

  return { dispose() {} };
}
