// The jobs list: filters, one row per job with its progress, polled every 2 s while any job is processing.

import { call } from './api.js';
import { h, messageBox, progressBar, replaceKeepingFocus } from './dom.js';
import { cost, eta, JOB_STATUSES, label, shortId, when } from './format.js';
import { Poller } from './poller.js';

const LIMIT = 50;
/** The filters outlive the view, so coming back from a job finds the list as it was left. */
const filters = { status: '', pipeline: '' };

export function jobsView(main) {
  const status = h('select', { id: 'filter-status', name: 'status', onchange: () => changeFilter('status', status.value) },
    h('option', { value: '' }, 'All statuses'),
    JOB_STATUSES.map((s) => h('option', { value: s }, label(s))));
  status.value = filters.status;
  const pipeline = h('select', { id: 'filter-pipeline', name: 'pipeline', onchange: () => changeFilter('pipeline', pipeline.value) },
    h('option', { value: '' }, 'All pipelines'));
  const refresh = h('button', { type: 'button', id: 'refresh', onclick: () => poller.start() }, 'Refresh');
  const pollState = h('p', { id: 'poll-state', class: 'hint', role: 'status' });
  const error = messageBox('jobs-error');
  const body = h('tbody');
  const table = h('table', { class: 'jobs', id: 'jobs' },
    h('caption', { class: 'visually-hidden' }, 'Your jobs, newest first'),
    h('thead', {}, h('tr', {},
      ['Job', 'Pipeline', 'Status', 'Progress', 'Current step', 'ETA', 'Cost', 'Created']
        .map((title) => h('th', { scope: 'col' }, title)))),
    body);
  const empty = h('p', { class: 'empty', hidden: true }, 'No jobs here yet. ', h('a', { href: '#/new' }, 'Submit a job'), '.');
  const more = h('p', { class: 'hint', hidden: true }, `Showing the ${LIMIT} newest jobs: filter by status or pipeline to find others.`);

  document.title = 'Jobs — Conveyor';
  main.replaceChildren(
    h('div', { class: 'title-row' }, h('h1', { tabindex: -1 }, 'Jobs'), h('a', { class: 'button primary', href: '#/new' }, 'New job')),
    h('form', { class: 'filters', onsubmit: (e) => { e.preventDefault(); poller.start(); } },
      h('div', { class: 'field' }, h('label', { for: 'filter-status' }, 'Status'), status),
      h('div', { class: 'field' }, h('label', { for: 'filter-pipeline' }, 'Pipeline'), pipeline),
      refresh),
    pollState, error.element, h('div', { class: 'table-wrap' }, table), more, empty);

  let etag = null;
  let jobs = [];
  const poller = new Poller(tick);
  // Between polls every ETA counts down from the last estimated_completion_at; each poll re-anchors it.
  const countdown = setInterval(() => {
    jobs.forEach((job) => {
      const cell = body.querySelector(`tr[data-job-id="${job.id}"] [data-label=ETA]`);
      if (cell) cell.textContent = eta(job);
    });
  }, 1000);

  async function tick() {
    const query = new URLSearchParams({ limit: String(LIMIT) });
    if (filters.status) query.set('status', filters.status);
    if (filters.pipeline) query.set('pipeline', filters.pipeline);
    try {
      const answer = await call(`jobs?${query}`, { etag });
      error.clear();
      if (!answer.notModified) {
        etag = answer.etag;
        jobs = answer.data.jobs;
        more.hidden = !answer.data.next_cursor;
      }
      render(); // even unchanged, the time left has gone down
      const processing = jobs.some((job) => job.is_processing);
      showPollState(processing);
      return { again: processing, notModified: answer.notModified };
    } catch (e) {
      error.error(`${e.message} Press Refresh to try again.`);
      showPollState(false);
      throw e;
    }
  }

  function render() {
    empty.hidden = jobs.length > 0;
    table.hidden = jobs.length === 0;
    replaceKeepingFocus(body, jobs.map(row));
  }

  function showPollState(active) {
    pollState.textContent = active ? 'Updating every 2 seconds while jobs are processing.'
      : 'Up to date. Nothing is processing, so the list is not refreshed: press Refresh to check again.';
  }

  function changeFilter(name, value) {
    filters[name] = value;
    etag = null;
    poller.start();
  }

  call('pipelines').then(({ data }) => {
    pipeline.append(...data.map((p) => h('option', { value: p.name }, p.name)));
    pipeline.value = filters.pipeline;
  }).catch(() => { /* the list still works without the pipeline filter's names */ });
  poller.start();

  return { dispose: () => { clearInterval(countdown); poller.dispose(); } };
}

function row(job) {
  const bar = progressBar(`Progress of job ${shortId(job.id)}`);
  bar.set(job.progress, job.status);
  return h('tr', { dataset: { jobId: job.id, status: job.status } },
    h('td', { 'data-label': 'Job' }, h('a', { href: `#/jobs/${job.id}`, dataset: { focusKey: `job-${job.id}` } },
      h('code', {}, shortId(job.id)))),
    h('td', { 'data-label': 'Pipeline' }, job.pipeline),
    h('td', { 'data-label': 'Status' }, h('span', { class: 'badge', dataset: { status: job.status } }, label(job.status)),
      job.error ? h('span', { class: 'row-error' }, job.error.message) : null),
    h('td', { 'data-label': 'Progress' }, bar.element),
    h('td', { 'data-label': 'Current step' }, job.current_step ?? '—'),
    h('td', { 'data-label': 'ETA' }, eta(job)),
    h('td', { 'data-label': 'Cost' }, cost(job.cost_usd)),
    h('td', { 'data-label': 'Created' }, when(job.created_at)));
}
