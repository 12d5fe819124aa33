import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../runtime/test/support/shared-files.ts';
import { sandbox } from './support/run-dockyard.ts';

const corpus = sharedPath('corpus/helm/mychart');

describe('dockyard helm', () => {
  it('creates the chart helm create makes, and renders it', () => {
    const { dir, dockyard } = sandbox();
    expect(dockyard('helm', 'create', 'mychart')).toMatchObject({ status: 0, stdout: 'Creating mychart\n' });
    expect(readFileSync(join(dir, 'mychart/values.yaml'), 'utf8')).toBe(readFileSync(join(corpus, 'values.yaml'), 'utf8'));
    const rendered = dockyard('helm', 'template', 'my-release', './mychart', '--set', 'replicaCount=3');
    expect(rendered.status).toBe(0);
    expect(rendered.stdout).toContain('# Source: mychart/templates/deployment.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: my-release-mychart\n');
    expect(rendered.stdout).toContain('  replicas: 3\n');
  });

  it('fails like helm for a missing chart and an unknown verb', () => {
    const { dockyard } = sandbox();
    expect(dockyard('helm', 'template', 'x', './nope')).toMatchObject({ status: 1, stderr: expect.stringContaining('Error: path "./nope" not found') });
    expect(dockyard('helm', 'frobnicate')).toMatchObject({ status: 1, stderr: 'Error: unknown command "frobnicate" for "helm"\nRun \'helm --help\' for usage.\n' });
  });
});
