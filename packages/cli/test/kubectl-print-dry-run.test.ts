// A second oracle that needs no server: `kubectl create ... --dry-run=client` prints the object
// it would create. Its -o yaml must equal our YAML of its -o json, byte for byte. (Its JSON keeps
// the typed struct's field order, unlike `kubectl get -o json`, whose unstructured objects print
// keys sorted as ours do, so only the content of the JSON is compared.) Skipped without kubectl.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { toJson } from '../src/kubectl/printers/json.ts';
import { toYaml } from '../src/kubectl/printers/yaml.ts';
import { kubectlInstalled } from './support/fake-apiserver.ts';

const COMMANDS: string[][] = [
  ['create', 'deployment', 'web', '--image=nginx:1.25', '--replicas=3', '--port=80'],
  ['create', 'configmap', 'web-config', '--from-literal=log-level=info', '--from-literal=port=3000', '--from-literal=banner=Hello: world'],
  ['create', 'secret', 'generic', 'db-credentials', '--from-literal=password=s3cr3t!', '--from-literal=username=admin'],
  ['create', 'service', 'nodeport', 'web', '--tcp=80:3000'],
  ['create', 'ingress', 'web', '--rule=myapp.example.com/*=web:80', '--class=nginx'],
  ['create', 'namespace', 'my-app'],
];

function kubectl(args: string[]): string {
  return execFileSync('kubectl', [...args, '--dry-run=client'], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', KUBECONFIG: '/dev/null' } });
}

describe.skipIf(!kubectlInstalled)('kubectl create --dry-run=client objects print as the stock client prints them', () => {
  for (const args of COMMANDS) {
    it(`kubectl ${args.join(' ')}`, () => {
      const json = kubectl([...args, '-o', 'json']);
      const object = JSON.parse(json) as unknown;
      expect(JSON.parse(toJson(object))).toEqual(object);
      expect(toYaml(object)).toBe(kubectl([...args, '-o', 'yaml']));
    });
  }
});
