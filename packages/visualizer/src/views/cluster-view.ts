// The extension point of the page's cluster area: a view is a Preact component that draws the
// world at the current virtual time. Views read the World (and the time machine's read-only
// parts); they never run their own simulation, keep no copy of cluster state between renders,
// and never change the world: what they show at time t is exactly the engine's state at t.

import type { World } from '@dockyard/cli';
import type { ComponentType } from 'preact';
import type { TimeMachine } from '../time/time-machine.ts';

export interface ViewProps {
  /** The world at `now`: the engine has run every task due up to it. Read only. */
  readonly world: World;
  /** The virtual time shown, in ms. */
  readonly now: number;
  /**
   * Changes whenever the world may have changed (every frame that moved time, every command,
   * every rewind): use it as the key of `useMemo` for what a view derives from the world.
   */
  readonly revision: number;
  /** The scenario, its player (steps done, expectations decided), the user's files and the terminal's feed. */
  readonly machine: TimeMachine;
  /** The selected object, as the events' OBJECT column names it (`pod/web-1`); it is in the URL. */
  readonly selection: string | undefined;
  /** Selects an object (or nothing): the events panel filters to it and the URL keeps it. */
  select(selection: string | undefined): void;
  /** What this view shows in detail, in its own words (the Requests tab: a request's id); it is in the URL. */
  readonly pick: string | undefined;
  /** Chooses what the view shows in detail (or nothing); the URL keeps it until another view is shown. */
  choose(pick: string | undefined): void;
  /** Shows another view, with what it should show in detail (a pod's image in the Images tab). */
  show(view: string, pick?: string): void;
  /**
   * Injects a scenario fault now (`kill-pod`, `node-down` ...; see the CLI's FAULTS): a user input
   * of the time machine, replayed after a rewind. The only way a view changes the world; what the
   * world refuses is shown as the page's error.
   */
  fault(type: string, params: Readonly<Record<string, string>>): Promise<void>;
}

export interface ClusterView {
  /** Stable and URL-safe: the link's `view=` names it. */
  readonly id: string;
  /** The tab's label. */
  readonly title: string;
  readonly component: ComponentType<ViewProps>;
}
