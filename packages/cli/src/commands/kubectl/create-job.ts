// `kubectl create job NAME --image=IMAGE [-- COMMAND...]` (or `--from=cronjob/NAME`) and
// `kubectl create cronjob NAME --image=IMAGE --schedule='*/1 * * * *'`: one container named after
// the object, restartPolicy Never (jobs) or OnFailure (cron jobs, unless --restart says Never).
// [kubectl pkg/cmd/create/create_job.go createJob / createJobFromCronJob, create_cronjob.go]

import type { CronJob } from 'kubernetes-types/batch/v1';
import type { KubectlCommand } from './command.ts';
import type { Flags } from './flags.ts';
import { generatedMeta, generatorFlags, nameArgument, requireFlags, submitGenerated } from './generated-object.ts';
import type { Client } from './client.ts';

function commandOf(flags: Flags): string[] {
  return flags.argsLenAtDash >= 0 ? flags.positional.slice(flags.argsLenAtDash) : [];
}

function container(name: string, image: string, command: string[]) {
  return { ...(command.length > 0 ? { command } : {}), image, name, resources: {} };
}

export const createJobCommand: KubectlCommand = {
  name: 'job',
  summary: 'Create a job with the specified name',
  description: 'Create a job with the specified name.',
  examples: [
    ['A job that prints the date', 'kubectl create job my-job --image=busybox -- date'],
    ['A job from the template of a cron job', 'kubectl create job test-job --from=cronjob/a-cronjob'],
  ],
  usage: 'job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...]',
  flags: [
    ...generatorFlags(),
    { name: 'from', kind: 'string', usage: "The name of the resource to create a Job from (only cronjob is supported)." },
    { name: 'image', kind: 'string', usage: 'Image name to run.' },
  ],
  async run(client, flags) {
    const name = nameArgument(client, flags);
    const image = flags.string('image');
    const from = flags.string('from');
    const command = commandOf(flags);
    if ((image === '') === (from === '')) throw client.error('either --image or --from must be specified');
    if (from !== '' && command.length > 0) throw client.error('cannot specify --from and command');
    if (from !== '') return submitGenerated(client, flags, jobFromCronJob(client, name, from), 'failed to create job');
    return submitGenerated(
      client,
      flags,
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: generatedMeta(client, name),
        spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [container(name, image, command)], restartPolicy: 'Never' } } },
        status: {},
      } as never,
      'failed to create job',
    );
  },
};

/** A Job from a CronJob's template, owned by it and marked as started by hand. */
function jobFromCronJob(client: Client, name: string, from: string) {
  const [kind, source] = from.split('/');
  if (source === undefined || !['cronjob', 'cronjobs', 'cj', 'cronjob.batch', 'cronjobs.batch'].includes((kind ?? '').toLowerCase())) {
    throw client.error(`from must be an existing cronjob: unknown object type ${kind ?? from}`);
  }
  let cronJob: CronJob;
  try {
    cronJob = client.store.get('CronJob', client.namespace, source) as unknown as CronJob;
  } catch (error) {
    throw client.failure(error);
  }
  const template = cronJob.spec!.jobTemplate;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', ...template.metadata?.annotations },
      creationTimestamp: null,
      ...(template.metadata?.labels === undefined ? {} : { labels: template.metadata.labels }),
      name,
      ...(client.explicitNamespace ? { namespace: client.namespace } : {}),
      ownerReferences: [{ apiVersion: 'batch/v1', blockOwnerDeletion: true, controller: true, kind: 'CronJob', name: source, uid: cronJob.metadata?.uid }],
    },
    spec: template.spec,
    status: {},
  } as never;
}

export const createCronJobCommand: KubectlCommand = {
  name: 'cronjob',
  aliases: ['cj'],
  summary: 'Create a cron job with the specified name',
  description: 'Create a cron job with the specified name.',
  examples: [
    ['A cron job that prints the date every minute', 'kubectl create cronjob my-job --image=busybox --schedule="*/1 * * * *" -- date'],
  ],
  usage: 'cronjob NAME --image=image --schedule=\'0/5 * * * ?\' -- [COMMAND] [args...]',
  flags: [
    ...generatorFlags(),
    { name: 'image', kind: 'string', usage: 'Image name to run.' },
    { name: 'restart', kind: 'string', usage: "job's restart policy. supported values: OnFailure, Never" },
    { name: 'schedule', kind: 'string', usage: 'A schedule in the Cron format the job should be run with.' },
  ],
  async run(client, flags) {
    requireFlags(client, flags, ['image', 'schedule']);
    const name = nameArgument(client, flags);
    const restart = flags.string('restart') === '' ? 'OnFailure' : flags.string('restart');
    return submitGenerated(
      client,
      flags,
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: generatedMeta(client, name),
        spec: {
          jobTemplate: {
            metadata: { creationTimestamp: null, name },
            spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [container(name, flags.string('image'), commandOf(flags))], restartPolicy: restart } } },
          },
          schedule: flags.string('schedule'),
        },
        status: {},
      } as never,
      'failed to create cronjob',
    );
  },
};
