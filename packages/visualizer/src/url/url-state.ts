// What a shared link carries, in the URL's hash: `#scenario=clock&seed=7&t=1m30s&view=world&sel=pod%2Fweb`,
// and what the view has open (`view=requests&pick=812`).
// Opening the link plays the scenario with that seed up to that time and selects the same things.
// Times are written as durations (`1m30s`, `250ms`) so a person can read and edit them.

import { formatDuration, parseDuration } from '@dockyard/runtime';

export interface UrlState {
  /** An example's id; undefined for the empty cluster. */
  scenario?: string;
  seed?: number;
  /** Virtual time in ms. */
  t: number;
  /** The cluster view shown. */
  view?: string;
  /** The selected object, as the events' OBJECT column names it (`pod/web-1`). */
  selection?: string;
  /** What the view has chosen to show in detail, in the view's own words (a request, an image). */
  pick?: string;
}

export function parseUrlState(hash: string): UrlState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const state: UrlState = { t: 0 };
  const scenario = params.get('scenario');
  if (scenario) state.scenario = scenario;
  const seed = params.get('seed');
  if (seed !== null && /^-?\d+$/.test(seed) && Number.isSafeInteger(Number(seed))) state.seed = Number(seed);
  const t = params.get('t');
  if (t) state.t = parseTime(t) ?? 0;
  const view = params.get('view');
  if (view) state.view = view;
  const selection = params.get('sel');
  if (selection) state.selection = selection;
  const pick = params.get('pick');
  if (pick) state.pick = pick;
  return state;
}

export function formatUrlState(state: UrlState): string {
  const params = new URLSearchParams();
  if (state.scenario !== undefined) params.set('scenario', state.scenario);
  if (state.seed !== undefined) params.set('seed', String(state.seed));
  params.set('t', formatDuration(state.t));
  if (state.view !== undefined) params.set('view', state.view);
  if (state.selection !== undefined) params.set('sel', state.selection);
  if (state.pick !== undefined) params.set('pick', state.pick);
  return '#' + params.toString();
}

/** A time as typed by a person: a duration (`90s`, `1m30s`) or a bare number of seconds; undefined if neither. */
export function parseTime(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  try {
    const ms = parseDuration(trimmed);
    return ms >= 0 ? ms : undefined;
  } catch {
    return undefined;
  }
}
