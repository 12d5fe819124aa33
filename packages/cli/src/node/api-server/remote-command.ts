// pods/exec and pods/attach over WebSocket, what `kubectl exec`, `attach` and `run -it` speak
// since v1.30: an HTTP upgrade to the channel protocol v5.channel.k8s.io (or v4), binary messages
// whose first byte names the stream — 0 stdin, 1 stdout, 2 stderr, 3 the error stream (one
// metav1.Status when the command ends), 4 a terminal resize, 255 (v5) "stream N is closed". The
// command (or the attached container) runs on its node as virtual time passes. With -t the server
// is the terminal: it echoes what is typed, reads it a line at a time, and ends lines with CR LF.
// SPDY (kubectl's fallback when the WebSocket upgrade is refused) is not spoken, nor
// pods/portforward (SPDY framing even inside its WebSocket): both get a Status.
// [k8s.io/apimachinery pkg/util/remotecommand/constants.go; client-go tools/remotecommand
// websocket.go; kubelet cri/streaming/remotecommand (exit codes as NonZeroExitCode)]

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Pod } from 'kubernetes-types/core/v1';
import { type WebSocket, WebSocketServer } from 'ws';
import type { ApiContext } from './context.ts';
import { parseRoute } from './routes.ts';
import { type ApiStatus, badRequest, pathNotFound, statusOf } from './status.ts';
import { containerOf } from './subresources.ts';

/** The channel protocols served, preferred first. */
const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;
const CLOSE = 255;
/** How often a running command is looked at for output (wall-clock ms). */
const POLL_MS = 50;

type ContainerRef = NonNullable<ReturnType<ApiContext['cluster']['containerRef']>>;
type ErrorStatus = Omit<ApiStatus, 'kind' | 'apiVersion' | 'code'> & { code?: number };

const sockets = new WebSocketServer({ noServer: true, handleProtocols: (offered) => PROTOCOLS.find((p) => offered.has(p)) ?? false });

/** An HTTP upgrade request: an exec or attach streamed over WebSocket, or the Status why not. */
export function handleUpgrade(ctx: ApiContext, incoming: IncomingMessage, socket: Duplex, head: Buffer): void {
  try {
    ctx.settle();
    const request = streamRequest(ctx, incoming);
    sockets.handleUpgrade(incoming, socket, head, (ws) => serveStream(ctx, ws, request.options, request.kind === 'exec' ? execProcess(request.ref, request.command) : attachedProcess(request.ref)));
  } catch (error) {
    refuse(socket, statusOf(error).status);
  }
}

interface StreamOptions {
  stdin: boolean;
  tty: boolean;
  /** v5 says when stdin ends; v4 cannot. */
  v5: boolean;
}

type StreamRequest = { kind: 'exec'; ref: ContainerRef; command: string[]; options: StreamOptions } | { kind: 'attach'; ref: ContainerRef; options: StreamOptions };

/** The container (and command) an upgrade asks for, checked as the API server and kubelet do. */
function streamRequest(ctx: ApiContext, incoming: IncomingMessage): StreamRequest {
  const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
  const route = parseRoute(url.pathname, ctx.store.registry);
  if (route.kind !== 'resource' || route.type.group !== '' || route.type.resource !== 'pods' || route.namespace === undefined || route.name === undefined) throw pathNotFound();
  if (route.subresource === 'portforward') throw badRequest('dockyard serve does not stream pods/portforward; only pods/exec, pods/attach (over WebSocket) and pods/log');
  if (route.subresource !== 'exec' && route.subresource !== 'attach') throw pathNotFound();
  const pod = ctx.store.get('Pod', route.namespace, route.name) as Pod;
  const params = url.searchParams;
  const flag = (name: string) => params.get(name) === 'true' || params.get(name) === '1';
  const command = params.getAll('command');
  if (route.subresource === 'exec' && command.length === 0) throw badRequest('you must specify at least one command for the container');
  const options = { stdin: flag('stdin'), tty: flag('tty'), v5: false };
  if (!options.stdin && !flag('stdout') && !flag('stderr')) throw badRequest('you must specify at least 1 of stdin, stdout, stderr');
  const container = containerOf(pod, params.get('container') ?? '');
  const running = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])].find((s) => s.name === container)?.state?.running !== undefined;
  const ref = running ? ctx.cluster.containerRef(route.namespace, route.name, container) : undefined;
  if (ref === undefined) throw badRequest(`container not found (${JSON.stringify(container)})`);
  if (!/\bwebsocket\b/i.test(incoming.headers.upgrade ?? '')) {
    throw badRequest(`dockyard serve streams ${route.subresource} over WebSocket (v5.channel.k8s.io) only; unset KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false`);
  }
  const offered = (incoming.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  const protocol = PROTOCOLS.find((p) => offered.includes(p));
  if (protocol === undefined) throw badRequest(`none of the offered subprotocols is supported; use one of ${PROTOCOLS.join(', ')}`);
  options.v5 = protocol === PROTOCOLS[0];
  return route.subresource === 'exec' ? { kind: 'exec', ref, command, options } : { kind: 'attach', ref, options };
}

/** An upgrade answered with a Status instead (what kubectl prints as the server's error). */
function refuse(socket: Duplex, status: ApiStatus): void {
  const body = JSON.stringify(status);
  const reason = status.code === 404 ? 'Not Found' : status.code === 500 ? 'Internal Server Error' : 'Bad Request';
  socket.end(`HTTP/1.1 ${status.code} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/** What a stream is attached to: an exec's process, or the container's own. */
interface StreamedProcess {
  /** An exec reads piped stdin whole, before it starts; an attached container reads it line by line. */
  readonly wholeStdin: boolean;
  /** Starts it (an exec, with all of stdin when it is not a terminal); the Status of a failure. */
  start(options: { tty: boolean; stdin?: string }): ErrorStatus | undefined;
  /** Output since the last call. */
  output(): ['stdout' | 'stderr', string][];
  /** Once it has ended, the Status to send. */
  ended(): ErrorStatus | undefined;
  /** The prompt it waits at for a line, if it does. */
  prompt(): string | undefined;
  /** A line typed to it; null ends its input. */
  input(line: string | null): void;
  /** The client went away. */
  detach(): void;
}

function execProcess(ref: ContainerRef, command: string[]): StreamedProcess {
  const { runtime } = ref;
  let id: string | undefined;
  return {
    wholeStdin: true,
    start(options) {
      const exec = runtime.execStart(ref.containerId, command, { interactive: options.tty, ...(options.stdin === undefined ? {} : { stdin: options.stdin }) });
      if (!('error' in exec)) {
        id = exec.id;
        return undefined;
      }
      return {
        metadata: {},
        status: 'Failure',
        message: `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec ${JSON.stringify(runtime.newId())}: ${exec.error}`,
        reason: 'InternalError',
        details: { causes: [{ message: exec.error }] },
        code: 500,
      };
    },
    output: () => (id === undefined ? [] : runtime.takeExecOutput(id)),
    ended() {
      const exec = id === undefined ? undefined : runtime.exec(id);
      if (exec?.running === true) return undefined;
      runtime.execForget(id!);
      const code = exec?.exitCode ?? 0;
      if (code === 0) return { metadata: {}, status: 'Success' };
      return {
        metadata: {},
        status: 'Failure',
        message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${code}`,
        reason: 'NonZeroExitCode',
        details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
      };
    },
    prompt: () => (id === undefined ? undefined : runtime.execPrompt(id)),
    input: (line) => id !== undefined && runtime.execInput(id, line),
    // A shell left behind by a closed terminal reads the end of its input, as after a hangup.
    detach: () => id !== undefined && runtime.exec(id)?.running === true && runtime.execInput(id, null),
  };
}

/** The container's own process from now on: its new output, its prompt when it reads stdin. */
function attachedProcess(ref: ContainerRef): StreamedProcess {
  const { runtime, containerId } = ref;
  let read = runtime.logSize(containerId);
  return {
    wholeStdin: false,
    start: () => undefined,
    output() {
      const chunks = runtime.logs(containerId, {}, read);
      read += chunks.length;
      return chunks.map(([stream, text]) => [stream === 'stderr' ? 'stderr' : 'stdout', text]);
    },
    // The kubelet closes the streams when the container exits; kubectl attach then ends quietly.
    ended: () => (runtime.get(containerId)?.state.status === 'running' ? undefined : { metadata: {}, status: 'Success' }),
    prompt: () => runtime.containerPrompt(containerId),
    input: (line) => runtime.containerInput(containerId, line),
    // Detaching leaves the container running.
    detach: () => undefined,
  };
}

function serveStream(ctx: ApiContext, ws: WebSocket, options: StreamOptions, running: StreamedProcess): void {
  const send = (channel: number, data: string | Buffer) => {
    if (ws.readyState === ws.OPEN) ws.send(Buffer.concat([Buffer.from([channel]), Buffer.from(data)]));
  };
  let timer: ReturnType<typeof setInterval> | undefined;
  let started = false;
  let done = false;
  const stop = () => {
    done = true;
    clearInterval(timer);
    ctx.streams.delete(closeAll);
  };
  const closeAll = () => {
    stop();
    ws.terminate();
  };
  const finish = (status: ErrorStatus) => {
    stop();
    send(ERROR, JSON.stringify(status));
    if (ws.readyState === ws.OPEN) ws.close(1000);
  };
  ctx.streams.add(closeAll);

  // With a terminal every key goes through the line discipline. Without one an exec's stdin is
  // read to its end before it starts (its programs read their input whole; v4 has no end of
  // stdin, so there it is empty), and an attached container is given stdin a line at a time.
  const terminal = options.tty ? new LineDiscipline((text) => send(STDOUT, text)) : undefined;
  let piped = '';
  let pending = '';
  const lines: (string | null)[] = [];
  const start = () => {
    started = true;
    const failed = running.start({ tty: options.tty, ...(options.stdin && !options.tty ? { stdin: piped } : {}) });
    if (failed !== undefined) return finish(failed);
    timer = setInterval(poll, POLL_MS);
    poll();
  };
  const forward = () => {
    for (const [stream, text] of running.output()) {
      if (terminal !== undefined) terminal.output(text);
      else send(stream === 'stderr' ? STDERR : STDOUT, text);
    }
  };
  const nextLine = () => (terminal !== undefined ? terminal.nextLine() : lines.shift());
  const poll = () => {
    if (done) return;
    ctx.settle();
    forward();
    const ended = running.ended();
    if (ended !== undefined) return finish(ended);
    // A line for each prompt, as long as there are lines typed ahead.
    for (let prompt = running.prompt(); prompt !== undefined; prompt = running.prompt()) {
      terminal?.prompt(prompt);
      const line = nextLine();
      if (line === undefined) return;
      running.input(line);
      ctx.settle();
      forward();
    }
  };

  ws.on('message', (data: Buffer) => {
    if (data.length === 0) return;
    const channel = data[0]!;
    const payload = data.subarray(1);
    if (channel === STDIN) {
      const text = payload.toString('utf8');
      if (terminal !== undefined) terminal.input(text);
      else if (!started) piped += text;
      else {
        pending += text;
        for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
          lines.push(pending.slice(0, end));
          pending = pending.slice(end + 1);
        }
      }
    } else if (channel === CLOSE && payload[0] === STDIN) {
      if (terminal !== undefined) terminal.input(null);
      else if (!started) start();
      else lines.push(...(pending === '' ? [] : [pending]), null);
    }
  });
  ws.on('close', () => {
    if (!done) running.detach();
    stop();
  });
  // An exec with piped stdin starts when stdin ends (v5 says so).
  if (!(options.stdin && !options.tty && options.v5 && running.wholeStdin)) start();
}

/**
 * The terminal's line discipline for `-t`: echoes what is typed, handles backspace, ^C and ^D,
 * drops escape sequences (arrow keys), hands out whole lines, and writes output with CR LF line
 * ends (a tty's ONLCR).
 */
class LineDiscipline {
  #typed = '';
  #lines: (string | null)[] = [];
  #prompted = false;
  /** Inside an escape sequence (arrow keys and the like), which the line ignores. */
  #escape = false;

  constructor(private readonly write: (text: string) => void) {}

  output(text: string): void {
    this.write(text.replace(/\r?\n/g, '\r\n'));
  }

  /** Shows the prompt of a command waiting for a line, once per line. */
  prompt(text: string): void {
    if (this.#prompted) return;
    this.#prompted = true;
    this.write(text + this.#typed);
  }

  nextLine(): string | null | undefined {
    const line = this.#lines.shift();
    if (line !== undefined) this.#prompted = false;
    return line;
  }

  /** Keys from the client; null when its input ends. */
  input(keys: string | null): void {
    if (keys === null) {
      this.#lines.push(null);
      return;
    }
    for (const key of keys) {
      if (this.#escape) {
        this.#escape = !/[A-Za-z~]/.test(key);
      } else if (key === '\x1b') {
        this.#escape = true;
      } else if (key === '\r' || key === '\n') {
        this.write('\r\n');
        this.#lines.push(this.#typed);
        this.#typed = '';
      } else if (key === '\x7f' || key === '\b') {
        if (this.#typed.length > 0) {
          this.#typed = this.#typed.slice(0, -1);
          this.write('\b \b');
        }
      } else if (key === '\x03') {
        this.write('^C\r\n');
        this.#typed = '';
        this.#prompted = false;
      } else if (key === '\x04') {
        if (this.#typed === '') this.#lines.push(null);
      } else if (key >= ' ' || key === '\t') {
        this.#typed += key;
        this.write(key);
      }
    }
  }
}
