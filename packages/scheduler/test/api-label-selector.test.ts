import { describe, expect, it } from 'vitest';
import { parseFieldSelector, parseSelector, selectorFromLabelSelector } from '../src/index.ts';

describe('label selectors', () => {
  it('parses equality and set-based requirements as kubectl -l writes them', () => {
    const s = parseSelector('app=web,tier!=db,env in (prod, staging),!canary,release');
    expect(s.toString()).toBe('app=web,!canary,env in (prod,staging),release,tier!=db');
    expect(s.matches({ app: 'web', env: 'prod', release: 'r1' })).toBe(true);
    expect(s.matches({ app: 'web', env: 'prod', release: 'r1', tier: 'db' })).toBe(false);
    expect(s.matches({ app: 'web', env: 'dev', release: 'r1' })).toBe(false);
    expect(s.matches({ app: 'web', env: 'prod', release: 'r1', canary: 'true' })).toBe(false);
    expect(s.matches({ app: 'web', env: 'prod' })).toBe(false);
  });

  it('supports notin, == and numeric comparisons', () => {
    expect(parseSelector('env notin (prod)').matches({})).toBe(true);
    expect(parseSelector('env==prod').matches({ env: 'prod' })).toBe(true);
    expect(parseSelector('replicas>2').matches({ replicas: '3' })).toBe(true);
    expect(parseSelector('replicas<2').matches({ replicas: '3' })).toBe(false);
    expect(parseSelector('').isEmpty()).toBe(true);
  });

  it('fails with the API machinery parser messages', () => {
    expect(() => parseSelector('app in')).toThrow("unable to parse requirement: found '' expected: '('");
    expect(() => parseSelector('app=web,')).toThrow("found '', expected: identifier after ','");
    expect(() => parseSelector('app web')).toThrow("unable to parse requirement: found 'web', expected: in, notin, =, ==, !=, gt, lt");
    expect(() => parseSelector('app=a b')).toThrow("found 'b', expected: ',' or 'end of string'");
    expect(() => parseSelector('app=we$b')).toThrow(
      'unable to parse requirement: values[0][app]: Invalid value: "we$b": a valid label must be an empty string',
    );
  });

  it('converts LabelSelector objects: nil matches nothing, empty matches everything', () => {
    expect(selectorFromLabelSelector(undefined).matches({ a: 'b' })).toBe(false);
    expect(selectorFromLabelSelector({}).matches({ a: 'b' })).toBe(true);
    const s = selectorFromLabelSelector({
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe', 'be'] }, { key: 'old', operator: 'DoesNotExist' }],
    });
    expect(s.toString()).toBe('app=web,!old,tier in (be,fe)');
    expect(s.matches({ app: 'web', tier: 'fe' })).toBe(true);
    expect(() => selectorFromLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Equals' }] })).toThrow(
      '"Equals" is not a valid label selector operator',
    );
  });
});

describe('field selectors', () => {
  it('matches the common fields', () => {
    const s = parseFieldSelector('spec.nodeName=node-1,status.phase!=Running');
    expect(s.matches({ spec: { nodeName: 'node-1' }, status: { phase: 'Pending' } })).toBe(true);
    expect(s.matches({ spec: { nodeName: 'node-1' }, status: { phase: 'Running' } })).toBe(false);
    expect(s.exactValue('spec.nodeName')).toBe('node-1');
    expect(parseFieldSelector('metadata.name=web').matches({ metadata: { name: 'web' } })).toBe(true);
  });

  it('refuses what it cannot read', () => {
    expect(() => parseFieldSelector('spec.nodeName')).toThrow("invalid selector: 'spec.nodeName'; can't understand 'spec.nodeName'");
  });
});
