// The dashboard: routes #/ (jobs), #/new (submit) and #/jobs/{id} (one job), behind the sign-in.

import { session, UNAUTHENTICATED } from './api.js';
import { jobView } from './job.js';
import { jobsView } from './jobs.js';
import { signInView } from './signin.js';
import { submitView } from './submit.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
let current = null;
let notice = null;

function route() {
  const hash = location.hash || '#/';
  if (!hash.startsWith('#/')) {
    if (current) return; // an anchor in the page, such as the skip link
  }
  current?.dispose();
  document.documentElement.dataset.view = '';
  if (!session.token()) {
    nav.hidden = true;
    current = signInView(main, { notice, onSignedIn: () => { notice = null; route(); } });
    document.documentElement.dataset.view = 'sign-in';
    focusHeading();
    return;
  }
  nav.hidden = false;
  const [, first, second] = (hash.startsWith('#/') ? hash.slice(1) : '/').split('/');
  let view;
  if (first === 'jobs' && second) {
    view = 'job';
    current = jobView(main, decodeURIComponent(second));
  } else if (first === 'new') {
    view = 'new';
    current = submitView(main);
  } else {
    view = 'jobs';
    current = jobsView(main);
  }
  document.documentElement.dataset.view = view;
  nav.querySelectorAll('a[data-nav]').forEach((link) => {
    if (link.dataset.nav === (view === 'new' ? 'new' : 'jobs')) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  });
  focusHeading();
}

/** After a change of view, keyboard and screen-reader users start at its heading. */
function focusHeading() {
  main.querySelector('h1')?.focus({ preventScroll: false });
}

document.getElementById('sign-out').addEventListener('click', () => {
  session.signOut();
  notice = 'You are signed out.';
  route();
});

window.addEventListener(UNAUTHENTICATED, (event) => {
  notice = `Please sign in again: ${event.detail}`;
  route();
});

window.addEventListener('hashchange', route);
route();
