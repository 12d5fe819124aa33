// Runs a scenario on a fresh world with a manual clock: steps at their virtual times, faults,
// and expectations checked at a time, before a deadline, or at every moment. Prints a readable
// timeline; the result says whether every expectation held.

import { formatDuration } from '@dockyard/runtime';
import { runCommand } from '../cli.ts';
import { splitCommandLine } from '../command-line.ts';
import type { HostFiles, Session } from '../session.ts';
import { World } from '../world.ts';
import { findFault, FAULTS } from './faults.ts';
import { type CommandOutput, checkOutput } from './output-checks.ts';
import { type Scenario, type ScenarioExpectation, ScenarioError } from './scenario-file.ts';

/** How often `within` and `always` expectations are checked, in virtual time. */
export const POLL_INTERVAL_MS = 1000;

export interface ExpectationResult {
  expectation: ScenarioExpectation;
  passed: boolean;
  /** When it was decided. */
  time: number;
  /** Why it failed. */
  reason?: string;
}

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

export async function runScenario(scenario: Scenario, options: RunOptions): Promise<ScenarioResult> {
  for (const step of scenario.steps) {
    if (step.fault && !findFault(step.fault.type)) {
      const known = FAULTS.map((f) => f.type).join(', ') || 'none yet';
      throw new ScenarioError(`line ${step.line}: unknown fault type ${JSON.stringify(step.fault.type)} (known: ${known})`);
    }
  }
  const world = World.create(scenario.config);
  const { print } = options;
  const column = (time: number) => formatDuration(time).padEnd(9);
  const exec = async (line: string, stdin?: string): Promise<CommandOutput> => {
    const output = { stdout: '', stderr: '', exitCode: 0 };
    const session: Session = {
      world,
      files: options.files,
      env: {},
      ...(stdin === undefined ? {} : { stdin }),
      stdout: (text) => void (output.stdout += text),
      stderr: (text) => void (output.stderr += text),
      wait: async (ms) => {
        world.advance(ms);
        return world.engine.now <= scenario.duration + 10 * 60_000;
      },
      readLine: async () => null,
    };
    const words = splitCommandLine(line);
    output.exitCode = await runCommand(words[0] === 'dockyard' ? words.slice(1) : words, session);
    return output;
  };

  const { config } = scenario;
  print(`Scenario ${scenario.name} (seed ${config.seed}, ${config.nodes} node(s) of ${config.nodeCpu} CPU and ${config.nodeMemory})\n`);
  if (scenario.description) print(`${scenario.description.trim()}\n`);
  print('\n');

  const results: ExpectationResult[] = [];
  const open = new Set(scenario.expect);
  const decide = (expectation: ScenarioExpectation, passed: boolean, reason?: string) => {
    open.delete(expectation);
    results.push({ expectation, passed, time: world.engine.now, ...(reason === undefined ? {} : { reason }) });
  };
  const evaluate = async (expectation: ScenarioExpectation) => checkOutput(expectation, await exec(expectation.run));

  const checkDue = async () => {
    const now = world.engine.now;
    for (const expectation of [...open]) {
      if (expectation.at !== undefined && expectation.at <= now) {
        const reason = await evaluate(expectation);
        decide(expectation, reason === undefined, reason);
      } else if (expectation.within !== undefined) {
        const reason = await evaluate(expectation);
        if (reason === undefined) decide(expectation, true);
        else if (now >= expectation.within) decide(expectation, false, `not by ${formatDuration(expectation.within)}: ${reason}`);
      } else if (expectation.always) {
        const reason = await evaluate(expectation);
        if (reason !== undefined) decide(expectation, false, `at ${formatDuration(now)}: ${reason}`);
      }
    }
  };

  const steps = [...scenario.steps].sort((a, b) => a.at - b.at);
  let next = 0;
  for (;;) {
    await checkDue();
    while (next < steps.length && steps[next]!.at <= world.engine.now) {
      const step = steps[next++]!;
      if (step.run !== undefined) {
        print(`${column(world.engine.now)}$ ${step.run}\n`);
        const output = await exec(step.run, step.stdin);
        const text = output.stdout + output.stderr;
        if (text) print(text.replace(/\n$/, '').replace(/^/gm, ' '.repeat(11)) + '\n');
        if (output.exitCode !== 0) print(`${' '.repeat(11)}(exit code ${output.exitCode})\n`);
      } else {
        const fault = findFault(step.fault!.type)!;
        print(`${column(world.engine.now)}! ${fault.apply(world, step.fault!.params)}\n`);
      }
      await checkDue();
    }
    const pending = [...open];
    if (next >= steps.length && pending.every((e) => e.always) && world.engine.now >= scenario.duration) break;
    const polling = pending.some((e) => e.within !== undefined || e.always);
    const candidates = [
      steps[next]?.at,
      ...pending.map((e) => e.at),
      polling ? world.engine.now + POLL_INTERVAL_MS : undefined,
      world.engine.now < scenario.duration ? scenario.duration : undefined,
    ].filter((t): t is number => t !== undefined && t > world.engine.now);
    if (candidates.length === 0) break;
    world.engine.runUntil(Math.min(...candidates));
  }
  for (const expectation of open) decide(expectation, true);

  print('\nExpectations:\n');
  results.sort((a, b) => scenario.expect.indexOf(a.expectation) - scenario.expect.indexOf(b.expectation));
  for (const result of results) {
    const when = result.expectation.always ? 'throughout' : `at ${formatDuration(result.time)}`;
    print(`  ${result.passed ? 'PASS' : 'FAIL'}  ${result.expectation.name} (${when})${result.reason ? `\n        ${result.reason}` : ''}\n`);
  }
  const failed = results.filter((r) => !r.passed).length;
  print(`\n${results.length - failed} passed, ${failed} failed\n`);
  return { passed: failed === 0, results, world };
}
