// `docker stats`: CPU %, memory usage and limit, network and block I/O, and PIDs per container,
// from the cgroup model. Streams a frame per second of virtual time unless --no-stream. Fields and
// headers of docker/cli's cli/command/container/formatter_stats.go.

import type { Session } from '../../session.ts';
import { daemon } from './daemon.ts';
import type { DockerVerb } from './docker-verb.ts';
import { parseFlags } from './flags.ts';
import { bytesSize, humanSize } from './formatting.ts';
import { formatListing, formatterRow } from './listing-format.ts';

const DEFAULT_TABLE = 'table {{.ID}}\\t{{.Name}}\\t{{.CPUPerc}}\\t{{.MemUsage}}\\t{{.MemPerc}}\\t{{.NetIO}}\\t{{.BlockIO}}\\t{{.PIDs}}';

const HEADERS = {
  Container: 'CONTAINER',
  Name: 'NAME',
  ID: 'CONTAINER ID',
  CPUPerc: 'CPU %',
  MemUsage: 'MEM USAGE / LIMIT',
  MemPerc: 'MEM %',
  NetIO: 'NET I/O',
  BlockIO: 'BLOCK I/O',
  PIDs: 'PIDS',
};

function frame(session: Session, refs: string[], all: boolean, format: string | undefined, trunc: boolean): string {
  const { docker } = session.world;
  const containers = refs.length > 0 ? refs.map((r) => daemon(() => docker.get(r))) : docker.containers().filter((c) => all || docker.runtimeContainer(c.id).state.status === 'running');
  const rows = containers.map((c) => {
    const s = docker.stats(c.id);
    const memPercent = s.memoryLimit > 0 ? (s.memory / s.memoryLimit) * 100 : 0;
    return formatterRow('*container.statsContext', {
      Container: refs.length > 0 ? refs[containers.indexOf(c)]! : c.id.slice(0, 12),
      ID: trunc ? c.id.slice(0, 12) : c.id,
      Name: c.name,
      CPUPerc: `${s.cpuPercent.toFixed(2)}%`,
      MemUsage: `${bytesSize(s.memory)} / ${bytesSize(s.memoryLimit)}`,
      MemPerc: `${memPercent.toFixed(2)}%`,
      NetIO: `${humanSize(s.netRx)} / ${humanSize(s.netTx)}`,
      BlockIO: `${humanSize(s.blockRead)} / ${humanSize(s.blockWrite)}`,
      PIDs: String(s.pids),
    });
  });
  return formatListing(format === undefined || format === 'table' ? DEFAULT_TABLE : format, rows, HEADERS);
}

export const statsVerb: DockerVerb = {
  name: 'stats',
  summary: 'Display a live stream of container(s) resource usage statistics',
  async run(args, session) {
    const flags = parseFlags('stats', args, [
      { name: 'all', short: 'a', kind: 'bool' },
      { name: 'no-stream', kind: 'bool' },
      { name: 'no-trunc', kind: 'bool' },
      { name: 'format', kind: 'string' },
    ]);
    const render = () => frame(session, flags.positional, flags.bools.has('all'), flags.strings.get('format'), !flags.bools.has('no-trunc'));
    if (flags.bools.has('no-stream')) {
      session.stdout(render());
      return 0;
    }
    do session.stdout('\x1b[2J\x1b[H' + render());
    while (await session.wait(1000));
    return 0;
  },
};
