// `kubectl autoscale (TYPE NAME | TYPE/NAME | -f FILE) --max=N [--min=N] [--cpu-percent=N]`: a
// HorizontalPodAutoscaler for each Deployment, ReplicaSet, StatefulSet or ReplicationController
// named, targeting it (`horizontalpodautoscaler.autoscaling/php-apache autoscaled`). kubectl 1.33
// sends an autoscaling/v2 object first and, if that fails for any reason (AlreadyExists included),
// tries again with the autoscaling/v1 one, whose error is the one reported. Without --min or
// --cpu-percent the server's defaults apply (1 replica, 80% CPU).
// [kubectl pkg/cmd/autoscale/autoscale.go Validate, Run, handleHPA,
// createHorizontalPodAutoscalerV2/V1; client-go scale discovery ScaleForResource]

import { hasScale, withLastApplied } from '@dockyard/scheduler';
import type { KubeObject } from '../../kubectl/printers/index.ts';
import type { Client } from './client.ts';
import type { KubectlCommand } from './command.ts';
import { dryRunOf, filenameFlag, KUSTOMIZE_FLAG, outputOf, RECURSIVE_FLAG } from './common-flags.ts';
import type { Flags } from './flags.ts';
import { generatorFlags, requireFlags } from './generated-object.ts';
import { checkOutput, OperationPrinter } from './operation-printer.ts';
import { buildResources, type ResourceInfo } from './resource-builder.ts';

export const autoscaleCommand: KubectlCommand = {
  name: 'autoscale',
  summary: 'Auto-scale a deployment, replica set, stateful set, or replication controller',
  description: `Creates an autoscaler that automatically chooses and sets the number of pods that run in a Kubernetes cluster. The command will attempt to use the autoscaling/v2 API first, in case of an error, it will fall back to autoscaling/v1 API.

 Looks up a deployment, replica set, stateful set, or replication controller by name and creates an autoscaler that uses the given resource as a reference. An autoscaler can automatically increase or decrease number of pods deployed within the system as needed.`,
  examples: [
    ['Auto scale a deployment "foo", with the number of pods between 2 and 10, no target CPU utilization specified so a default autoscaling policy will be used', 'kubectl autoscale deployment foo --min=2 --max=10'],
    ['Auto scale a replication controller "foo", with the number of pods between 1 and 5, target CPU utilization at 80%', 'kubectl autoscale rc foo --max=5 --cpu-percent=80'],
  ],
  usage: 'autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU]',
  flags: [
    ...generatorFlags('kubectl-autoscale').filter((f) => f.name !== 'validate'),
    {
      name: 'cpu-percent',
      kind: 'int',
      default: -1,
      usage: "The target average CPU utilization (represented as a percent of requested CPU) over all the pods. If it's not specified or negative, a default autoscaling policy will be used.",
    },
    filenameFlag('identifying the resource to autoscale'),
    KUSTOMIZE_FLAG,
    { name: 'max', kind: 'int', default: -1, usage: 'The upper limit for the number of pods that can be set by the autoscaler. Required.' },
    { name: 'min', kind: 'int', default: -1, usage: "The lower limit for the number of pods that can be set by the autoscaler. If it's not specified or negative, the server will apply a default value." },
    { name: 'name', kind: 'string', usage: 'The name for the newly created object. If not specified, the name of the input resource will be used.' },
    RECURSIVE_FLAG,
  ],
  async run(client, flags) {
    requireFlags(client, flags, ['max']);
    const dryRun = dryRunOf(client, flags);
    const max = flags.int('max');
    const min = flags.int('min');
    if (max < 1) throw client.error(`--max=MAXPODS is required and must be at least 1, max: ${max}`);
    if (max < min) throw client.error(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
    const result = buildResources(client, { args: flags.positional, filenames: flags.list('filename'), recursive: flags.bool('recursive'), latest: true });
    const errors: unknown[] = [];
    const output = outputOf(client, flags);
    const printer = new OperationPrinter(client, output, dryRun);
    let count = 0;
    for (const info of result.infos) {
      try {
        autoscale(client, flags, info, output, printer);
        count++;
      } catch (error) {
        errors.push(error);
      }
    }
    errors.push(...result.errors.map((e) => e.error));
    if (errors.length > 0) throw client.aggregate(errors);
    if (count === 0) throw client.error('no objects passed to autoscale');
    return 0;
  },
};

/** One target: the v2 autoscaler, or the v1 one when sending that fails. */
function autoscale(client: Client, flags: Flags, info: ResourceInfo, output: string, printer: OperationPrinter): void {
  const { type } = info;
  if (!hasScale(type)) {
    const groupVersion = `${type.group}/${type.version}`;
    throw client.error(`cannot autoscale a ${type.kind}: could not find scale subresource for ${groupVersion}, Resource=${type.resource} in discovery information`);
  }
  try {
    send(client, flags, autoscalerV2(flags, info), output, printer);
  } catch {
    send(client, flags, autoscalerV1(flags, info), output, printer);
  }
}

/** The autoscaler kubectl builds, with Go's field order (its -o json follows it) and zero-valued status. */
function autoscalerV2(flags: Flags, info: ResourceInfo): KubeObject {
  const percent = flags.int('cpu-percent');
  return {
    kind: 'HorizontalPodAutoscaler',
    apiVersion: 'autoscaling/v2',
    metadata: { name: nameOf(flags, info), creationTimestamp: null },
    spec: {
      scaleTargetRef: targetOf(info),
      ...minOf(flags),
      maxReplicas: flags.int('max'),
      ...(percent >= 0 ? { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: percent } } }] } : {}),
    },
    status: { desiredReplicas: 0, currentMetrics: null },
  } as never;
}

function autoscalerV1(flags: Flags, info: ResourceInfo): KubeObject {
  const percent = flags.int('cpu-percent');
  return {
    kind: 'HorizontalPodAutoscaler',
    apiVersion: 'autoscaling/v1',
    metadata: { name: nameOf(flags, info), creationTimestamp: null },
    spec: { scaleTargetRef: targetOf(info), ...minOf(flags), maxReplicas: flags.int('max'), ...(percent >= 0 ? { targetCPUUtilizationPercentage: percent } : {}) },
    status: { currentReplicas: 0, desiredReplicas: 0 },
  } as never;
}

const nameOf = (flags: Flags, info: ResourceInfo) => (flags.string('name') === '' ? info.name : flags.string('name'));

function targetOf(info: ResourceInfo): Record<string, string> {
  const { group, version, kind } = info.type;
  return { kind, name: info.name, apiVersion: group === '' ? version : `${group}/${version}` };
}

const minOf = (flags: Flags) => (flags.int('min') > 0 ? { minReplicas: flags.int('min') } : {});

/** handleHPA: prints it under --dry-run=client, otherwise creates it and prints what the server stored. */
function send(client: Client, flags: Flags, hpa: KubeObject, output: string, printer: OperationPrinter): void {
  const dryRun = dryRunOf(client, flags);
  if (dryRun === 'client') {
    checkOutput(client, output);
    printer.print(hpa, 'created');
    return;
  }
  const sent = flags.bool('save-config') ? (withLastApplied(hpa as never) as KubeObject) : hpa;
  let created: KubeObject;
  try {
    created = client.store.create(sent as never, { namespace: client.namespace, dryRun: dryRun === 'server' }) as KubeObject;
  } catch (error) {
    throw client.failure(error);
  }
  checkOutput(client, output);
  printer.print(created, 'autoscaled');
}
