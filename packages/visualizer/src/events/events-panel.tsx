// The events timeline: the engine's event log up to the current time, as `kubectl get events`
// columns or as the raw records `dockyard events` prints, with a per-object filter (the page's
// selection, kept in the link) and a warnings-only toggle. The newest rows are at the bottom.

import { formatRecord } from '@dockyard/cli';
import { formatDuration } from '@dockyard/runtime';
import type { LogRecord } from '@dockyard/runtime';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PageController } from '../app/page-controller.ts';
import { type EventRow, eventRow, lastSeen, matchesFilter } from './event-columns.ts';

/** Rows drawn at most; older ones are counted, not drawn (a long run logs hundreds of thousands). */
export const MAX_ROWS = 200;

export function EventsPanel({ page }: { page: PageController }) {
  const [warningsOnly, setWarningsOnly] = useState(false);
  const [raw, setRaw] = useState(false);
  const { world, now } = page.machine;
  const records = world.engine.log.records();
  const size = records.length;
  const selection = page.selection;

  const rows = useRows(records);
  const objects = useMemo(() => [...new Set(rows.map((r) => r.object).filter((o) => o !== ''))].sort(), [rows, rows.length]);
  const shown = rows.filter((row) => matchesFilter(row, { ...(selection === undefined ? {} : { object: selection }), warningsOnly }));
  const drawn = shown.slice(-MAX_ROWS);
  const body = useRef<HTMLDivElement>(null);
  // Keep the newest rows in view as they arrive, as `kubectl get events -w` would print them.
  useEffect(() => {
    const el = body.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [size, records, raw]);

  return (
    <section class="panel events" aria-label="Events">
      <div class="events-bar">
        <h2>Events</h2>
        <label>
          Object{' '}
          <select
            data-testid="events-object"
            value={selection ?? ''}
            onChange={(e) => {
              const value = (e.currentTarget as HTMLSelectElement).value;
              page.select(value === '' ? undefined : value);
            }}
          >
            <option value="">all objects</option>
            {selection !== undefined && !objects.includes(selection) && <option value={selection}>{selection}</option>}
            {objects.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input data-testid="events-warnings" type="checkbox" checked={warningsOnly} onChange={(e) => setWarningsOnly((e.currentTarget as HTMLInputElement).checked)} />{' '}
          Warnings only
        </label>
        <label>
          <input data-testid="events-raw" type="checkbox" checked={raw} onChange={(e) => setRaw((e.currentTarget as HTMLInputElement).checked)} /> Raw log
        </label>
        <span class="muted" data-testid="events-count">
          {shown.length} of {size} record(s) at {formatDuration(now)}
        </span>
      </div>
      <div class="events-body" ref={body}>
        {shown.length > drawn.length && <div class="muted">… {shown.length - drawn.length} earlier record(s) not drawn</div>}
        {size === 0 ? (
          <div class="muted">No events yet at {formatDuration(now)}.</div>
        ) : raw ? (
          <pre class="raw" data-testid="events-raw-log">
            {drawn.map((row) => formatRecord(records[row.index]!) + '\n').join('')}
          </pre>
        ) : (
          <table class="grid" data-testid="events-table">
            <thead>
              <tr>
                <th>LAST SEEN</th>
                <th>TYPE</th>
                <th>REASON</th>
                <th>OBJECT</th>
                <th>MESSAGE</th>
              </tr>
            </thead>
            <tbody>
              {drawn.map((row) => (
                <tr key={row.index} class={row.type === 'Warning' ? 'warning' : undefined} title={`at ${formatDuration(row.t)}`}>
                  <td>{lastSeen(row, now)}</td>
                  <td>{row.type}</td>
                  <td>{row.reason}</td>
                  <td>
                    {row.object && (
                      <button class="link" onClick={() => page.select(row.object === selection ? undefined : row.object)}>
                        {row.object}
                      </button>
                    )}
                  </td>
                  <td>{row.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}

/**
 * The log's records as rows, converted once each: the log only grows between rewinds (the same
 * array, longer), and a rewind hands over a new array.
 */
function useRows(records: readonly LogRecord[]): EventRow[] {
  const cache = useRef<{ records: readonly LogRecord[]; rows: EventRow[] }>({ records, rows: [] });
  if (cache.current.records !== records || cache.current.rows.length > records.length) cache.current = { records, rows: [] };
  const { rows } = cache.current;
  for (let i = rows.length; i < records.length; i++) rows.push(eventRow(records[i]!, i));
  return rows;
}
