// The page's terminal runs the CLI's own commands against the page's world, with their output
// and errors as the CLI prints them, and a history walked with up and down.

import { describe, expect, it } from 'vitest';
import { TimeMachine } from '../src/time/time-machine.ts';
import { openPage, shownTime, typeCommand, usePages } from './support/page.ts';

const rig = usePages('page');

describe('the terminal panel', () => {
  it('runs advance and events as the CLI does, and the clock follows', async () => {
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    expect(await typeCommand(page, 'advance 30s')).toBe('[0s] $ advance 30sVirtual time is now 30s.\n');
    expect(await shownTime(page)).toBe('30s');
    expect(await typeCommand(page, 'dockyard advance 1m30s')).toBe('[30s] $ dockyard advance 1m30sVirtual time is now 2m.\n');
    // The log as Node prints it after the same commands: the cluster's boot at 0s, then the
    // kubelets' Lease renewals every 10 s and metrics-server's scrapes every 15 s.
    const inNode = new TimeMachine();
    await inNode.run('advance 30s');
    await inNode.run('dockyard advance 1m30s');
    const log = (await inNode.run('events')).stdout;
    expect(log).toMatch(/^ {8}0s {2}api\.write {2}verb=create resource=namespaces name=default resourceVersion=1\n/);
    expect(log).toMatch(/\n {8}0s {2}kube-proxy\.sync {2}node=node-3 servicePorts=4 rules=9\n {7}10s {2}api\.write {2}verb=update resource=leases\.coordination\.k8s\.io namespace=kube-node-lease name=node-1 /);
    expect(log).toMatch(/\n {8}2m {2}api\.write {2}verb=update resource=leases\.coordination\.k8s\.io namespace=kube-node-lease name=node-3 resourceVersion=\d+\n$/);
    expect(await typeCommand(page, 'events')).toBe(`[2m] $ events${log}`);
    expect(await typeCommand(page, 'events -o yaml')).toBe('[2m] $ events -o yamlerror: unsupported output format "yaml": use json or text\nexit code 1');
    expect(await typeCommand(page, 'kubectl get nodes')).toBe(
      '[2m] $ kubectl get nodesNAME     STATUS   ROLES    AGE   VERSION\nnode-1   Ready    <none>   2m    v1.33.1\nnode-2   Ready    <none>   2m    v1.33.1\nnode-3   Ready    <none>   2m    v1.33.1\n',
    );
    expect(await typeCommand(page, 'kubectl get pods')).toBe('[2m] $ kubectl get podsNo resources found in default namespace.\n');
    expect(await typeCommand(page, '"unterminated')).toBe('[2m] $ "unterminatedshell: unterminated double quote\nexit code 2');
    expect(page.url()).toContain('t=2m');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('walks back through the lines typed with up and down', async () => {
    const { page } = await openPage(rig.browser, rig.server.url);
    await typeCommand(page, 'advance 1s');
    await typeCommand(page, 'events');
    const input = page.locator('[data-testid=terminal-input]');
    await input.press('ArrowUp');
    expect(await input.inputValue()).toBe('events');
    await input.press('ArrowUp');
    expect(await input.inputValue()).toBe('advance 1s');
    await input.press('ArrowUp');
    expect(await input.inputValue()).toBe('advance 1s');
    await input.press('ArrowDown');
    expect(await input.inputValue()).toBe('events');
    await input.press('ArrowDown');
    expect(await input.inputValue()).toBe('');
    await page.close();
  });

  it("applies the YAML editor's file with kubectl apply -f, and the pod runs", async () => {
    const { page } = await openPage(rig.browser, rig.server.url);
    const manifest = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.25\n';
    await page.fill('[data-testid=editor-path]', 'web.yaml');
    await page.fill('[data-testid=editor-text]', manifest);
    await page.click('[data-testid=editor-apply]');
    await page.waitForSelector('[data-testid=transcript] .entry');
    expect(await page.locator('[data-testid=transcript] .entry .command').last().textContent()).toBe('[0s] $ kubectl apply -f web.yaml');
    expect(await page.locator('[data-testid=transcript] .entry .stdout').last().textContent()).toBe('pod/web created\n');
    await page.click('[data-testid=view-tab-files]');
    expect(await page.locator('[data-testid=file-list] tbody td').allTextContents()).toEqual(['web.yaml', `${manifest.length} B`]);
    // The scheduler binds it and a kubelet runs it, as the terminal's kubectl shows.
    await typeCommand(page, 'advance 10s');
    expect(await typeCommand(page, 'kubectl get pods')).toBe('[10s] $ kubectl get podsNAME   READY   STATUS    RESTARTS   AGE\nweb    1/1     Running   0          10s\n');
    // A missing file gets kubectl's own error.
    expect(await typeCommand(page, 'kubectl apply -f nothere.yaml')).toBe('[10s] $ kubectl apply -f nothere.yamlerror: the path "nothere.yaml" does not exist\nexit code 1');
    await page.close();
  });
});
