// pods/exec over WebSocket, what `kubectl exec` speaks since v1.30: an HTTP upgrade to the
// channel protocol v5.channel.k8s.io (or v4), binary messages whose first byte names the stream —
// 0 stdin, 1 stdout, 2 stderr, 3 the error stream (one metav1.Status when the command ends), 4 a
// terminal resize, 255 (v5) "stream N is closed". The command runs in the container on its node
// as virtual time passes. With -t the server is the terminal: it echoes what is typed, reads it a
// line at a time, and ends lines with CR LF. SPDY (kubectl's fallback when the WebSocket upgrade
// is refused) is not spoken; pods/attach and pods/portforward are refused with a Status.
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

const sockets = new WebSocketServer({ noServer: true, handleProtocols: (offered) => PROTOCOLS.find((p) => offered.has(p)) ?? false });

/** An HTTP upgrade request: an exec streamed over WebSocket, or the Status why not. */
export function handleUpgrade(ctx: ApiContext, incoming: IncomingMessage, socket: Duplex, head: Buffer): void {
  try {
    ctx.settle();
    const { ref, command, options } = execRequest(ctx, incoming);
    sockets.handleUpgrade(incoming, socket, head, (ws) => runExec(ctx, ws, ref, command, options));
  } catch (error) {
    refuse(socket, statusOf(error).status);
  }
}

interface ExecOptions {
  stdin: boolean;
  tty: boolean;
  /** v5 says when stdin ends; v4 cannot. */
  v5: boolean;
}

/** The container and command an upgrade asks for, checked as the API server and kubelet do. */
function execRequest(ctx: ApiContext, incoming: IncomingMessage): { ref: ContainerRef; command: string[]; options: ExecOptions } {
  const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
  const route = parseRoute(url.pathname, ctx.store.registry);
  if (route.kind !== 'resource' || route.type.group !== '' || route.type.resource !== 'pods' || route.namespace === undefined || route.name === undefined) throw pathNotFound();
  if (route.subresource === 'attach' || route.subresource === 'portforward') {
    throw badRequest(`dockyard serve does not stream pods/${route.subresource}; only pods/exec (over WebSocket) and pods/log`);
  }
  if (route.subresource !== 'exec') throw pathNotFound();
  const pod = ctx.store.get('Pod', route.namespace, route.name) as Pod;
  const params = url.searchParams;
  const flag = (name: string) => params.get(name) === 'true' || params.get(name) === '1';
  const command = params.getAll('command');
  if (command.length === 0) throw badRequest('you must specify at least one command for the container');
  const options = { stdin: flag('stdin'), tty: flag('tty'), v5: false };
  if (!options.stdin && !flag('stdout') && !flag('stderr')) throw badRequest('you must specify at least 1 of stdin, stdout, stderr');
  const container = containerOf(pod, params.get('container') ?? '');
  const running = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])].find((s) => s.name === container)?.state?.running !== undefined;
  const ref = running ? ctx.cluster.containerRef(route.namespace, route.name, container) : undefined;
  if (ref === undefined) throw badRequest(`container not found (${JSON.stringify(container)})`);
  if (!/\bwebsocket\b/i.test(incoming.headers.upgrade ?? '')) {
    throw badRequest('dockyard serve streams exec over WebSocket (v5.channel.k8s.io) only; unset KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false');
  }
  const offered = (incoming.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  const protocol = PROTOCOLS.find((p) => offered.includes(p));
  if (protocol === undefined) throw badRequest(`none of the offered subprotocols is supported; use one of ${PROTOCOLS.join(', ')}`);
  options.v5 = protocol === PROTOCOLS[0];
  return { ref, command, options };
}

/** An upgrade answered with a Status instead (what kubectl prints after "unable to upgrade connection:"). */
function refuse(socket: Duplex, status: ApiStatus): void {
  const body = JSON.stringify(status);
  const reason = status.code === 404 ? 'Not Found' : status.code === 500 ? 'Internal Server Error' : 'Bad Request';
  socket.end(`HTTP/1.1 ${status.code} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

function runExec(ctx: ApiContext, ws: WebSocket, ref: ContainerRef, command: string[], options: ExecOptions): void {
  const { runtime } = ref;
  const send = (channel: number, data: string | Buffer) => {
    if (ws.readyState === ws.OPEN) ws.send(Buffer.concat([Buffer.from([channel]), Buffer.from(data)]));
  };
  const finish = (status: Omit<ApiStatus, 'kind' | 'apiVersion' | 'code'> & { code?: number }) => {
    stop();
    send(ERROR, JSON.stringify(status));
    if (ws.readyState === ws.OPEN) ws.close(1000);
  };
  let timer: ReturnType<typeof setInterval> | undefined;
  const stop = () => {
    clearInterval(timer);
    ctx.streams.delete(closeAll);
  };
  const closeAll = () => {
    stop();
    ws.terminate();
  };
  ctx.streams.add(closeAll);

  // Without a terminal, stdin is read to its end before the command starts (its programs read
  // their input whole); v4 has no end of stdin, so there it is empty.
  let input = '';
  let execId: string | undefined;
  const terminal = options.tty ? new LineDiscipline((text) => send(STDOUT, text)) : undefined;
  const start = () => {
    const exec = runtime.execStart(ref.containerId, command, {
      interactive: options.tty,
      ...(options.stdin && !options.tty ? { stdin: input } : {}),
    });
    if ('error' in exec) {
      return finish({
        metadata: {},
        status: 'Failure',
        message: `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec ${JSON.stringify(runtime.newId())}: ${exec.error}`,
        reason: 'InternalError',
        details: { causes: [{ message: exec.error }] },
        code: 500,
      });
    }
    execId = exec.id;
    timer = setInterval(poll, POLL_MS);
    poll();
  };
  const poll = () => {
    if (execId === undefined) return;
    ctx.settle();
    for (const [stream, text] of runtime.takeExecOutput(execId)) {
      if (terminal !== undefined) terminal.output(text);
      else send(stream === 'stderr' ? STDERR : STDOUT, text);
    }
    const exec = runtime.exec(execId);
    if (exec === undefined || !exec.running) {
      runtime.execForget(execId);
      const code = exec?.exitCode ?? 0;
      if (code === 0) return finish({ metadata: {}, status: 'Success' });
      return finish({
        metadata: {},
        status: 'Failure',
        message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${code}`,
        reason: 'NonZeroExitCode',
        details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
      });
    }
    const prompt = runtime.execPrompt(execId);
    if (terminal !== undefined && prompt !== undefined) {
      terminal.prompt(prompt);
      for (let line = terminal.nextLine(); line !== undefined && runtime.execPrompt(execId) !== undefined; line = terminal.nextLine()) {
        runtime.execInput(execId, line);
        ctx.settle();
      }
    }
  };

  ws.on('message', (data: Buffer) => {
    if (data.length === 0) return;
    const channel = data[0]!;
    const payload = data.subarray(1);
    if (channel === STDIN) {
      if (terminal !== undefined) terminal.input(payload.toString('utf8'));
      else if (execId === undefined) input += payload.toString('utf8');
    } else if (channel === CLOSE && payload[0] === STDIN) {
      if (terminal !== undefined) terminal.input(null);
      else if (execId === undefined) start();
    }
  });
  ws.on('close', () => {
    stop();
    if (execId !== undefined && runtime.exec(execId)?.running) runtime.execInput(execId, null);
  });
  if (!(options.stdin && !options.tty && options.v5)) start();
}

/**
 * The terminal's line discipline for `exec -t`: echoes what is typed, handles backspace, ^C and
 * ^D, hands out whole lines, and writes output with CR LF line ends (a tty's ONLCR).
 */
class LineDiscipline {
  #typed = '';
  #lines: (string | null)[] = [];
  #prompted = false;

  constructor(private readonly write: (text: string) => void) {}

  output(text: string): void {
    this.write(text.replace(/\r?\n/g, '\r\n'));
  }

  /** Shows the prompt of a command waiting for a line, once per line. */
  prompt(text: string): void {
    if (this.#prompted || this.#lines.length > 0) return;
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
      if (key === '\r' || key === '\n') {
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
