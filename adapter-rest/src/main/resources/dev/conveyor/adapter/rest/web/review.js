// The review form: each item awaiting a human, with its confidence, approved or rejected one by one or all at once.

import { h, messageBox } from './dom.js';

/** The form's children; {@code resume(decisions)} sends them and resolves to true when the job went on. */
export function reviewForm(items, resume) {
  const error = messageBox('review-error');
  const rows = items.map((item, index) => {
    const name = `decision-${index}`;
    const choice = (value, text) => h('label', { class: 'choice' },
      h('input', { type: 'radio', name, value, dataset: { item: item.id, decision: value } }), ` ${text}`);
    return h('fieldset', { class: 'review-item', dataset: { item: item.id } },
      h('legend', {}, item.label || `Item ${item.id}`),
      h('p', { class: 'hint' }, `Item ${item.id} · confidence ${Math.round(item.confidence * 100)} %`,
        item.requested_by ? ` · asked by ${item.requested_by}` : ''),
      h('div', { class: 'choices' }, choice('approve', 'Approve'), choice('reject', 'Reject')),
      h('label', { class: 'comment', for: `comment-${index}` }, 'Comment (optional)'),
      h('input', { type: 'text', id: `comment-${index}`, maxlength: 500, dataset: { comment: item.id } }));
  });
  const form = h('form', { id: 'review-form', novalidate: true, onsubmit: submit }, rows, error.element,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', id: 'review-submit' }, 'Resume with these decisions')));
  const setAll = (value) => {
    form.querySelectorAll(`input[type=radio][value=${value}]`).forEach((radio) => { radio.checked = true; });
    error.clear();
  };

  async function submit(event) {
    event.preventDefault();
    const decisions = [];
    for (const item of items) {
      const chosen = form.querySelector(`input[type=radio][data-item="${CSS.escape(item.id)}"]:checked`);
      if (!chosen) {
        error.error(`Decide on every item first: "${item.label || item.id}" has no decision.`);
        form.querySelector(`input[type=radio][data-item="${CSS.escape(item.id)}"]`).focus();
        return;
      }
      const comment = form.querySelector(`input[data-comment="${CSS.escape(item.id)}"]`).value.trim();
      decisions.push({ item_id: item.id, approved: chosen.value === 'approve', ...(comment ? { comment } : {}) });
    }
    const button = form.querySelector('#review-submit');
    button.disabled = true;
    try {
      await resume(decisions);
    } finally {
      button.disabled = false;
    }
  }

  return [
    h('h2', { id: 'review-title' }, 'Review needed'),
    h('p', {}, `${items.length === 1 ? 'One item needs' : `${items.length} items need`} your decision before the job goes on.`),
    h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'approve-all', onclick: () => setAll('approve') }, 'Approve all'),
      h('button', { type: 'button', id: 'reject-all', onclick: () => setAll('reject') }, 'Reject all')),
    form,
  ];
}
