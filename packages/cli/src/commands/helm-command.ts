// `dockyard helm ...`: helm's verbs. Rendering needs no cluster (template, create, lint, package);
// releases live on the workspace's cluster, and their waits (--wait, hooks) let the session's
// virtual time pass.
import { VIRTUAL_EPOCH_MS } from '@dockyard/runtime';
import type { FileSource } from '@dockyard/scheduler/helm';
import {
  helmCreate,
  helmGet,
  helmHistory,
  helmInstall,
  helmLint,
  helmList,
  helmPackage,
  helmRollback,
  helmStatus,
  helmTemplate,
  helmTest,
  helmUninstall,
  helmUpgrade,
  type HelmEnvironment,
  type HelmReleaseEnvironment,
} from '../helm/index.ts';
import { printTable } from '../kubectl/printers/index.ts';
import type { HostFiles, Session } from '../session.ts';
import type { TopCommand } from './command.ts';

const VERBS = ['create', 'get', 'history', 'install', 'lint', 'list', 'package', 'rollback', 'status', 'template', 'test', 'uninstall', 'upgrade'] as const;

export const helmCommand: TopCommand = {
  name: 'helm',
  summary: 'The helm CLI (install, upgrade, rollback, uninstall, list, status, history, get, test, template, create, lint, package)',
  async run(args, session) {
    const [verb, ...rest] = args;
    if (verb === undefined || verb === '--help' || verb === '-h' || verb === 'help') {
      session.stdout(usage());
      return 0;
    }
    const files = scopedSource(session.files, rest);
    const env: HelmEnvironment = {
      files,
      now: () => VIRTUAL_EPOCH_MS + session.world.engine.now,
      random: session.world.engine.random,
      cwd: session.files.cwd,
    };
    const release = (): HelmReleaseEnvironment => ({
      ...env,
      store: session.world.cluster.store,
      sleep: (ms) => session.wait(ms),
      // helm status shows its objects as kubectl's tables do (helm 4 asks the server for tables).
      printResources: (_key, objects) => printTable(objects, {}, session.world.engine.now),
    });
    switch (verb) {
      case 'install':
        return print(session, await helmInstall(rest, release()));
      case 'upgrade':
        return print(session, await helmUpgrade(rest, release()));
      case 'rollback':
        return print(session, await helmRollback(rest, release()));
      case 'uninstall':
      case 'un':
      case 'del':
      case 'delete':
        return print(session, await helmUninstall(rest, release()));
      case 'list':
      case 'ls':
        return print(session, helmList(rest, release()));
      case 'status':
        return print(session, helmStatus(rest, release()));
      case 'history':
      case 'hist':
        return print(session, helmHistory(rest, release()));
      case 'get':
        return print(session, helmGet(rest, release()));
      case 'test':
        return print(session, await helmTest(rest, release()));
      case 'template':
        return print(session, helmTemplate(rest, env));
      case 'lint':
        return print(session, helmLint(rest, env));
      case 'package': {
        const result = helmPackage(rest, env);
        for (const [path, data] of result.files) session.files.writeFile(path, data);
        return print(session, result);
      }
      case 'create': {
        const result = helmCreate(rest, files);
        for (const dir of result.directories) session.files.mkdir(dir, { recursive: true });
        for (const [path, data] of result.files) {
          session.files.mkdir(path.replace(/\/[^/]*$/, ''), { recursive: true });
          session.files.writeFile(path, data);
        }
        return print(session, result);
      }
      default:
        session.stderr(`Error: unknown command "${verb}" for "helm"\nRun 'helm --help' for usage.\n`);
        return 1;
    }
  },
};

function print(session: Session, result: { stdout: string; stderr: string; exitCode: number }): number {
  if (result.stdout) session.stdout(result.stdout);
  if (result.stderr) session.stderr(result.stderr);
  return result.exitCode;
}

/**
 * The user's files as helm's FileSource, limited to what the arguments name (the chart folder,
 * values files): listing a whole working directory on disk could mean walking node_modules.
 */
function scopedSource(files: HostFiles, args: readonly string[]): FileSource {
  const found = new Set<string>();
  const walk = (path: string) => {
    const stat = files.stat(path);
    if (stat?.kind === 'dir') for (const name of files.readdir(path)) walk(`${path}/${name}`);
    else if (stat?.kind === 'file') found.add(clean(path));
  };
  for (const arg of args) {
    const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : arg;
    if (!value.startsWith('-') && value !== '' && files.stat(value) !== undefined) walk(value);
  }
  const sorted = [...found].sort();
  return {
    read(path) {
      for (const candidate of [path, '/' + clean(path)]) {
        try {
          return files.readFile(candidate);
        } catch {
          // try the next form
        }
      }
      return undefined;
    },
    paths: () => sorted,
  };
}

function clean(path: string): string {
  return path.split('/').filter((p) => p !== '' && p !== '.').join('/');
}

function usage(): string {
  return [
    'The Kubernetes package manager (simulated by Dockyard)',
    '',
    'Usage:',
    '  helm [command]',
    '',
    'Available Commands:',
    ...VERBS.map((v) => `  ${v}`),
    '',
    'Use "helm [command] --help" for more information about a command.',
    '',
  ].join('\n');
}

