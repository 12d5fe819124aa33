// Runs a scenario to its end on a fresh world with a manual clock (`dockyard scenario run`):
// plays it with a ScenarioPlayer, prints a readable timeline, and reports every expectation.

import { formatDuration } from '@dockyard/runtime';
import type { HostFiles } from '../session.ts';
import { World } from '../world.ts';
import { type ExpectationResult, ScenarioPlayer } from './scenario-player.ts';
import type { Scenario } from './scenario-file.ts';

export interface ScenarioResult {
  passed: boolean;
  results: ExpectationResult[];
  world: World;
}

export interface RunOptions {
  /** The scenario's files, already loaded. */
  files: HostFiles;
  /** Where the timeline goes. */
  print(text: string): void;
}

const INDENT = ' '.repeat(11);

export async function runScenario(scenario: Scenario, options: RunOptions): Promise<ScenarioResult> {
  const { print } = options;
  const column = (time: number) => formatDuration(time).padEnd(9);
  const world = World.create(scenario.config);
  const player = new ScenarioPlayer(scenario, {
    world,
    files: options.files,
    onStep(event) {
      if (event.kind === 'fault') {
        print(`${column(event.time)}! ${event.text}\n`);
        return;
      }
      if (event.kind === 'write') {
        print(`${column(event.time)}✎ ${event.text}\n`);
        return;
      }
      const { output } = event;
      print(`${column(event.time)}$ ${event.line}\n`);
      const text = output.stdout + output.stderr;
      if (text) print(text.replace(/\n$/, '').replace(/^/gm, INDENT) + '\n');
      if (output.exitCode !== 0) print(`${INDENT}(exit code ${output.exitCode})\n`);
    },
  });

  const { config } = scenario;
  print(`Scenario ${scenario.name} (seed ${config.seed}, ${config.nodes} node(s) of ${config.nodeCpu} CPU and ${config.nodeMemory})\n`);
  if (scenario.description) print(`${scenario.description.trim()}\n`);
  print('\n');

  while (player.wake !== undefined) await player.advanceTo(player.wake);
  const results = player.finish();

  print('\nExpectations:\n');
  for (const result of results) {
    const when = result.expectation.always ? 'throughout' : `at ${formatDuration(result.time)}`;
    print(`  ${result.passed ? 'PASS' : 'FAIL'}  ${result.expectation.name} (${when})${result.reason ? `\n        ${result.reason}` : ''}\n`);
  }
  const failed = results.filter((r) => !r.passed).length;
  print(`\n${results.length - failed} passed, ${failed} failed\n`);
  return { passed: failed === 0, results, world };
}
