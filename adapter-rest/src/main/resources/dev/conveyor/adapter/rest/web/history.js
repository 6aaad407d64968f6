// A job's history: its audit trail (GET jobs/{id}/events), oldest first, each event with the message written for
// users; an admin token also sees each event's internal details. Long trails come a page at a time ("Show more").

import { call } from './api.js';
import { h } from './dom.js';
import { when } from './format.js';

const PAGE = 100;
const MOST = 500;

export function historyView(id) {
  const list = h('ol', { class: 'history', id: 'events', 'aria-live': 'off' });
  const status = h('p', { class: 'hint', id: 'events-status' }, 'Loading the history…');
  const more = h('button', { type: 'button', id: 'events-more', hidden: true, onclick: () => loadMore() }, 'Show more');
  const element = h('section', { class: 'card', 'aria-labelledby': 'events-title' },
    h('h2', { id: 'events-title' }, 'History'), status, list, more);

  let shown = [];
  let next = null;
  let loading = null;
  let stale = false;

  /** Reads the trail again from its start, as far as it is shown (at least a page): new events join the end. */
  function refresh() {
    if (loading) { // read again once this read is done: it may have begun before the change
      stale = true;
      return loading;
    }
    const limit = Math.min(MOST, Math.max(PAGE, shown.length));
    loading = fetchPage(`jobs/${encodeURIComponent(id)}/events?limit=${limit}`)
      .then((page) => { shown = page.events; next = page.next_cursor; render(); })
      .catch((e) => { status.textContent = e.message; status.hidden = false; })
      .finally(() => {
        loading = null;
        if (stale) {
          stale = false;
          refresh();
        }
      });
    return loading;
  }

  /** The job changed: its history may have grown (the store writes a transition's events with it). */
  function changed() {
    refresh();
  }

  async function loadMore() {
    if (!next || loading) return;
    more.disabled = true;
    try {
      const page = await fetchPage(`jobs/${encodeURIComponent(id)}/events?limit=${PAGE}&cursor=${encodeURIComponent(next)}`);
      shown = shown.concat(page.events);
      next = page.next_cursor;
      render();
    } catch (e) {
      status.textContent = e.message;
      status.hidden = false;
    } finally {
      more.disabled = false;
    }
  }

  function render() {
    status.textContent = shown.length ? '' : 'Nothing has happened to this job yet.';
    status.hidden = shown.length > 0;
    // Rebuilt only when the trail changed, so an open "Internal details" stays open between polls.
    const key = shown.map((event) => `${event.at}|${event.type}`).join('\n');
    if (list.dataset.key !== key) {
      list.dataset.key = key;
      list.dataset.count = String(shown.length);
      const open = new Set([...list.querySelectorAll('details[open]')].map((d) => d.dataset.key));
      list.replaceChildren(...shown.map((event, i) => entry(event, `${i}|${event.type}`, open)));
    }
    more.hidden = !next;
  }

  return { element, changed };
}

async function fetchPage(path) {
  const answer = await call(path);
  return answer.data;
}

function entry(event, key, open) {
  const internal = event.internal && Object.keys(event.internal).length
    ? h('details', { class: 'internal', open: open.has(key), dataset: { key } }, h('summary', {}, 'Internal details'),
      h('pre', {}, Object.entries(event.internal).map(([name, value]) => `${name}: ${value}`).join('\n')))
    : null;
  return h('li', { class: 'event', dataset: { type: event.type, step: event.step ?? '' } },
    h('time', { datetime: event.at }, when(event.at)), ' ',
    h('span', { class: 'event-message' }, event.message),
    internal);
}
