// A new job: a registered pipeline and a JSON input, checked here before it is sent; nothing typed is ever lost.

import { call } from './api.js';
import { h, messageBox } from './dom.js';

/** What was typed, kept while the tab lives: leaving the form and coming back finds it as it was. */
const draft = { pipeline: '', input: '', start: true };

export function submitView(main) {
  const pipeline = h('select', { id: 'pipeline', name: 'pipeline', required: true, 'aria-describedby': 'pipeline-steps',
    onchange: () => { draft.pipeline = pipeline.value; describe(); } });
  const stepsHint = h('p', { id: 'pipeline-steps', class: 'hint' }, 'Loading the pipelines…');
  const input = h('textarea', {
    id: 'input', name: 'input', rows: 10, spellcheck: 'false', autocapitalize: 'off', autocomplete: 'off',
    'aria-describedby': 'input-hint input-error', oninput: () => { draft.input = input.value; clearInputError(); },
  });
  const inputError = messageBox('input-error');
  const start = h('input', { type: 'checkbox', id: 'start', name: 'start', checked: draft.start,
    onchange: () => { draft.start = start.checked; } });
  const formError = messageBox('submit-error');
  const button = h('button', { type: 'submit', class: 'primary', id: 'submit-job' }, 'Submit job');
  const form = h('form', { id: 'submit-form', class: 'card', novalidate: true, onsubmit: submit },
    h('div', { class: 'field' }, h('label', { for: 'pipeline' }, 'Pipeline'), pipeline, stepsHint),
    h('div', { class: 'field' }, h('label', { for: 'input' }, 'Input (JSON)'), input,
      h('p', { id: 'input-hint', class: 'hint' }, 'A JSON object: what the pipeline works on, e.g. {"files": 3}.'),
      inputError.element),
    h('div', { class: 'field checkbox' }, start, h('label', { for: 'start' }, 'Start it now')),
    formError.element,
    button);

  document.title = 'New job — Conveyor';
  main.replaceChildren(h('h1', { tabindex: -1 }, 'New job'), form);
  input.value = draft.input;

  let pipelines = [];
  call('pipelines').then(({ data }) => {
    pipelines = data;
    pipeline.replaceChildren(...data.map((p) => h('option', { value: p.name }, p.name)));
    if (data.some((p) => p.name === draft.pipeline)) pipeline.value = draft.pipeline;
    draft.pipeline = pipeline.value;
    describe();
    if (!draft.input) {
      input.value = example(data.find((p) => p.name === pipeline.value));
      draft.input = input.value;
    }
  }).catch((e) => { stepsHint.textContent = e.message; });

  function describe() {
    const chosen = pipelines.find((p) => p.name === pipeline.value);
    stepsHint.textContent = chosen ? `Steps: ${chosen.steps.map((s) => s.name).join(' → ')}` : '';
  }

  function clearInputError() {
    inputError.clear();
    input.removeAttribute('aria-invalid');
  }

  async function submit(event) {
    event.preventDefault();
    formError.clear();
    const parsed = parse(input.value);
    if (parsed.error) {
      inputError.error(parsed.error);
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    if (!pipeline.value) {
      formError.error('Choose a pipeline first.');
      pipeline.focus();
      return;
    }
    button.disabled = true;
    try {
      const { data } = await call('jobs', { method: 'POST', body: { pipeline: pipeline.value, input: parsed.value, start: start.checked } });
      draft.input = '';
      location.hash = `#/jobs/${data.id}`;
    } catch (e) {
      formError.error(e.message);
    } finally {
      button.disabled = false;
    }
  }

  return { dispose() {} };
}

/** The input as an object, or an error that says where the JSON goes wrong. */
export function parse(text) {
  if (!text.trim()) return { error: 'The input is empty: write a JSON object, such as {} for no input.' };
  let value;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { error: `The input is not valid JSON: ${e.message}${where(text, e.message)}. Nothing was sent; fix it and submit again.` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { error: 'The input must be a JSON object, in braces: {"name": value, …}. Nothing was sent.' };
  }
  return { value };
}

/** " (line 2, column 5)" when the parser names a position its message does not already put in lines. */
function where(text, message) {
  const match = /position (\d+)/.exec(message);
  if (!match || /line \d+/.test(message)) return '';
  const before = text.slice(0, Number(match[1])).split('\n');
  return ` (line ${before.length}, column ${before[before.length - 1].length + 1})`;
}

/** A start for the input: one unit of whatever the pipeline's estimates count, else an empty object. */
function example(chosen) {
  const key = chosen?.steps.map((s) => s.estimate?.units_key).find(Boolean);
  return key ? `{\n  "${key}": 1\n}` : '{\n}';
}
