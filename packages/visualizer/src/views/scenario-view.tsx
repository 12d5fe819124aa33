// The scenario being played: its steps (done or still to come) and its expectations as they are
// decided, PASS or FAIL with the reason, exactly as `dockyard scenario run` decides them.

import { formatDuration } from '@dockyard/runtime';
import type { ClusterView, ViewProps } from './cluster-view.ts';

function ScenarioProgress({ machine, now }: ViewProps) {
  const { scenario, player } = machine;
  const pending = new Set(player.pendingSteps);
  const decided = new Map(player.results.map((r) => [r.expectation, r]));
  return (
    <div class="scenario-view">
      <h3>{scenario.name}</h3>
      {scenario.description && <p class="description">{scenario.description}</p>}
      {scenario.steps.length === 0 && scenario.expect.length === 0 && (
        <p class="muted">No scenario steps: run commands in the terminal or apply YAML from the editor.</p>
      )}
      {scenario.steps.length > 0 && (
        <table class="grid" data-testid="scenario-steps">
          <thead>
            <tr>
              <th>AT</th>
              <th>STEP</th>
              <th>STATE</th>
            </tr>
          </thead>
          <tbody>
            {[...scenario.steps]
              .sort((a, b) => a.at - b.at)
              .map((step) => (
                <tr key={step.line} class={pending.has(step) ? 'future' : 'past'}>
                  <td>{formatDuration(step.at)}</td>
                  <td class="mono">{step.run !== undefined ? `$ ${step.run}` : step.write !== undefined ? `✎ ${step.write.path}` : `! ${step.fault!.type}`}</td>
                  <td>{pending.has(step) ? `in ${formatDuration(Math.max(0, step.at - now))}` : 'done'}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
      {scenario.expect.length > 0 && (
        <table class="grid" data-testid="scenario-expectations">
          <thead>
            <tr>
              <th>EXPECTATION</th>
              <th>WHEN</th>
              <th>RESULT</th>
            </tr>
          </thead>
          <tbody>
            {scenario.expect.map((expectation) => {
              const result = decided.get(expectation);
              const when = expectation.always ? 'throughout' : expectation.at !== undefined ? `at ${formatDuration(expectation.at)}` : `within ${formatDuration(expectation.within!)}`;
              return (
                <tr key={expectation.line}>
                  <td>{expectation.name}</td>
                  <td>{when}</td>
                  <td class={result === undefined ? 'muted' : result.passed ? 'pass' : 'fail'}>
                    {result === undefined ? (expectation.always ? 'holding' : 'open') : `${result.passed ? 'PASS' : 'FAIL'} at ${formatDuration(result.time)}`}
                    {result?.reason && <div class="reason">{result.reason}</div>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

export const scenarioView: ClusterView = { id: 'scenario', title: 'Scenario', component: ScenarioProgress };
