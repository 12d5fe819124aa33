// `dockyard visualize [--port N] [--rebuild]`: serves the browser page on loopback. The words are
// read here; the serving itself is Node's (src/node/visualizer-server.ts), run by main.ts.
import { CommandError } from '../session.ts';

/** The port the page is served on unless --port says otherwise. */
export const DEFAULT_VISUALIZER_PORT = 8723;

export const VISUALIZE_SUMMARY = 'Serve the browser visualizer on 127.0.0.1 (--port N, --rebuild)';

export const VISUALIZE_HELP = `Serve the visualizer: the browser page that embeds the engine, with its clock, terminal,
YAML editor and events. It runs entirely in the page and works offline; the server only hands
out its files, on 127.0.0.1. The page is built on first use.

Usage:
  dockyard visualize [--port N] [--rebuild]

Options:
  --port N     the port to listen on (default ${DEFAULT_VISUALIZER_PORT}; 0 picks a free one)
  --rebuild    build the page again before serving it (after changing its sources)
`;

export interface VisualizeOptions {
  port: number;
  rebuild: boolean;
  help: boolean;
}

export function parseVisualizeArgs(args: readonly string[]): VisualizeOptions {
  const options: VisualizeOptions = { port: DEFAULT_VISUALIZER_PORT, rebuild: false, help: false };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    if (flag === '--help' || flag === '-h') options.help = true;
    else if (flag === '--rebuild') options.rebuild = true;
    else if (flag === '--port') {
      const value = inline ?? args[++i];
      const port = Number(value);
      if (value === undefined || !/^\d+$/.test(value) || port > 65535) {
        throw new CommandError(`error: --port takes a port number from 0 to 65535${value === undefined ? '' : `, not ${JSON.stringify(value)}`}`);
      }
      options.port = port;
    } else throw new CommandError(`error: unknown flag: ${args[i]}\nUsage: dockyard visualize [--port N] [--rebuild]`);
  }
  return options;
}
