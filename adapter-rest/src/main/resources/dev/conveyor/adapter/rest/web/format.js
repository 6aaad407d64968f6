// How values read on the page.

import { serverNow } from './api.js';

export const JOB_STATUSES = ['created', 'queued', 'running', 'awaiting_review', 'completed', 'failed', 'cancelled'];

/** awaiting_review → "Awaiting review". */
export function label(status) {
  if (!status) return '—';
  const words = status.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** 850 → "850 ms", 12 300 → "12.3 s", 185 000 → "3 min 5 s". */
export function duration(ms) {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * What is left of a running job, from the instant it is expected done (estimated_completion_at, re-read at every
 * poll) and the server's clock now: called every second, it counts down between polls. "—" when nothing can be
 * said.
 */
export function eta(job) {
  if (!job.is_processing || !job.estimated_completion_at) return '—';
  const left = Math.ceil((Date.parse(job.estimated_completion_at) - serverNow()) / 1000);
  return left <= 1 ? 'any moment now' : `about ${duration(left * 1000)} left`;
}

/** The words for a job's status_detail ("taking longer than usual" → "Taking longer than usual"); "" without one. */
export function detail(job) {
  if (!job.is_processing || !job.status_detail) return '';
  return job.status_detail.charAt(0).toUpperCase() + job.status_detail.slice(1);
}

/** "3 / 10 files done" for a step that reported units (the unit named for the running step), else "". */
export function units(record, unit) {
  if (!(record.units_total > 0)) return '';
  return `${record.units_done} / ${record.units_total}${unit ? ` ${unit}` : ''} done`;
}

/** 0.0045 → "$0.0045", 12.5 → "$12.50". */
export function cost(usd) {
  if (!usd) return '$0';
  return usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

/** An instant in the reader's time zone: the time today, else the date and time. */
export function when(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  const today = new Date().toDateString() === date.toDateString();
  return today ? date.toLocaleTimeString() : date.toLocaleString();
}

export function shortId(id) {
  return id.slice(0, 8);
}
