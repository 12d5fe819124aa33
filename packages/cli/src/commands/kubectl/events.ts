// `kubectl events`: the namespace's Events, oldest first, in the command's own columns (LAST SEEN,
// TYPE, REASON, OBJECT as `Kind/name`, MESSAGE); --for one object, --types to filter, -w to follow.
// [kubectl pkg/cmd/events/events.go, printer.go (printOneEvent, getInterval), SortableEvents]

import type { Event } from 'kubernetes-types/core/v1';
import { alignTabs, eventInterval, GET_TABWRITER, type KubeObject, printGet, printWatchObject, sortEventsByTime } from '../../kubectl/printers/index.ts';
import { waitFor } from '../docker/daemon.ts';
import type { Client } from './client.ts';
import type { KubectlCommand } from './command.ts';
import { ALL_NAMESPACES_FLAG, ALLOW_MISSING_TEMPLATE_KEYS_FLAG, SHOW_MANAGED_FIELDS_FLAG, TEMPLATE_FLAG } from './common-flags.ts';
import { resolveType } from './resource-builder.ts';

function row(event: Event, now: number, allNamespaces: boolean): string {
  const cells = [eventInterval(event, now), event.type ?? '', event.reason ?? '', `${event.involvedObject.kind ?? ''}/${event.involvedObject.name ?? ''}`, (event.message ?? '').trim()];
  return (allNamespaces ? `${event.metadata?.namespace ?? ''}\t` : '') + cells.join('\t');
}

export const eventsCommand: KubectlCommand = {
  name: 'events',
  summary: 'List events',
  description: 'Display events.\n\n Prints a table of the most important information about events. You can request events for a namespace, for all namespace, or filtered to only those pertaining to a specified resource.',
  examples: [
    ['List recent events in the default namespace', 'kubectl events'],
    ['List recent events in all namespaces', 'kubectl events --all-namespaces'],
    ['List recent events for the specified pod, then wait for more events and list them as they arrive', 'kubectl events --for pod/web-pod-13je7 --watch'],
    ['List recent only events of type \'Warning\' or \'Normal\'', 'kubectl events --types=Warning,Normal'],
  ],
  usage: 'events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning]',
  flags: [
    ALL_NAMESPACES_FLAG,
    ALLOW_MISSING_TEMPLATE_KEYS_FLAG,
    { name: 'chunk-size', kind: 'int', default: 500, usage: 'Return large lists in chunks rather than all at once (lists are never chunked here).' },
    { name: 'for', kind: 'string', usage: 'Filter events to only those pertaining to the specified resource.' },
    { name: 'no-headers', kind: 'bool', usage: "When using the default output format, don't print headers." },
    { name: 'output', short: 'o', kind: 'string', usage: 'Output format. One of: (json, yaml, name, jsonpath, jsonpath-as-json).' },
    SHOW_MANAGED_FIELDS_FLAG,
    TEMPLATE_FLAG,
    { name: 'types', kind: 'stringSlice', usage: 'Output only events of given types.' },
    { name: 'watch', short: 'w', kind: 'bool', usage: 'After listing the requested events, watch for more events.' },
  ],
  async run(client, flags) {
    if (flags.positional.length > 0) throw client.usageError(`unexpected arguments: [${flags.positional.join(' ')}]`);
    const types = flags.list('types');
    for (const type of types) if (type !== 'Normal' && type !== 'Warning') throw client.error(`valid --types are Normal or Warning`);
    const allNamespaces = flags.bool('all-namespaces');
    const namespace = allNamespaces ? undefined : client.namespace;
    let fieldSelector = '';
    const target = flags.string('for');
    if (target !== '') {
      const [kind = '', name] = target.includes('/') ? target.split('/') : ['pod', target];
      const type = resolveType(client.store, kind);
      fieldSelector = `involvedObject.kind=${type.kind},involvedObject.name=${name}`;
    }
    const wanted = (event: Event) => types.length === 0 || types.includes(event.type ?? '');
    const events = sortEventsByTime((client.store.list('Event', { namespace, fieldSelector }).items as unknown as Event[]).filter(wanted));
    const output = flags.string('output');
    if (output !== '') {
      const printed = printGet(events as KubeObject[], { output }, client.now);
      client.out(printed.stdout);
      client.err(printed.stderr);
      if (printed.exitCode !== 0 || !flags.bool('watch')) return printed.exitCode;
    } else if (events.length === 0 && !flags.bool('watch')) {
      client.err(allNamespaces ? 'No events found.\n' : `No events found in ${client.namespace} namespace.\n`);
      return 0;
    }
    const widths: number[] = [];
    let headerPrinted = flags.bool('no-headers');
    const printRows = (list: readonly Event[]) => {
      if (list.length === 0) return;
      const lines = list.map((e) => row(e, client.now, allNamespaces));
      if (!headerPrinted) lines.unshift(`${allNamespaces ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE`);
      headerPrinted = true;
      client.out(alignTabs(lines.join('\n') + '\n', GET_TABWRITER, widths));
    };
    if (output === '') printRows(events);
    if (!flags.bool('watch')) return 0;
    let printed = events.length;
    const handle = client.store.watch('Event', { namespace, fieldSelector, resourceVersion: client.store.resourceVersion }, (watched) => {
      const event = watched.object as unknown as Event;
      if (watched.type === 'DELETED' || !wanted(event)) return;
      if (output === '') printRows([event]);
      else if (output === 'json' || output === 'yaml' || output === 'name') client.out(printWatchObject(output, event as KubeObject, printed++));
      else client.out(printGet([event as KubeObject], { output, singleObject: true }, client.now).stdout);
    });
    try {
      await waitFor(client.session, () => false);
    } finally {
      handle.stop();
    }
    return 0;
  },
};
