// `kubectl describe configmap` and `kubectl describe secret` (sizes only: secrets never print
// decoded). kubectl walks ConfigMap and Secret data in Go's random map order; this prints the
// keys sorted.
// [kubectl pkg/describe/describe.go ConfigMapDescriber, `describeSecret`]
import type { ConfigMap, Event, Secret } from 'kubernetes-types/core/v1';
import { compareStrings } from '../labels.ts';
import { describeEvents } from './events.ts';
import { LEVEL_0, printAnnotationsMultiline, printLabelsMultiline, tabbedString } from './writer.ts';

export function describeConfigMap(configMap: ConfigMap, events: readonly Event[] | undefined, now: number): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${configMap.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${configMap.metadata?.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', configMap.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', configMap.metadata?.annotations);
    w.write(LEVEL_0, '\nData\n====\n');
    for (const key of Object.keys(configMap.data ?? {}).sort(compareStrings)) {
      w.write(LEVEL_0, `${key}:\n----\n`);
      w.write(LEVEL_0, `${configMap.data![key]}\n`);
      w.write(LEVEL_0, '\n');
    }
    w.write(LEVEL_0, '\nBinaryData\n====\n');
    for (const key of Object.keys(configMap.binaryData ?? {}).sort(compareStrings)) {
      w.write(LEVEL_0, `${key}: ${base64Length(configMap.binaryData![key]!)} bytes\n`);
    }
    w.write(LEVEL_0, '\n');
    if (events !== undefined) describeEvents(events, w, now);
  });
}

/** `password:  14 bytes` per key; a service-account token prints in full, as kubectl does. */
export function describeSecret(secret: Secret): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${secret.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${secret.metadata?.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', secret.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', secret.metadata?.annotations);
    w.write(LEVEL_0, `\nType:\t${secret.type ?? ''}\n`);
    w.write(LEVEL_0, '\nData\n====\n');
    for (const key of Object.keys(secret.data ?? {}).sort(compareStrings)) {
      const value = secret.data![key]!;
      if (key === 'token' && secret.type === 'kubernetes.io/service-account-token') {
        w.write(LEVEL_0, `${key}:\t${atob(value)}\n`);
      } else {
        w.write(LEVEL_0, `${key}:\t${base64Length(value)} bytes\n`);
      }
    }
  });
}

/** The number of bytes a base64 text decodes to. */
function base64Length(text: string): number {
  const clean = text.replace(/\s/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - padding;
}
