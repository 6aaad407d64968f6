// One job: overall progress and ETA, the step timeline, the user-facing error, the actions that apply, and its history.

import { ApiError, call } from './api.js';
import { announce, h, messageBox, progressBar, replaceKeepingFocus } from './dom.js';
import { cost, detail, duration, eta, label, shortId, units, when } from './format.js';
import { historyView } from './history.js';
import { Poller } from './poller.js';
import { reviewForm } from './review.js';

export function jobView(main, id) {
  const heading = h('h1', { tabindex: -1 }, `Job ${shortId(id)}`);
  const meta = h('p', { class: 'meta' });
  const badge = h('span', { class: 'badge', id: 'job-status' });
  const bar = progressBar('Overall progress');
  const facts = h('dl', { class: 'facts' });
  const late = h('p', { class: 'status-detail', id: 'status-detail', role: 'status', hidden: true });
  const problem = h('section', { id: 'job-error', class: 'problem', role: 'alert', hidden: true });
  const actions = h('div', { class: 'actions', id: 'actions' });
  const actionMessage = messageBox('action-message');
  const review = h('section', { id: 'review', class: 'card', hidden: true, 'aria-labelledby': 'review-title' });
  const steps = h('ol', { class: 'timeline', id: 'steps' });
  const history = historyView(id);
  const section = h('article', { class: 'job', id: 'job', 'aria-labelledby': 'job-title' },
    h('p', {}, h('a', { href: '#/' }, '← All jobs')),
    h('div', { class: 'title-row' }, heading, badge),
    meta,
    h('section', { class: 'card summary', 'aria-label': 'Where the job stands' }, bar.element, late, facts),
    problem, actions, actionMessage.element, review,
    h('section', { class: 'card', 'aria-labelledby': 'steps-title' }, h('h2', { id: 'steps-title' }, 'Steps'), steps),
    history.element);
  heading.id = 'job-title';

  document.title = `Job ${shortId(id)} — Conveyor`;
  main.replaceChildren(section);

  let etag = null;
  let job = null;
  let actionsKey = '';
  let reviewKey = '';
  const poller = new Poller(tick);
  // Between polls the time left counts down from the last estimated_completion_at; each poll re-anchors it.
  const countdown = setInterval(() => {
    const left = facts.querySelector('[data-fact=eta] dd');
    if (job && left) left.textContent = eta(job);
  }, 1000);

  async function tick() {
    try {
      const answer = await call(`jobs/${encodeURIComponent(id)}`, { etag });
      if (!answer.notModified) etag = answer.etag;
      show(answer.notModified ? job : answer.data); // even unchanged, the time left has gone down
      if (!answer.notModified) history.changed(); // its history may have grown
      return { again: job.is_processing, notModified: answer.notModified };
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        main.replaceChildren(h('section', { class: 'card' }, h('h1', { tabindex: -1 }, 'No such job'),
          h('p', {}, e.message), h('p', {}, h('a', { href: '#/' }, 'Back to all jobs'))));
      } else {
        actionMessage.error(`${e.message} Press Refresh to try again.`);
      }
      throw e;
    }
  }

  function show(next) {
    const before = job;
    job = next;
    section.dataset.jobStatus = job.status;
    section.dataset.processing = String(job.is_processing);
    badge.textContent = label(job.status);
    badge.dataset.status = job.status;
    meta.replaceChildren(`Pipeline `, h('strong', {}, job.pipeline), ` · created ${when(job.created_at)} · id `,
      h('code', {}, job.id));
    bar.set(job.progress, job.status);
    late.textContent = detail(job);
    late.hidden = !late.textContent;
    facts.replaceChildren(
      fact('Current step', job.current_step ?? '—'),
      fact('Time left', eta(job), 'eta'),
      fact('Cost so far', cost(job.cost_usd), 'cost'),
      fact('Started', when(job.started_at)),
      fact('Finished', when(job.finished_at)));
    showProblem();
    showActions();
    showReview();
    steps.replaceChildren(...job.steps.map((record) => step(record, record.name === job.current_step ? job.unit : null)));
    if (before && before.status !== job.status) announce(`Job ${label(job.status).toLowerCase()}.`);
  }

  function showProblem() {
    problem.hidden = !job.error;
    if (job.error) {
      problem.replaceChildren(h('h2', {}, job.status === 'failed' ? 'The job stopped' : 'Something went wrong'),
        h('p', { class: 'problem-message' }, job.error.message),
        job.status === 'failed' ? h('p', { class: 'hint' }, 'Retry goes on from the step that failed; finished steps are kept.') : null);
    }
  }

  function showActions() {
    const available = [];
    if (job.status === 'created') available.push(['start', 'Start', () => act('process', 'Started.')]);
    if (job.status === 'failed') available.push(['retry', 'Retry', () => act('retry', 'Retrying from the failed step.')]);
    if (job.is_processing && !job.cancel_requested) {
      available.push(['cancel', 'Cancel job', () => act('cancel', 'Cancel requested.'), 'danger']);
    }
    available.push(['refresh', 'Refresh', () => { actionMessage.clear(); poller.start(); }]);
    const key = available.map(([name]) => name).join(',');
    if (key === actionsKey) return; // unchanged: keep the buttons, and whatever has the focus
    actionsKey = key;
    replaceKeepingFocus(actions, available.map(([name, text, onclick, kind]) =>
      h('button', { type: 'button', id: `action-${name}`, class: kind ?? (name === 'refresh' ? '' : 'primary'), onclick, dataset: { focusKey: name } }, text)));
  }

  function showReview() {
    const open = job.status === 'awaiting_review' && job.review_items.length > 0;
    const key = open ? job.review_items.map((item) => item.id).join('\u0000') : '';
    review.hidden = !open;
    if (key === reviewKey) return; // never rebuild a form someone is filling in
    reviewKey = key;
    review.replaceChildren(...(open ? reviewForm(job.review_items, resume) : []));
  }

  async function act(action, done, body) {
    actionMessage.clear();
    actions.querySelectorAll('button').forEach((button) => { button.disabled = true; });
    try {
      const answer = await call(`jobs/${encodeURIComponent(id)}/${action}`, { method: 'POST', body });
      const updated = action === 'process' ? answer.data.job : answer.data;
      etag = null;
      actionMessage.info(done);
      show(updated);
      history.changed();
      return true;
    } catch (e) {
      actionMessage.error(e.message);
      return false;
    } finally {
      actions.querySelectorAll('button').forEach((button) => { button.disabled = false; });
      poller.start();
    }
  }

  function resume(decisions) {
    return act('resume', 'Decisions sent: the job goes on.', { decisions });
  }

  poller.start();
  return { dispose: () => { clearInterval(countdown); poller.dispose(); } };
}

function fact(term, value, key) {
  return h('div', { dataset: key ? { fact: key } : {} }, h('dt', {}, term), h('dd', {}, value));
}

function step(record, unit) {
  const details = [];
  if (record.started_at) details.push(`started ${when(record.started_at)}`);
  if (record.duration_ms !== null && record.duration_ms !== undefined) details.push(`took ${duration(record.duration_ms)}`);
  if (record.units_total > 0) details.push(units(record, unit));
  if (record.attempts > 1) details.push(`${record.attempts} attempts`);
  if (record.cost_usd > 0) {
    details.push(record.last_run_cost_usd < record.cost_usd
      ? `${cost(record.cost_usd)} in all, ${cost(record.last_run_cost_usd)} this run` : cost(record.cost_usd));
  }
  return h('li', { class: 'step', dataset: { step: record.name, status: record.status } },
    h('span', { class: 'step-marker', 'aria-hidden': 'true' }),
    h('div', { class: 'step-body' },
      h('p', { class: 'step-title' }, h('strong', {}, record.name), ' ',
        h('span', { class: 'badge', dataset: { status: record.status } }, label(record.status))),
      details.length ? h('p', { class: 'step-details' }, details.join(' · ')) : null,
      record.error ? h('p', { class: 'step-error' }, record.error.message) : null,
      record.warnings.length ? h('ul', { class: 'warnings', 'aria-label': `Warnings of ${record.name}` },
        record.warnings.map((warning) => h('li', {}, warning))) : null));
}
