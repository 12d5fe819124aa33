// The terminal: the same commands as the CLI, run against the page's world. The transcript is
// the world's up to the current time: scenario steps, the user's lines and the faults injected
// from the map, with their output as plain text (never markup). Up / down walk back through the
// lines typed.

import type { CommandOutput } from '@dockyard/cli';
import { formatDuration } from '@dockyard/runtime';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PageController } from '../app/page-controller.ts';
import type { FeedEntry } from '../time/time-machine.ts';

function Entry({ entry }: { entry: FeedEntry }) {
  const at = `[${formatDuration(entry.t)}]`;
  if (entry.source === 'user') return <CommandEntry at={at} who="$" line={entry.line} output={entry.output} />;
  if (entry.source === 'fault') {
    return (
      <div class={`entry fault${entry.failed ? ' failed' : ''}`} data-testid="fault-entry">
        <span class="at">{at}</span> {entry.failed ? '✕' : '!'} {entry.text}
      </div>
    );
  }
  const { event } = entry;
  if (event.kind !== 'run') {
    return (
      <div class="entry scenario">
        <span class="at">{at}</span> scenario {event.kind === 'fault' ? '!' : '✎'} {event.text}
      </div>
    );
  }
  return <CommandEntry at={at} who="scenario $" line={event.line} output={event.output} />;
}

function CommandEntry({ at, who, line, output }: { at: string; who: string; line: string; output: CommandOutput }) {
  return (
    <div class={`entry ${who === '$' ? 'user' : 'scenario'}`}>
      <div class="command">
        <span class="at">{at}</span> <span class="who">{who}</span> {line}
      </div>
      {output.stdout && <pre class="stdout">{output.stdout}</pre>}
      {output.stderr && <pre class="stderr">{output.stderr}</pre>}
      {output.exitCode !== 0 && <div class="exit">exit code {output.exitCode}</div>}
    </div>
  );
}

export function TerminalPanel({ page }: { page: PageController }) {
  const [line, setLine] = useState('');
  const [history, setHistory] = useState<string[]>([]);
  const [cursor, setCursor] = useState<number | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const transcript = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const feed = page.machine.feed;

  // Keep the newest output in view as it arrives.
  useEffect(() => {
    const el = transcript.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [feed.length, page.machine]);

  const submit = async () => {
    const typed = line;
    if (typed.trim() === '') return;
    setHistory((h) => [...h, typed]);
    setCursor(undefined);
    setLine('');
    setBusy(true);
    await page.run(typed);
    setBusy(false);
    // The field was disabled while the command ran, which took the focus away.
    setTimeout(() => input.current?.focus(), 0);
  };

  const walk = (direction: -1 | 1) => {
    if (history.length === 0) return;
    const from = cursor ?? history.length;
    const next = Math.min(Math.max(from + direction, 0), history.length);
    setCursor(next === history.length ? undefined : next);
    setLine(next === history.length ? '' : history[next]!);
  };

  return (
    <section class="panel terminal" aria-label="Terminal">
      <h2>Terminal</h2>
      <div class="transcript" ref={transcript} data-testid="transcript">
        {feed.length === 0 && <div class="muted">Type a command as you would after "dockyard": advance 30s, events, kubectl get pods, …</div>}
        {feed.map((entry, i) => (
          <Entry key={i} entry={entry} />
        ))}
      </div>
      <form
        class="prompt"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label class="mono" for="terminal-input">
          [{formatDuration(page.machine.now)}] dockyard&gt;
        </label>
        <input
          id="terminal-input"
          ref={input}
          data-testid="terminal-input"
          class="mono"
          autoComplete="off"
          spellcheck={false}
          disabled={busy}
          value={line}
          onInput={(e) => setLine((e.currentTarget as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowUp') {
              e.preventDefault();
              walk(-1);
            } else if (e.key === 'ArrowDown') {
              e.preventDefault();
              walk(1);
            }
          }}
        />
      </form>
    </section>
  );
}
