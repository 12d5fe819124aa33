import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from '../src/scenario/scenario-file.ts';
import { sandbox } from './support/run-dockyard.ts';

const CLOCK = `kind: Scenario
name: clock
seed: 3
steps:
  - at: 10s
    run: advance 5s
expect:
  - name: a minute passes
    within: 2m
    run: advance 0s
    contains: "1m"
  - name: time only grows
    always: true
    run: advance 0s
    notContains: "-"
  - name: late check
    at: 3m
    run: advance 0s
    equals: Virtual time is now 3m.
`;

describe('scenario files', () => {
  it('parse into steps and expectations with their times', () => {
    const scenario = parseScenario(CLOCK, 'clock.yaml');
    expect(scenario.config).toEqual({ seed: 3, clock: 'manual', nodes: 3, nodeCpu: 4, nodeMemory: '8Gi' });
    expect(scenario.steps).toEqual([{ at: 10_000, run: 'advance 5s', line: 5 }]);
    expect(scenario.expect.map((e) => [e.name, e.within, e.always, e.at])).toEqual([
      ['a minute passes', 120_000, undefined, undefined],
      ['time only grows', undefined, true, undefined],
      ['late check', undefined, undefined, 180_000],
    ]);
    expect(scenario.duration).toBe(180_000);
  });

  it.each([
    ['kind: Pod\n', 'clock.yaml:1:7: kind: must be Scenario, not "Pod"'],
    ['kind: Scenario\nsteps:\n  - at: 3x\n    run: advance 1s\n', 'clock.yaml:3:9: steps[0].at: "3x" is not a duration (time: unknown unit "x" in duration "3x")'],
    ['kind: Scenario\nsteps:\n  - at: 1s\n', 'clock.yaml:3:5: steps[0]: needs exactly one of run, fault or write'],
    ['kind: Scenario\nexpect:\n  - run: x\n    within: 1s\n', 'clock.yaml:3:5: expect[0]: needs a check: one of equals'],
    ['kind: Scenario\nexpect:\n  - run: x\n    equals: a\n', 'clock.yaml:3:5: expect[0]: needs exactly one of at, within or always'],
    ['kind: Scenario\nsteps:\n  - at: 1s\n    runn: x\n', 'clock.yaml:4:5: steps[0].runn: unknown field; expected one of at, run, stdin, fault, write'],
    ['kind: Scenario\nsteps:\n  - at: 1s\n    run: x\n    write: {path: a, content: b}\n', 'clock.yaml:3:5: steps[0]: needs exactly one of run, fault or write'],
    ['kind: Scenario\nsteps:\n  - at: 1s\n    write:\n      content: b\n', 'clock.yaml:5:7: steps[0].write.path: is required'],
    ['kind: Scenario\nsteps:\n  - at: 1s\n    write:\n      path: ../etc/passwd\n      content: b\n', 'clock.yaml:5:13: steps[0].write.path: must be a file inside the workspace'],
    ['kind: Scenario\nsteps:\n  - at: 1s\n    write:\n      path: a.txt\n      content: 3\n', 'clock.yaml:6:16: steps[0].write.content: must be a string'],
    ['kind: Scenario\nsteps:\n  - at: 1s\n    write:\n      path: a.txt\n      text: b\n', 'clock.yaml:6:7: steps[0].write.text: unknown field; expected one of path, content'],
    ['kind: Scenario\nsteps:\n  - at: 1s\n    write: a.txt\n', 'clock.yaml:4:12: steps[0].write: must be a mapping with path and content'],
    ['kind: Scenario\ncluster:\n  nodes: 0\n', 'clock.yaml:3:3: cluster: invalid node count 0: use 1 to 5000'],
    ['kind: Scenario\nsteps: [\n', 'clock.yaml:3:1: invalid YAML'],
    ['kind: Scenario\nregistries:\n  registry.example.com:\n    user: pass\n', 'clock.yaml:4:5: registries.registry.example.com.user: unknown field; expected one of users'],
    ['kind: Scenario\nregistries:\n  registry.example.com:\n    users:\n      user: 1234\n', 'clock.yaml:5:13: registries.registry.example.com.users.user: must be a string'],
    ['kind: Scenario\nregistries:\n  https://r.io:\n    users: {a: b}\n', 'clock.yaml:3:3: registries.https://r.io: must be a registry host such as registry.example.com'],
    ['kind: Scenario\nexpect:\n  - run: x\n    at: 1s\n    contains: a\n    stream: both\n', 'clock.yaml:6:13: expect[0].stream: must be stdout or stderr'],
    ['kind: Scenario\nexpect:\n  - run: x\n    at: 1s\n    matches: "("\n', 'clock.yaml:5:14: expect[0].matches: is not a regular expression'],
  ])('point a mistake at its line and field: %j', (text, message) => {
    expect(() => parseScenario(text, 'clock.yaml')).toThrow(ScenarioError);
    expect(() => parseScenario(text, 'clock.yaml')).toThrow(message);
  });
});

describe('dockyard scenario run', () => {
  it('prints a timeline and a line per expectation, exits 0 when all hold, and writes the log', () => {
    const { dir, dockyard } = sandbox();
    writeFileSync(join(dir, 'clock.yaml'), CLOCK);
    const result = dockyard('scenario', 'run', 'clock.yaml', '--log', 'run.jsonl');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Scenario clock (seed 3, 3 node(s) of 4 CPU and 8Gi)');
    expect(result.stdout).toContain('10s      $ advance 5s\n           Virtual time is now 15s.\n');
    expect(result.stdout).toContain('  PASS  a minute passes (at 1m)\n');
    expect(result.stdout).toContain('  PASS  time only grows (throughout)\n');
    expect(result.stdout).toContain('  PASS  late check (at 3m)\n');
    expect(result.stdout).toContain('3 passed, 0 failed');
    const log = readFileSync(join(dir, 'run.jsonl'), 'utf8');
    expect(log.split('\n').filter(Boolean).every((line) => typeof JSON.parse(line).t === 'number')).toBe(true);
    dockyard('scenario', 'run', 'clock.yaml', '--log', 'again.jsonl');
    expect(readFileSync(join(dir, 'again.jsonl'), 'utf8')).toBe(log);
  });

  it('fails with the reason when an expectation does not hold', () => {
    const { dir, dockyard } = sandbox();
    writeFileSync(join(dir, 'late.yaml'), CLOCK.replace('within: 2m', 'within: 30s'));
    const result = dockyard('scenario', 'run', 'late.yaml');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('  FAIL  a minute passes (at 30s)\n        not by 30s: output "Virtual time is now 30s." does not contain "1m"\n');
    expect(result.stdout).toContain('2 passed, 1 failed');
  });

  it('writes a file at its time, where later commands read it', () => {
    const { dir, dockyard } = sandbox();
    const text = `kind: Scenario
files:
  ns.yaml: "apiVersion: v1\\nkind: Namespace\\nmetadata:\\n  name: first\\n"
steps:
  - at: 1s
    run: kubectl apply -f ns.yaml
  - at: 2s
    write:
      path: ns.yaml
      content: |
        apiVersion: v1
        kind: Namespace
        metadata:
          name: second
  - at: 3s
    run: kubectl apply -f ns.yaml
expect:
  - name: the edited file was applied
    at: 4s
    run: kubectl get namespace second -o name
    equals: namespace/second
`;
    writeFileSync(join(dir, 'edit.yaml'), text);
    const result = dockyard('scenario', 'run', 'edit.yaml');
    expect(result.stdout).toContain('1s       $ kubectl apply -f ns.yaml\n           namespace/first created\n');
    expect(result.stdout).toContain('2s       ✎ wrote ns.yaml (56 bytes)\n');
    expect(result.stdout).toContain('3s       $ kubectl apply -f ns.yaml\n           namespace/second created\n');
    expect(result.status).toBe(0);
  });

  it('refuses a broken scenario with its line and field, and an unknown fault', () => {
    const { dir, dockyard } = sandbox();
    writeFileSync(join(dir, 'bad.yaml'), 'kind: Scenario\nseed: many\n');
    expect(dockyard('scenario', 'run', 'bad.yaml')).toMatchObject({ status: 1, stderr: 'error: bad.yaml:2:7: seed: must be a number\n' });
    writeFileSync(join(dir, 'fault.yaml'), 'kind: Scenario\nsteps:\n  - at: 1s\n    fault: {type: meteor}\n');
    expect(dockyard('scenario', 'run', 'fault.yaml')).toMatchObject({
      status: 1,
      stderr: 'error: fault.yaml:4:19: steps[0].fault.type: unknown fault type "meteor" (known: node-down, node-up, network-partition, network-heal, kill-container, kill-pod, break-readiness, fix-readiness, memory-leak, registry-outage, registry-restore)\n',
    });
    expect(dockyard('scenario', 'run', 'missing.yaml')).toMatchObject({ status: 1, stderr: 'error: cannot read scenario file "missing.yaml"\n' });
  });
});
