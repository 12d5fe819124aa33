// The page: header, time bar, the cluster views, the terminal and YAML editor, the events
// timeline. Keyboard: space plays or pauses, → runs on to the next event.

import { useEffect, useRef } from 'preact/hooks';
import { YamlEditorPanel } from '../editor/yaml-editor-panel.tsx';
import { EventsPanel } from '../events/events-panel.tsx';
import { TerminalPanel } from '../terminal/terminal-panel.tsx';
import { TimeBar } from '../time/time-bar.tsx';
import { ClusterPanel } from '../views/cluster-panel.tsx';
import type { ClusterView } from '../views/cluster-view.ts';
import { Header } from './header.tsx';
import type { PageController } from './page-controller.ts';
import { usePage } from './use-page.ts';
import { usePulse } from './use-pulse.ts';

/** Keys typed into these belong to them, not to the page's shortcuts. */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !['range', 'button', 'submit'].includes(target.type);
  return target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

/** The scrubber keeps its arrow keys (they move it); space still plays and pauses there. */
function ownsArrows(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement && target.type === 'range';
}

export function App({ page, views }: { page: PageController; views: readonly ClusterView[] }) {
  usePage(page);
  const root = useRef<HTMLDivElement>(null);
  usePulse(root);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isTextEntry(event.target)) return;
      if (event.key === ' ') {
        // Also on a focused button, whose own activation by space would toggle a second time.
        event.preventDefault();
        page.driver.toggle();
      } else if (event.key === 'ArrowRight' && !ownsArrows(event.target)) {
        event.preventDefault();
        void page.step();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [page]);

  return (
    <div class="app" ref={root} data-ready={page.loading ? undefined : 'true'}>
      <Header page={page} />
      <TimeBar page={page} />
      {page.error !== undefined && (
        <div class="banner error" role="alert" data-testid="error">
          {page.error}
        </div>
      )}
      {page.notice !== undefined && (
        <div class="banner notice" role="status" data-testid="notice">
          {page.notice}
        </div>
      )}
      <main class="panels">
        <ClusterPanel page={page} views={views} />
        <div class="side">
          <TerminalPanel page={page} />
          <YamlEditorPanel page={page} />
        </div>
        <EventsPanel page={page} />
      </main>
    </div>
  );
}
