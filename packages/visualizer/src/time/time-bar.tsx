// The time bar: play / pause, speed, step to the next event, jump to a time, and a scrubber with
// a mark for every moment something happened (log records seen on this branch, scenario steps,
// the user's own commands).

import { formatDuration, toRFC3339 } from '@dockyard/runtime';
import { useMemo, useState } from 'preact/hooks';
import type { PageController } from '../app/page-controller.ts';
import { parseTime } from '../url/url-state.ts';
import { SPEEDS } from './clock-driver.ts';

/** The scrubber reaches a little past the furthest known time, so there is room to play into. */
function scrubberEnd(horizon: number): number {
  const padded = horizon * 1.25 + 30_000;
  const step = padded > 600_000 ? 60_000 : 10_000;
  return Math.ceil(padded / step) * step;
}

/** Columns of the marks' drawing, 1,000 wide: finer than the scrubber's pixels. */
const MARK_COLUMNS = 1000;

/**
 * One path for all marks, one stroke per column that holds any: a long run has tens of thousands
 * of moments (a busy cluster adds some every frame), the drawing at most 1,001 strokes.
 */
function MarksPath({ seen, extra, end }: { seen: readonly number[]; extra: readonly number[]; end: number }) {
  const d = useMemo(() => {
    const lit = new Uint8Array(MARK_COLUMNS + 1);
    for (const t of seen) lit[Math.round((Math.min(t, end) / end) * MARK_COLUMNS)] = 1;
    for (const t of extra) lit[Math.round((Math.min(t, end) / end) * MARK_COLUMNS)] = 1;
    let path = '';
    for (let x = 0; x <= MARK_COLUMNS; x++) if (lit[x] === 1) path += `M${x} 2V18`;
    return path;
  }, [seen, seen.length, extra, end]);
  // How many moments: the seen ones are unique and ascending; steps and inputs may fall on them.
  const count = seen.length + extra.filter((t) => !includesSorted(seen, t)).length;
  return (
    <svg class="marks" aria-hidden="true" data-testid="marks" data-count={count} viewBox={`0 0 ${MARK_COLUMNS} 20`} preserveAspectRatio="none">
      <path d={d} />
    </svg>
  );
}

export function TimeBar({ page }: { page: PageController }) {
  const { machine, driver } = page;
  const [jumpText, setJumpText] = useState('');
  const now = machine.now;
  const end = scrubberEnd(machine.horizon);
  const extraMarks = useMemo(
    () => [...new Set([...machine.scenario.steps.map((s) => s.at), ...machine.inputs.map((i) => i.t)])],
    [machine, machine.inputs.length],
  );
  const jump = () => {
    const t = parseTime(jumpText);
    if (t === undefined) {
      page.fail(`"${jumpText}" is not a time: write a duration such as 90s or 1m30s.`);
      return;
    }
    driver.pause();
    void page.seek(t);
  };
  return (
    <div class="time-bar" role="toolbar" aria-label="Virtual time">
      <button data-testid="play" class="play" title="Play / pause (space)" onClick={() => driver.toggle()}>
        {driver.playing ? 'Pause' : 'Play'}
      </button>
      <label>
        Speed{' '}
        <select
          data-testid="speed"
          value={String(driver.speed)}
          onChange={(e) => (driver.speed = Number((e.currentTarget as HTMLSelectElement).value))}
        >
          {SPEEDS.map((s) => (
            <option key={s} value={String(s)}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <button data-testid="step" title="Next event (→)" onClick={() => void page.step()}>
        Next event →
      </button>
      <form
        class="jump"
        onSubmit={(e) => {
          e.preventDefault();
          jump();
        }}
      >
        <input
          data-testid="jump-input"
          placeholder="1m30s"
          aria-label="Jump to a virtual time"
          value={jumpText}
          onInput={(e) => setJumpText((e.currentTarget as HTMLInputElement).value)}
        />
        <button data-testid="jump" type="submit">
          Jump
        </button>
      </form>
      <output class="clock" data-testid="virtual-time" title={toRFC3339(now)}>
        {formatDuration(now)}
      </output>
      <div class="scrubber">
        <div class="track">
          <MarksPath seen={machine.marks} extra={extraMarks} end={end} />
          <input
            data-testid="scrubber"
            type="range"
            min={0}
            max={end}
            step={100}
            value={now}
            aria-label="Scrub virtual time"
            aria-valuetext={formatDuration(now)}
            onInput={(e) => {
              driver.pause();
              void page.seek(Number((e.currentTarget as HTMLInputElement).value));
            }}
          />
        </div>
        <span class="end muted">{formatDuration(end)}</span>
      </div>
    </div>
  );
}

function includesSorted(sorted: readonly number[], t: number): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] === t) return true;
    if (sorted[mid]! < t) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}
