// Small helpers to build the page with the DOM, never with HTML strings (so nothing the API returns is markup).

/** An element: h('a', {href: '#/', class: 'x', onclick: f, dataset: {id: 1}}, 'text', child, [more]). */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'value' || name === 'checked') element[name] = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  element.append(...children.flat(Infinity).filter((child) => child !== undefined && child !== null && child !== false));
  return element;
}

/** A progress bar for screen readers and eyes alike: role="progressbar" with aria-valuenow, and the number. */
export function progressBar(label) {
  const fill = h('span', { class: 'progress-fill' });
  const bar = h('span', {
    class: 'progress', role: 'progressbar', 'aria-label': label,
    'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': 0,
  }, fill);
  const text = h('span', { class: 'progress-text' }, '0 %');
  const element = h('span', { class: 'progress-row' }, bar, text);
  return {
    element,
    set(value, status) {
      const percent = Math.max(0, Math.min(100, Math.round(value)));
      bar.setAttribute('aria-valuenow', String(percent));
      bar.setAttribute('aria-valuetext', `${percent} %`);
      bar.dataset.status = status ?? '';
      fill.style.width = `${percent}%`; // CSSOM, which the page's Content-Security-Policy allows
      text.textContent = `${percent} %`;
    },
  };
}

/**
 * Rebuilds what is inside {@code container} and puts the keyboard focus back on the element with the same
 * data-focus-key, so a refresh every 2 s never throws a keyboard user out of the page.
 */
export function replaceKeepingFocus(container, ...children) {
  const focused = document.activeElement;
  const key = focused && container.contains(focused) ? focused.dataset.focusKey : undefined;
  container.replaceChildren(...children.flat());
  if (key) {
    container.querySelector(`[data-focus-key="${CSS.escape(key)}"]`)?.focus();
  }
}

/** Says something to screen-reader users without moving their focus. */
export function announce(message) {
  const announcer = document.getElementById('announcer');
  if (announcer) {
    announcer.textContent = '';
    requestAnimationFrame(() => { announcer.textContent = message; });
  }
}

/** A message box: role="alert" for errors (read at once), "status" for the rest. */
export function messageBox(id) {
  const element = h('p', { id, class: 'message', hidden: true });
  return {
    element,
    error(text) { show(element, text, 'alert', 'error'); },
    info(text) { show(element, text, 'status', 'info'); },
    clear() { element.hidden = true; element.textContent = ''; element.removeAttribute('role'); },
  };
}

function show(element, text, role, kind) {
  element.setAttribute('role', role);
  element.dataset.kind = kind;
  element.textContent = text;
  element.hidden = false;
}
