// The linter's rules, each with its line and a fix; a Dockerfile following the tutorial passes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintDockerfile } from '../src/index.ts';
import { EXAMPLES } from './support/images.ts';

const rules = (source: string) => lintDockerfile(source).map((f) => `${f.line} ${f.rule}`);

describe('Dockerfile lint', () => {
  it('the tutorial\'s multi-stage Dockerfile is clean', () => {
    expect(lintDockerfile(readFileSync(join(EXAMPLES, 'multi-stage/Dockerfile'), 'utf8'))).toEqual([]);
  });

  it('the bad ordering example is flagged, as is running as root', () => {
    expect(rules(readFileSync(join(EXAMPLES, 'dockerfile-cache/Dockerfile.bad'), 'utf8'))).toEqual(['4 CopyBeforeInstall', '7 RootUser']);
  });

  it('unpinned and latest base images', () => {
    expect(rules('FROM node\nUSER node\n')).toEqual(['1 UnpinnedBaseImage']);
    expect(rules('FROM node:latest\nUSER node\n')).toEqual(['1 UnpinnedBaseImage']);
    expect(rules('FROM node:20.11.1-alpine3.19\nUSER node\n')).toEqual([]);
    expect(rules('FROM node:20-alpine AS build\nFROM build\nUSER node\n')).toEqual([]);
  });

  it('secrets in ARG and ENV, BuildKit\'s rule', () => {
    const findings = lintDockerfile('FROM alpine:3.19\nARG GITHUB_TOKEN\nENV DB_PASSWORD=x API_KEY=y LOG_LEVEL=info\nUSER nobody\n');
    expect(findings.map((f) => [f.line, f.rule, f.message])).toEqual([
      [2, 'SecretsUsedInArgOrEnv', 'Do not use ARG or ENV instructions for sensitive data (ARG "GITHUB_TOKEN")'],
      [3, 'SecretsUsedInArgOrEnv', 'Do not use ARG or ENV instructions for sensitive data (ENV "DB_PASSWORD")'],
      [3, 'SecretsUsedInArgOrEnv', 'Do not use ARG or ENV instructions for sensitive data (ENV "API_KEY")'],
    ]);
  });

  it('ADD where COPY serves, but not for archives or URLs', () => {
    expect(rules('FROM alpine:3.19\nADD ./config /app/config\nADD rootfs.tar.gz /\nUSER nobody\n')).toEqual(['2 PreferCopyOverAdd']);
  });

  it('every finding has a one-line fix', () => {
    for (const f of lintDockerfile('FROM ubuntu\nMAINTAINER me\nENV A b\nADD x /x\nCOPY . .\nRUN pip install -r requirements.txt\nENTRYPOINT python app.py\n')) {
      expect(f.fix).not.toBe('');
      expect(f.fix).not.toContain('\n');
    }
  });
});
