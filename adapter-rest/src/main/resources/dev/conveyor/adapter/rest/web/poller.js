// Polling every 2 s while something is processing, and not at all once nothing is.

export const POLL_INTERVAL_MS = 2000;

const root = document.documentElement;

/**
 * Calls {@code tick} now and then every 2 s for as long as it resolves to true. Once it resolves to false (or
 * fails) polling stops until {@link Poller#start} is called again, on a user's action. The page's <html> element
 * tells anyone looking: data-polling is "active" or "stopped", data-polls counts the requests made and
 * data-not-modified the ones answered 304.
 */
export class Poller {
  #tick;
  #interval;
  #timer = null;
  #generation = 0;
  #disposed = false;

  constructor(tick, interval = POLL_INTERVAL_MS) {
    this.#tick = tick;
    this.#interval = interval;
  }

  /** Polls now, and on every interval while there is something to watch. */
  start() {
    if (this.#disposed) return;
    clearTimeout(this.#timer);
    this.#run(++this.#generation);
  }

  /** Stops for good: the view is gone. */
  dispose() {
    this.#disposed = true;
    clearTimeout(this.#timer);
    this.#generation++;
    root.dataset.polling = 'stopped';
  }

  async #run(generation) {
    this.#timer = null;
    root.dataset.polling = 'active';
    let again = false;
    try {
      const outcome = await this.#tick();
      again = outcome.again;
      count('polls');
      if (outcome.notModified) count('notModified');
    } catch {
      again = false;
    }
    if (this.#disposed || generation !== this.#generation) return; // a newer start() took over
    if (again) {
      this.#timer = setTimeout(() => this.#run(generation), this.#interval);
    } else {
      root.dataset.polling = 'stopped';
    }
  }
}

function count(name) {
  root.dataset[name] = String(Number(root.dataset[name] ?? 0) + 1);
}
