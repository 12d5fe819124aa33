// The cluster area: one tab per registered view; the shown view gets the world at the current time.
import { useCallback } from 'preact/hooks';
import type { PageController } from '../app/page-controller.ts';
import type { ClusterView } from './cluster-view.ts';

export function ClusterPanel({ page, views }: { page: PageController; views: readonly ClusterView[] }) {
  const active = views.find((v) => v.id === page.view) ?? views[0];
  const { machine } = page;
  // One function for the page's life: views pass it down to memoized parts.
  const select = useCallback((selection: string | undefined) => page.select(selection), [page]);
  const fault = useCallback((type: string, params: Readonly<Record<string, string>>) => page.fault(type, params), [page]);
  const choose = useCallback((pick: string | undefined) => page.choose(pick), [page]);
  const show = useCallback((view: string, pick?: string) => page.showView(view, pick), [page]);
  return (
    <section class="panel cluster" aria-label="Cluster">
      <div class="tabs" role="tablist">
        {views.map((view) => (
          <button
            key={view.id}
            role="tab"
            data-testid={`view-tab-${view.id}`}
            aria-selected={view === active}
            class={view === active ? 'tab active' : 'tab'}
            onClick={() => page.showView(view.id)}
          >
            {view.title}
          </button>
        ))}
      </div>
      <div class="view" role="tabpanel" data-testid="cluster-view">
        {active && (
          <active.component
            world={machine.world}
            now={machine.now}
            revision={page.revision}
            machine={machine}
            selection={page.selection}
            select={select}
            pick={page.pick}
            choose={choose}
            show={show}
            fault={fault}
          />
        )}
      </div>
    </section>
  );
}
