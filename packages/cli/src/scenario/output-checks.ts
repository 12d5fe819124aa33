// Checks of a command's output in a scenario expectation; each failed check says what it saw.
import type { NumberBounds, OutputChecks } from './scenario-file.ts';

export interface CommandOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Undefined when every check holds, else why the first one does not. */
export function checkOutput(checks: OutputChecks, output: CommandOutput): string | undefined {
  const full = checks.stream === 'stderr' ? output.stderr : output.stdout;
  const text = full.trimEnd();
  const shown = JSON.stringify(text.length > 200 ? text.slice(0, 200) + '…' : text);
  if (checks.exitCode !== undefined && output.exitCode !== checks.exitCode) {
    return `exit code ${output.exitCode}, expected ${checks.exitCode}${output.stderr ? ` (${output.stderr.trim()})` : ''}`;
  }
  if (checks.equals !== undefined && text !== checks.equals) return `output ${shown}, expected ${JSON.stringify(checks.equals)}`;
  if (checks.contains !== undefined && !full.includes(checks.contains)) {
    return `output ${shown} does not contain ${JSON.stringify(checks.contains)}`;
  }
  if (checks.notContains !== undefined && full.includes(checks.notContains)) {
    return `output ${shown} contains ${JSON.stringify(checks.notContains)}`;
  }
  if (checks.matches !== undefined && !new RegExp(checks.matches, 'm').test(full)) {
    return `output ${shown} does not match /${checks.matches}/`;
  }
  if (checks.lines !== undefined) {
    const count = text === '' ? 0 : text.split('\n').filter((line) => line.trim() !== '').length;
    const problem = checkBounds(count, checks.lines);
    if (problem) return `${count} line(s) of output, expected ${problem}`;
  }
  if (checks.number !== undefined) {
    const value = Number(text);
    if (text === '' || Number.isNaN(value)) return `output ${shown} is not a number`;
    const problem = checkBounds(value, checks.number);
    if (problem) return `output ${value}, expected ${problem}`;
  }
  return undefined;
}

function checkBounds(value: number, bounds: NumberBounds): string | undefined {
  if (bounds.equals !== undefined && value !== bounds.equals) return `exactly ${bounds.equals}`;
  if (bounds.atLeast !== undefined && value < bounds.atLeast) return `at least ${bounds.atLeast}`;
  if (bounds.atMost !== undefined && value > bounds.atMost) return `at most ${bounds.atMost}`;
  return undefined;
}
