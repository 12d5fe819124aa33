// `docker inspect` of a container: the Engine API's ContainerJSON, from the daemon's record and
// the runtime's state (State, Config, HostConfig, Mounts, NetworkSettings).

import { cloneJson } from '../sim/clone.ts';
import { toRFC3339Nano } from '../sim/wall-time.ts';
import type { DockerContainer, DockerEngine } from './docker-engine.ts';

export function inspectContainer(docker: DockerEngine, c: DockerContainer): Record<string, unknown> {
    const rc = docker.runtimeContainer(c.id);
    const running = rc.state.status === 'running';
    const zero = '0001-01-01T00:00:00Z';
    const time = (t: number | undefined) => (t === undefined ? zero : toRFC3339Nano(t));
    const dir = `/var/lib/docker/containers/${c.id}`;
    const ns = docker.runtime.netns(c.id);
    const networks: Record<string, unknown> = {};
    for (const [name, wanted] of Object.entries(c.networks)) {
      const network = docker.network(name);
      const endpoint = network?.endpoints[c.id];
      networks[name] = {
        IPAMConfig: wanted.ip ? { IPv4Address: wanted.ip } : null,
        Links: null,
        Aliases: wanted.aliases.length > 0 ? wanted.aliases : null,
        MacAddress: endpoint?.mac ?? '',
        DriverOpts: null,
        NetworkID: network?.id ?? '',
        EndpointID: endpoint?.endpointId ?? '',
        Gateway: endpoint ? network!.gateway : '',
        IPAddress: endpoint?.ip ?? '',
        IPPrefixLen: endpoint ? Number(network!.subnet.split('/')[1]) : 0,
        IPv6Gateway: '',
        GlobalIPv6Address: '',
        GlobalIPv6PrefixLen: 0,
        DNSNames: network?.embeddedDns && endpoint ? endpoint.aliases : null,
      };
    }
    const bridge = docker.network('bridge')?.endpoints[c.id];
    const ports: Record<string, { HostIp: string; HostPort: string }[] | null> = {};
    if (running) {
      for (const port of Object.keys(c.config.ExposedPorts)) ports[port] = null;
      for (const b of c.published) {
        const list = (ports[`${b.containerPort}/${b.protocol}`] ??= []) ?? [];
        list.push({ HostIp: b.hostIp, HostPort: String(b.hostPort) });
        if (b.hostIp === '0.0.0.0') list.push({ HostIp: '::', HostPort: String(b.hostPort) });
        ports[`${b.containerPort}/${b.protocol}`] = list;
      }
    }
    const portBindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
    for (const b of c.hostConfig.PortBindings) (portBindings[`${b.containerPort}/${b.protocol}`] ??= []).push({ HostIp: b.hostIp, HostPort: b.hostPort ? String(b.hostPort) : '' });
    return {
      Id: c.id,
      Created: toRFC3339Nano(c.created),
      Path: rc.spec.argv[0],
      Args: rc.spec.argv.slice(1),
      State: {
        Status: c.restarting ? 'restarting' : rc.state.status,
        Running: running || c.restarting,
        Paused: false,
        Restarting: c.restarting,
        OOMKilled: rc.state.oomKilled,
        Dead: false,
        Pid: running ? rc.state.pid : 0,
        ExitCode: rc.state.exitCode,
        Error: rc.state.error,
        StartedAt: time(rc.state.startedAt),
        FinishedAt: time(rc.state.finishedAt),
        ...(c.health ? { Health: cloneJson(c.health) } : {}),
      },
      Image: c.imageId,
      ResolvConfPath: `${dir}/resolv.conf`,
      HostnamePath: `${dir}/hostname`,
      HostsPath: `${dir}/hosts`,
      LogPath: `${dir}/${c.id}-json.log`,
      Name: `/${c.name}`,
      RestartCount: c.restartCount,
      Driver: 'overlay2',
      Platform: 'linux',
      MountLabel: '',
      ProcessLabel: '',
      AppArmorProfile: '',
      ExecIDs: null,
      HostConfig: {
        Binds: c.hostConfig.Mounts.filter((m) => m.type === 'bind').map((m) => `${m.source}:${m.target}${m.readOnly ? ':ro' : ''}`),
        ContainerIDFile: '',
        LogConfig: { Type: 'json-file', Config: {} },
        NetworkMode: c.hostConfig.NetworkMode,
        PortBindings: portBindings,
        RestartPolicy: c.hostConfig.RestartPolicy,
        AutoRemove: c.hostConfig.AutoRemove,
        Dns: c.hostConfig.Dns,
        ExtraHosts: c.hostConfig.ExtraHosts.length > 0 ? c.hostConfig.ExtraHosts : null,
        PublishAllPorts: c.hostConfig.PublishAllPorts,
        ReadonlyRootfs: false,
        CpuShares: c.hostConfig.CpuShares,
        Memory: c.hostConfig.Memory,
        NanoCpus: c.hostConfig.NanoCpus,
        MemorySwap: c.hostConfig.Memory ? c.hostConfig.Memory * 2 : 0,
        PidsLimit: c.hostConfig.PidsLimit,
        OomKillDisable: null,
        Init: c.hostConfig.Init,
      },
      GraphDriver: { Data: { MergedDir: `/var/lib/docker/overlay2/${c.id}/merged`, UpperDir: `/var/lib/docker/overlay2/${c.id}/diff`, WorkDir: `/var/lib/docker/overlay2/${c.id}/work` }, Name: 'overlay2' },
      Mounts: c.hostConfig.Mounts.map((m) =>
        m.type === 'volume'
          ? { Type: 'volume', Name: m.source, Source: `/var/lib/docker/volumes/${m.source}/_data`, Destination: m.target, Driver: 'local', Mode: m.readOnly ? 'ro' : 'z', RW: !m.readOnly, Propagation: '' }
          : m.type === 'bind'
            ? { Type: 'bind', Source: m.source, Destination: m.target, Mode: m.readOnly ? 'ro' : '', RW: !m.readOnly, Propagation: 'rprivate' }
            : { Type: 'tmpfs', Source: '', Destination: m.target, Mode: '', RW: true, Propagation: '' },
      ),
      Config: {
        Hostname: c.config.Hostname,
        Domainname: c.config.Domainname,
        User: c.config.User,
        AttachStdin: false,
        AttachStdout: false,
        AttachStderr: false,
        ...(Object.keys(c.config.ExposedPorts).length > 0 ? { ExposedPorts: c.config.ExposedPorts } : {}),
        Tty: c.config.Tty,
        OpenStdin: c.config.OpenStdin,
        StdinOnce: false,
        Env: c.config.Env,
        Cmd: c.config.Cmd,
        ...(c.config.Healthcheck ? { Healthcheck: c.config.Healthcheck } : {}),
        Image: c.config.Image,
        Volumes: c.config.Volumes,
        WorkingDir: c.config.WorkingDir,
        Entrypoint: c.config.Entrypoint,
        OnBuild: null,
        Labels: c.config.Labels,
        ...(c.config.StopSignal ? { StopSignal: c.config.StopSignal } : {}),
        ...(c.config.StopTimeout !== undefined ? { StopTimeout: c.config.StopTimeout } : {}),
      },
      NetworkSettings: {
        Bridge: '',
        SandboxID: running ? c.id.split('').reverse().join('') : '',
        SandboxKey: running && ns ? `/var/run/docker/netns/${ns.inode.toString(16).slice(-12)}` : '',
        Ports: ports,
        HairpinMode: false,
        LinkLocalIPv6Address: '',
        LinkLocalIPv6PrefixLen: 0,
        SecondaryIPAddresses: null,
        SecondaryIPv6Addresses: null,
        EndpointID: bridge?.endpointId ?? '',
        Gateway: bridge ? docker.network('bridge')!.gateway : '',
        GlobalIPv6Address: '',
        GlobalIPv6PrefixLen: 0,
        IPAddress: bridge?.ip ?? '',
        IPPrefixLen: bridge ? 16 : 0,
        IPv6Gateway: '',
        MacAddress: bridge?.mac ?? '',
        Networks: networks,
      },
    };
  }
