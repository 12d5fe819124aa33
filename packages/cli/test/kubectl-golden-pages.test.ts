// Golden pages: what `dockyard kubectl` prints for the tutorial's Deployment and Services on a
// fresh seed-1 workspace, pinned whole in fixtures/kubectl-golden/*.txt, with no stock kubectl
// needed. The formats are kubectl 1.33's: the same kinds of pages are checked byte for byte against
// the stock client in kubectl-stock-client-parity.test.ts and kubectl-print-describe.test.ts;
// these pin the complete pages of a cluster whose pods really run (node, service endpoints,
// allocated resources, kubelet events). After a deliberate change, regenerate with
// UPDATE_GOLDEN=1 and review the diff.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sandbox } from './support/run-dockyard.ts';

/** The tutorial's app (section 3's Dockerfile), as examples/ ships it. */
const MY_APP = join(import.meta.dirname, '../../../examples/my-app');

const fixtures = join(import.meta.dirname, 'fixtures');
const goldenDir = join(fixtures, 'kubectl-golden');
const update = process.env['UPDATE_GOLDEN'] === '1';

/**
 * Compares `text` with the golden file `name` (or writes it under UPDATE_GOLDEN=1). The built
 * image's ID is masked: COPY keeps the files' modification times, so it changes with every
 * checkout, as Docker's does.
 */
function golden(name: string, page: string): void {
  const text = page.replace(/(Image ID: +)sha256:[0-9a-f]{64}/g, '$1sha256:<my-app:1.0>');
  const path = join(goldenDir, name);
  if (update || !existsSync(path)) {
    if (!update) throw new Error(`missing golden file ${name}; run with UPDATE_GOLDEN=1`);
    mkdirSync(goldenDir, { recursive: true });
    writeFileSync(path, text);
  }
  expect(text).toBe(readFileSync(path, 'utf8'));
}

describe('golden kubectl pages of a running Deployment', () => {
  let kubectl: (...args: string[]) => string;
  let rollout = '';
  let update2 = '';
  beforeAll(() => {
    const { dir, dockyard } = sandbox();
    cpSync(MY_APP, dir, { recursive: true });
    cpSync(join(fixtures, 'tutorial/section6'), dir, { recursive: true });
    dockyard('init', '--clock', 'manual');
    dockyard('docker', 'build', '-q', '-t', 'my-app:1.0', '.');
    dockyard('docker', 'build', '-q', '-t', 'my-app:2.0', '.');
    expect(dockyard('kind', 'load', 'docker-image', 'my-app:1.0', 'my-app:2.0').status).toBe(0);
    kubectl = (...args) => {
      const run = dockyard('kubectl', ...args);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      return run.stdout;
    };
    kubectl('apply', '-f', 'deployment.yaml');
    kubectl('apply', '-f', 'services.yaml');
    rollout = kubectl('rollout', 'status', 'deployment/my-app');
    dockyard('advance', '30s');
  }, 120_000);

  it('get: all, pods -o wide, nodes -o wide, events', () => {
    golden('get-all.txt', kubectl('get', 'all'));
    golden('get-pods-wide.txt', kubectl('get', 'pods', '-o', 'wide', '--show-labels'));
    golden('get-nodes-wide.txt', kubectl('get', 'nodes', '-o', 'wide'));
    golden('get-events.txt', kubectl('get', 'events', '--sort-by=.metadata.creationTimestamp'));
  });

  it('describe: deployment, pod, service, node', () => {
    golden('describe-deployment.txt', kubectl('describe', 'deployment', 'my-app'));
    golden('describe-pod.txt', kubectl('describe', 'pod', 'my-app-7c7b559d54-47frm'));
    golden('describe-service.txt', kubectl('describe', 'service', 'my-app-nodeport'));
    golden('describe-node.txt', kubectl('describe', 'node', 'node-1'));
  });

  it('rollout status: the first rollout and a rolling update', () => {
    golden('rollout-status-create.txt', rollout);
    kubectl('set', 'image', 'deployment/my-app', 'app=my-app:2.0');
    update2 = kubectl('rollout', 'status', 'deployment/my-app');
    golden('rollout-status-update.txt', update2);
    golden('rollout-history.txt', kubectl('rollout', 'history', 'deployment/my-app', '--revision=2'));
  });
});
