// Container probes (k/k pkg/kubelet/prober): what one probe does and says, and when the next one
// runs. Defaults come from the API server (timeout 1 s, period 10 s, success 1, failure 3,
// initialDelaySeconds 0; reference §2). A probe worker ticks every period from the container's
// start; ticks before initialDelaySeconds do nothing. Liveness and readiness wait for a startup
// probe to succeed. Readiness starts as failed, liveness as passed. Each failed probe is a Warning
// `Unhealthy` event with the prober's output (`Liveness probe failed: HTTP probe failed with
// statuscode: 500`); the result flips after failureThreshold failures or successThreshold
// successes in a row.

import type { ContainerRuntime } from '@dockyard/runtime';
import type { Container, Probe } from 'kubernetes-types/core/v1';
import type { DeepReadonly } from '../api/kinds.ts';

export type ProbeType = 'startup' | 'liveness' | 'readiness';
export const PROBE_TYPES: readonly ProbeType[] = ['startup', 'liveness', 'readiness'];

export interface ProbeOutcome {
  ok: boolean;
  /** What the prober reports on failure (the Unhealthy event's text after the colon). */
  output: string;
}

export interface ProbeState {
  result: 'unknown' | 'success' | 'failure';
  successes: number;
  failures: number;
}

export const PROBE_LABEL: Record<ProbeType, string> = { startup: 'Startup', liveness: 'Liveness', readiness: 'Readiness' };

export function probeOf(container: DeepReadonly<Container>, type: ProbeType): DeepReadonly<Probe> | undefined {
  return type === 'startup' ? container.startupProbe : type === 'liveness' ? container.livenessProbe : container.readinessProbe;
}

/** A probe's initial result: readiness fails until it passes, liveness passes until it fails. */
export function initialProbeState(type: ProbeType): ProbeState {
  return { result: type === 'readiness' ? 'failure' : type === 'liveness' ? 'success' : 'unknown', successes: 0, failures: 0 };
}

export function periodMs(probe: DeepReadonly<Probe>): number {
  return Math.max(1, probe.periodSeconds ?? 10) * 1000;
}

/** The first tick that is past initialDelaySeconds, counted from the container's start. */
export function firstProbeDelayMs(probe: DeepReadonly<Probe>): number {
  const period = periodMs(probe);
  const delay = (probe.initialDelaySeconds ?? 0) * 1000;
  return Math.ceil(delay / period) * period;
}

/** A port given by number or by the name of one of the container's ports. */
export function resolvePort(port: number | string | undefined, container: DeepReadonly<Container>): number | undefined {
  if (typeof port === 'number') return port;
  if (port === undefined) return undefined;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

/** Runs one probe against a running container whose pod has `podIP`. */
export function runProbe(runtime: ContainerRuntime, containerId: string, container: DeepReadonly<Container>, probe: DeepReadonly<Probe>, podIP: string): ProbeOutcome {
  if (probe.httpGet !== undefined) {
    const get = probe.httpGet;
    const port = resolvePort(get.port, container);
    const scheme = (get.scheme ?? 'HTTP').toLowerCase();
    const host = get.host || podIP;
    const path = get.path || '/';
    const url = `${scheme}://${host}:${port ?? 0}${path.startsWith('/') ? path : `/${path}`}`;
    if (port === undefined) return { ok: false, output: `Get "${url}": dial tcp ${host}:0: connect: connection refused` };
    const headers: Record<string, string> = {};
    for (const header of get.httpHeaders ?? []) headers[header.name.toLowerCase()] = header.value;
    const response = runtime.httpGet(containerId, port, path, headers);
    if (response === 'refused') return { ok: false, output: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` };
    if (response === 'unreachable') return { ok: false, output: `Get "${url}": dial tcp ${host}:${port}: connect: no route to host` };
    if (response === 'timeout') return { ok: false, output: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)` };
    if (response === 'empty') return { ok: false, output: `Get "${url}": EOF` };
    // http.go: 200 <= code < 400 is success.
    if (response.status >= 200 && response.status < 400) return { ok: true, output: '' };
    return { ok: false, output: `HTTP probe failed with statuscode: ${response.status}` };
  }
  if (probe.tcpSocket !== undefined || probe.grpc !== undefined) {
    const port = probe.tcpSocket !== undefined ? resolvePort(probe.tcpSocket.port, container) : probe.grpc!.port;
    const host = probe.tcpSocket?.host || podIP;
    const connected = port === undefined ? 'refused' : runtime.tcpConnect(containerId, port);
    if (connected === true) return { ok: true, output: '' };
    if (probe.grpc !== undefined) return { ok: false, output: `timeout: failed to connect service "${host}:${port}" within ${probe.timeoutSeconds ?? 1}s: context deadline exceeded` };
    const why = connected === 'refused' ? 'connect: connection refused' : connected === 'timeout' ? 'i/o timeout' : 'connect: no route to host';
    return { ok: false, output: `dial tcp ${host}:${port ?? 0}: ${why}` };
  }
  const command = [...(probe.exec?.command ?? [])];
  const exec = runtime.execStart(containerId, command);
  if ('error' in exec) {
    return { ok: false, output: `OCI runtime exec failed: exec failed: unable to start container process: ${exec.error}: unknown` };
  }
  const output = runtime
    .takeExecOutput(exec.id)
    .map(([, text]) => text)
    .join('');
  const done = runtime.exec(exec.id);
  if (done?.running !== false) {
    // Still running at the probe's timeout (commands here finish at once unless they sleep).
    return { ok: false, output: `command ${JSON.stringify(command.join(' '))} timed out` };
  }
  runtime.execForget(exec.id);
  return done.exitCode === 0 ? { ok: true, output } : { ok: false, output: output.replace(/\n$/, '') };
}

/** Counts a result in; returns the new result when it flips. */
export function recordProbe(state: ProbeState, probe: DeepReadonly<Probe>, ok: boolean): ProbeState['result'] | undefined {
  if (ok) {
    state.failures = 0;
    state.successes++;
    if (state.result !== 'success' && state.successes >= (probe.successThreshold ?? 1)) {
      state.result = 'success';
      return 'success';
    }
  } else {
    state.successes = 0;
    state.failures++;
    if (state.result !== 'failure' && state.failures >= (probe.failureThreshold ?? 3)) {
      state.result = 'failure';
      return 'failure';
    }
  }
  return undefined;
}
