// Faults a scenario (or the visualizer) can inject: node down/up, kill a container, memory leak,
// registry outage, network partition. Each component that can fail contributes its faults here.
import type { World } from '../world.ts';

export interface FaultDefinition {
  readonly type: string;
  /** One line for docs and error messages: what it does and its parameters. */
  readonly summary: string;
  /** Applies the fault now; returns a line for the timeline, or throws with a message naming the bad parameter. */
  apply(world: World, params: Readonly<Record<string, unknown>>): string;
}

export const FAULTS: readonly FaultDefinition[] = [];

export function findFault(type: string): FaultDefinition | undefined {
  return FAULTS.find((f) => f.type === type);
}
