// The events timeline up to the current time. By default the cluster's Kubernetes Events, one row
// per Event as `kubectl get events -A` lists them, with a per-object filter (the page's selection,
// kept in the link) and a warnings-only toggle: what a user of kubectl would look at. The raw view
// is the whole engine log as `dockyard events` prints it (API writes, controller decisions,
// kube-proxy syncs, container records ...): everything that happened, not only what was reported.
// The newest rows are at the bottom.

import { formatRecord } from '@dockyard/cli';
import { formatDuration } from '@dockyard/runtime';
import type { LogRecord } from '@dockyard/runtime';
import type { VNode } from 'preact';
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PageController } from '../app/page-controller.ts';
import { type Drawn, memoNode } from '../views/memo-node.ts';
import { type EventRow, EventRows, lastSeen, matchesFilter } from './event-columns.ts';

/**
 * Rows drawn, the newest: while the clock plays, about what the panel shows at once; standing
 * still, a long stretch to scroll back through. Older ones are counted, not drawn (a long run logs
 * hundreds of thousands): every drawn row is painted, in view or not, and with 1,000 pods rolling
 * fifty rows cost a tenth of the frame. The oldest drawn rows are dropped TRIM_ROWS at a time,
 * not one per new Event: dropping a row moves every row below it, and moved rows are painted again.
 */
const PLAYING_ROWS = 15;
const STILL_ROWS = 200;
const TRIM_ROWS = 10;
/** Lines of the raw log drawn at most: one text block, cheap to draw. */
const MAX_RAW_LINES = 200;

export function EventsPanel({ page }: { page: PageController }) {
  const [warningsOnly, setWarningsOnly] = useState(false);
  const [raw, setRaw] = useState(false);
  const { world, now } = page.machine;
  const records = world.engine.log.records();
  const size = records.length;
  const selection = page.selection;

  const events = useRows(records);
  const { rows, changes } = events;
  const objects = events.objects;
  // The same vnode while the list is the same: Preact does not diff its (thousand) options again.
  const options = useMemo(() => <ObjectOptions objects={objects} />, [objects]);
  // Filtered again only when the rows, the object or the toggle change: a long run has thousands.
  const shown = useMemo(
    () => rows.filter((row) => matchesFilter(row, { ...(selection === undefined ? {} : { object: selection }), warningsOnly })),
    [events, changes, selection, warningsOnly],
  );
  const least = page.driver.playing ? PLAYING_ROWS : STILL_ROWS;
  const drawn = shown.slice(Math.max(0, Math.floor((shown.length - least) / TRIM_ROWS) * TRIM_ROWS));
  const rawDrawn = raw ? records.slice(-MAX_RAW_LINES) : [];
  const hidden = raw ? size - rawDrawn.length : shown.length - drawn.length;
  const body = useNewestInView();

  return (
    <section class="panel events" aria-label="Events">
      <div class="events-bar">
        <h2>Events</h2>
        <label>
          Object{' '}
          <select
            data-testid="events-object"
            disabled={raw}
            value={selection ?? ''}
            onChange={(e) => {
              const value = (e.currentTarget as HTMLSelectElement).value;
              page.select(value === '' ? undefined : value);
            }}
          >
            <option value="">all objects</option>
            {selection !== undefined && !objects.includes(selection) && <option value={selection}>{selection}</option>}
            {options}
          </select>
        </label>
        <label>
          <input
            data-testid="events-warnings"
            type="checkbox"
            disabled={raw}
            checked={warningsOnly}
            onChange={(e) => setWarningsOnly((e.currentTarget as HTMLInputElement).checked)}
          />{' '}
          Warnings only
        </label>
        <label title="Every record of the engine's log, as dockyard events prints it">
          <input data-testid="events-raw" type="checkbox" checked={raw} onChange={(e) => setRaw((e.currentTarget as HTMLInputElement).checked)} /> Raw log
        </label>
        <span class="muted" data-testid="events-count">
          {raw ? `${size} record(s)` : `${shown.length} of ${rows.length} event(s)`} at {formatDuration(now)}
        </span>
      </div>
      {/* The body keeps its newest rows in view as they arrive, as `kubectl get events -w` prints them. */}
      <div class="events-body" ref={body.ref} onScroll={body.onScroll}>
        <div class="drawn">
          {hidden > 0 && <div class="muted">… {hidden} earlier {raw ? 'record(s)' : 'event(s)'} not drawn</div>}
          {raw ? (
            size === 0 ? (
              <div class="muted">Nothing logged yet at {formatDuration(now)}.</div>
            ) : (
              <pre class="raw" data-testid="events-raw-log">
                {rawDrawn.map((record) => formatRecord(record) + '\n').join('')}
              </pre>
            )
          ) : rows.length === 0 ? (
            <div class="muted" data-testid="events-none">
              No Kubernetes Events yet at {formatDuration(now)} ({size} log record(s): see the raw log).
            </div>
          ) : (
            <table class="grid" data-testid="events-table">
              <thead>
                <tr>
                  <th>NAMESPACE</th>
                  <th>LAST SEEN</th>
                  <th>TYPE</th>
                  <th>REASON</th>
                  <th>OBJECT</th>
                  <th>MESSAGE</th>
                </tr>
              </thead>
              <tbody>
                {drawn.map((row) => rowNode(row, lastSeen(row, now), selection, page))}
              </tbody>
            </table>
          )}
        </div>
        <div class="newest" />
      </div>
    </section>
  );
}

/** Rows drawn, by row (rows are immutable; a repeat makes a new one): only rows whose LAST SEEN changed are diffed again. */
const rowNodes = new WeakMap<EventRow, Drawn>();

function rowNode(row: EventRow, seen: string, selection: string | undefined, page: PageController): VNode {
  return memoNode(rowNodes, row, [seen, selection, page], () => <EventRowView key={row.index} row={row} seen={seen} selection={selection} page={page} />);
}

function EventRowView({ row, seen, selection, page }: { row: EventRow; seen: string; selection: string | undefined; page: PageController }) {
  return (
    <tr class={row.type === 'Warning' ? 'warning' : undefined} title={`${row.source}: first seen at ${formatDuration(row.firstSeen)}, last at ${formatDuration(row.t)}, count ${row.count}`}>
      <td>{row.namespace}</td>
      <td>{seen}</td>
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
  );
}

function ObjectOptions({ objects }: { objects: readonly string[] }) {
  return (
    <>
      {objects.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </>
  );
}

/**
 * Keeps a scrolling box at its end while the user has not scrolled away from it. Once scrolled
 * down, the browser's scroll anchoring holds the box to its `.newest` marker (styles.css) as rows
 * come and go above it, without a script reading the layout each frame; the script scrolls only
 * when anchoring cannot (the box is at its top, as it is before its rows first overflow).
 */
function useNewestInView() {
  const ref = useRef<HTMLDivElement>(null);
  const follow = useRef({ atEnd: true, anchored: false });
  useLayoutEffect(() => {
    const box = ref.current;
    if (box !== null && follow.current.atEnd && !follow.current.anchored) box.scrollTop = box.scrollHeight;
  });
  const onScroll = (event: Event) => {
    const box = event.currentTarget as HTMLDivElement;
    follow.current = { atEnd: box.scrollHeight - box.clientHeight - box.scrollTop < 2, anchored: box.scrollTop > 0 };
  };
  return { ref, onScroll };
}

/**
 * The log's Events as rows, each record read once: the log only grows between rewinds (the same
 * array, longer), and a rewind hands over a new array.
 */
function useRows(records: readonly LogRecord[]): EventRows {
  const cache = useRef<{ records: readonly LogRecord[]; rows: EventRows }>({ records, rows: new EventRows() });
  if (cache.current.records !== records || cache.current.rows.read > records.length) cache.current = { records, rows: new EventRows() };
  cache.current.rows.catchUp(records);
  return cache.current.rows;
}
