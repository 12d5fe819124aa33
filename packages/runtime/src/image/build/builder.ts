// `docker build` with BuildKit's semantics: parses the Dockerfile, works out which stages the
// target needs (COPY --from and FROM <stage>, cycles refused), resolves base images (local store,
// build cache, then the registry), and runs every filesystem step (FROM, WORKDIR, COPY, ADD, RUN)
// through the build cache; metadata instructions (ENV, CMD, EXPOSE, USER, LABEL, ...) only edit the
// image configuration and its history. Only the target stage's layers make up the image.
//
// The build is computed at once; its steps carry virtual durations that the caller lets pass
// (`docker build` waits them out on the engine's clock) before it commits the image with `tags`.

import { FsError } from '../../fs/file-system.ts';
import { FileTree } from '../../fs/file-tree.ts';
import { OverlayFs } from '../../fs/overlay-fs.ts';
import { resolvePath } from '../../fs/path.ts';
import { planPull } from '../../registry/pull.ts';
import type { RegistryCredentials } from '../../registry/registry.ts';
import { RegistryError } from '../../registry/registry-error.ts';
import type { RegistryHub } from '../../registry/registry-hub.ts';
import type { SeededRandom } from '../../sim/random.ts';
import { toRFC3339Nano } from '../../sim/wall-time.ts';
import { digestOf } from '../digest.ts';
import type { Image, ImageConfig, ImageHistoryEntry, ImageLayer } from '../image.ts';
import { makeImage } from '../image-config.ts';
import type { ImageStore } from '../image-store.ts';
import { createLayer } from '../layer.ts';
import { fullString, parseReference, ReferenceError } from '../reference.ts';
import { TarError } from '../tar.ts';
import { formatBytes } from '../units.ts';
import { resolveUserSpec } from './accounts.ts';
import { BuildCache } from './build-cache.ts';
import type { BuildContext } from './build-context.ts';
import { BuildError } from './build-error.ts';
import { BuildProgress, type Vertex } from './build-progress.ts';
import { checksumRows, copyInto, isArchive, matchSources, SourceNotFound, unpackInto } from './copy-files.ts';
import { type Dockerfile, type DockerfileInstruction, type DockerfileStage, parseDockerfile } from './dockerfile.ts';
import { expandWord, expandWords } from './expand.ts';
import { RUN_PROGRAMS } from './programs.ts';
import { Shell } from './shell.ts';

export interface BuildRequest {
  /** The Dockerfile's text and its name for messages (`Dockerfile`, `docker/Dockerfile.prod`). */
  dockerfile: string;
  dockerfileName?: string;
  context: BuildContext;
  /** `-t` references, as given (`my-app:1.0`). */
  tags?: string[];
  target?: string;
  buildArgs?: Record<string, string>;
  noCache?: boolean;
}

export interface BuildServices {
  store: ImageStore;
  cache: BuildCache;
  hub: RegistryHub;
  /** `docker login` credentials for a registry host. */
  credentials?: (host: string) => RegistryCredentials | undefined;
  random: SeededRandom;
  /** Virtual time the build starts at (engine.now). */
  now: number;
}

export interface BuildOutcome {
  progress: BuildProgress;
  /** The built image (not yet stored: see completeBuild). */
  image?: Image;
  error?: BuildError;
  /** The failing vertex's name and log, for docker's `> [2/3] RUN false:` block. */
  failedVertex?: Vertex;
  dockerfileLines: string[];
  dockerfileName: string;
  tags: string[];
}

const DEFAULT_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/** Args every build defines (BuildKit's automatic platform args). */
const PLATFORM_ARGS: Record<string, string> = { BUILDPLATFORM: 'linux/amd64', TARGETPLATFORM: 'linux/amd64', BUILDOS: 'linux', BUILDARCH: 'amd64', TARGETOS: 'linux', TARGETARCH: 'amd64', TARGETVARIANT: '', BUILDVARIANT: '' };

/** The file system and configuration of a stage as its steps build it up. */
interface StageState {
  layers: ImageLayer[];
  config: ImageConfig;
  history: ImageHistoryEntry[];
  /** Cache key of the last filesystem step. */
  key: string;
  /** Creation time of the last step that made a layer (for metadata history entries). */
  lastCreated: string;
  args: Map<string, string>;
  /** CMD was inherited from the base (ENTRYPOINT then clears it). */
  inheritedCmd: boolean;
}

export function build(request: BuildRequest, services: BuildServices): BuildOutcome {
  return new Build(request, services).run();
}

/** Stores a successful build's image and points its tags at it. */
export function completeBuild(store: ImageStore, outcome: BuildOutcome): Image | undefined {
  if (outcome.image === undefined) return undefined;
  const image = store.add(outcome.image);
  for (const tag of outcome.tags) store.tag(image, tag);
  return image;
}

class Build {
  readonly progress = new BuildProgress();
  readonly #name: string;
  readonly #tags: string[];
  #dockerfile: Dockerfile | undefined;
  readonly #stageResults = new Map<number, StageState>();
  /** Steps already run in this build, by cache key: the same step in two stages is one vertex. */
  readonly #seen = new Map<string, { diffId?: string; created: string }>();
  readonly #globalArgs = new Map<string, string>();
  /** Base images this build pulls (they go into the build cache), by image ID. */
  readonly #pulls = new Map<string, { digest: string; durationMs: number }>();

  constructor(
    private readonly request: BuildRequest,
    private readonly services: BuildServices,
  ) {
    this.#name = request.dockerfileName ?? 'Dockerfile';
    this.#tags = request.tags ?? [];
  }

  run(): BuildOutcome {
    const outcome = (extra: Partial<BuildOutcome>): BuildOutcome => ({
      progress: this.progress,
      dockerfileLines: this.#dockerfile?.lines ?? this.request.dockerfile.split('\n'),
      dockerfileName: this.#name,
      tags: this.#tags,
      ...extra,
    });
    try {
      for (const tag of this.#tags) this.#checkTag(tag);
      const definition = this.progress.start(`[internal] load build definition from ${this.#name.split('/').pop()}`);
      this.progress.log(definition, `transferring dockerfile: ${formatBytes(new TextEncoder().encode(this.request.dockerfile).length)} done`);
      this.progress.done(definition, 10);
      this.#dockerfile = parseDockerfile(this.request.dockerfile);
      const image = this.#build(this.#dockerfile);
      return outcome({ image });
    } catch (error) {
      if (error instanceof BuildError) {
        const failed = this.progress.vertices.find((v) => v.error !== undefined);
        return outcome({ error, ...(failed ? { failedVertex: failed } : {}) });
      }
      throw error;
    }
  }

  #checkTag(tag: string): void {
    try {
      if (parseReference(tag).digest !== undefined) throw new ReferenceError('invalid reference format');
    } catch (error) {
      if (!(error instanceof ReferenceError)) throw error;
      throw new BuildError(`invalid tag "${tag}": ${error.message}`);
    }
  }

  #build(dockerfile: Dockerfile): Image {
    const buildArgs = this.request.buildArgs ?? {};
    for (const [k, v] of Object.entries(PLATFORM_ARGS)) this.#globalArgs.set(k, v);
    for (const arg of dockerfile.globalArgs) {
      const [name, value] = arg.properties![0]!;
      const resolved = buildArgs[name] ?? (value === undefined ? undefined : expandWord(value, (n) => this.#globalArgs.get(n)));
      if (resolved !== undefined) this.#globalArgs.set(name, resolved);
    }
    const target = this.#targetStage(dockerfile);
    const order = this.#stageOrder(dockerfile, target);

    // Base images of the stages to build, resolved up front ("load metadata for ...").
    const bases = new Map<number, Image | 'scratch' | number>();
    const metadata = new Map<string, Image>();
    for (const stage of order) {
      const ref = this.#stageBase(dockerfile, stage);
      if (typeof ref === 'number' || ref === 'scratch') {
        bases.set(stage.index, ref);
        continue;
      }
      bases.set(stage.index, this.#loadMetadata(ref, metadata, stage.from.line));
    }
    for (const stage of order) {
      for (const i of stage.instructions) {
        const from = this.#copyFrom(i);
        if (typeof from === 'string') this.#loadMetadata(from, metadata, i.line);
      }
    }
    const ignore = this.progress.start('[internal] load .dockerignore');
    this.progress.log(ignore, `transferring context: ${formatBytes(this.request.context.ignoreSize)} done`);
    this.progress.done(ignore, 10);

    let contextLoaded = !order.some((stage) => stage.instructions.some((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && i.flags['from'] === undefined && i.heredocs === undefined));
    const loadContext = () => {
      if (contextLoaded) return;
      contextLoaded = true;
      const vertex = this.progress.start('[internal] load build context');
      this.progress.log(vertex, `transferring context: ${formatBytes(this.request.context.size)} done`);
      this.progress.done(vertex, 20 + this.request.context.size / 50_000);
    };
    for (const stage of order) this.#stageResults.set(stage.index, this.#runStage(stage, bases.get(stage.index)!, dockerfile.stages.length > 1, loadContext));
    const result = this.#stageResults.get(target.index)!;
    return this.#export(result);
  }

  #targetStage(dockerfile: Dockerfile): DockerfileStage {
    const target = this.request.target;
    if (target === undefined) return dockerfile.stages[dockerfile.stages.length - 1]!;
    const stage = dockerfile.stages.find((s) => s.name === target.toLowerCase());
    if (stage === undefined) throw new BuildError(`target stage "${target}" could not be found`);
    return stage;
  }

  /** What a stage starts from: an earlier stage's index, `scratch`, or an image reference. */
  #stageBase(dockerfile: Dockerfile, stage: DockerfileStage): number | 'scratch' | string {
    const args = (name: string) => this.#globalArgs.get(name);
    const image = expandWord(stage.image, args);
    if (image === '') throw new BuildError(`base name (${stage.image}) should not be blank`, stage.from.line);
    const earlier = dockerfile.stages.find((s) => s.index < stage.index && s.name === image.toLowerCase());
    if (earlier !== undefined) return earlier.index;
    if (image === 'scratch') return 'scratch';
    return image;
  }

  /** COPY --from: a stage index, or an image reference. */
  #copyFrom(instruction: DockerfileInstruction): number | string | undefined {
    if (instruction.keyword !== 'COPY') return undefined;
    const raw = instruction.flags['from']?.[0];
    if (raw === undefined) return undefined;
    const from = expandWord(raw, (n) => this.#globalArgs.get(n));
    const stages = this.#dockerfile!.stages;
    if (/^\d+$/.test(from)) {
      const index = Number(from);
      if (index >= stages.length) throw new BuildError(`invalid from flag value ${from}: stage index ${index} is out of range (${stages.length} stages)`, instruction.line);
      return index;
    }
    const named = stages.find((s) => s.name === from.toLowerCase());
    if (named !== undefined) return named.index;
    return from;
  }

  /** Stages the target needs, each after those it uses; a cycle is refused. */
  #stageOrder(dockerfile: Dockerfile, target: DockerfileStage): DockerfileStage[] {
    const order: DockerfileStage[] = [];
    const state = new Map<number, 'visiting' | 'done'>();
    const visit = (stage: DockerfileStage) => {
      const mark = state.get(stage.index);
      if (mark === 'done') return;
      if (mark === 'visiting') throw new BuildError(`circular dependency detected on stage: ${stage.name ?? stage.index}`, stage.from.line);
      state.set(stage.index, 'visiting');
      const base = this.#stageBase(dockerfile, stage);
      if (typeof base === 'number') visit(dockerfile.stages[base]!);
      for (const i of stage.instructions) {
        const from = this.#copyFrom(i);
        if (typeof from === 'number') {
          if (from === stage.index) throw new BuildError(`circular dependency detected on stage: ${stage.name ?? stage.index}`, i.line);
          visit(dockerfile.stages[from]!);
        }
      }
      state.set(stage.index, 'done');
      order.push(stage);
    };
    visit(target);
    return order;
  }

  /** `[internal] load metadata for docker.io/library/node:20-alpine`: local image, build cache, or registry. */
  #loadMetadata(reference: string, seen: Map<string, Image>, line: number): Image {
    let ref;
    try {
      ref = parseReference(reference);
    } catch (error) {
      if (!(error instanceof ReferenceError)) throw error;
      throw new BuildError(`failed to parse stage name "${reference}": ${error.message}`, line);
    }
    const full = fullString(ref);
    const known = seen.get(full);
    if (known !== undefined) return known;
    const vertex = this.progress.start(`[internal] load metadata for ${full}`);
    const local = this.services.store.resolve(full) ?? this.services.cache.base(full);
    if (local !== undefined) {
      this.progress.done(vertex, 0);
      seen.set(full, local);
      return local;
    }
    try {
      const plan = planPull(this.services.hub, this.services.store, ref, this.services.credentials?.(ref.domain));
      this.progress.done(vertex, 600);
      seen.set(full, plan.image);
      this.#pulls.set(plan.image.id, { digest: plan.manifestDigest, durationMs: plan.durationMs });
      return plan.image;
    } catch (error) {
      if (!(error instanceof RegistryError)) throw error;
      const reason =
        error.reason === 'not-found'
          ? `${full}: not found`
          : error.reason === 'denied'
            ? 'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed'
            : error.message;
      const message = `${reference}: failed to resolve source metadata for ${full}: ${reason}`;
      this.progress.fail(vertex, message, 300);
      throw new BuildError(message, line);
    }
  }

  #runStage(stage: DockerfileStage, base: Image | 'scratch' | number, multi: boolean, loadContext: () => void): StageState {
    const ops = stage.instructions.filter((i) => ['RUN', 'COPY', 'ADD', 'WORKDIR'].includes(i.keyword)).length + 1;
    let step = 1;
    const label = () => `[${multi ? `${stage.name ?? `stage-${stage.index}`} ` : ''}${step}/${ops}]`;
    let state: StageState;
    if (typeof base === 'number') {
      const from = this.#stageResults.get(base)!;
      state = { ...from, layers: [...from.layers], config: cloneConfig(from.config), history: [...from.history], args: new Map() };
    } else if (base === 'scratch') {
      loadContext();
      state = { layers: [], config: { Env: [DEFAULT_PATH] }, history: [], key: 'scratch', lastCreated: toRFC3339Nano(this.services.now), args: new Map(), inheritedCmd: false };
    } else {
      const ref = fullString(parseReference(expandWord(stage.image, (n) => this.#globalArgs.get(n))));
      const pull = this.#pulls.get(base.id);
      const digest = pull?.digest ?? this.services.cache.baseDigest(ref) ?? this.#repoDigest(base);
      const vertex = this.progress.start(`${label()} FROM ${ref}${digest ? `@${digest}` : ''}`);
      if (!this.#seen.has(`from:${base.id}`)) {
        this.#seen.set(`from:${base.id}`, { created: base.created });
        if (pull !== undefined && !this.services.cache.base(ref)) {
          this.progress.log(vertex, `resolve ${ref}${digest ? `@${digest}` : ''} 0.0s done`);
          for (const layer of base.layers) this.progress.log(vertex, `sha256:${layer.diffId.slice(7)} ${formatBytes(layer.size)} / ${formatBytes(layer.size)} ${(layer.size / 25e6).toFixed(1)}s done`);
          for (const layer of base.layers) this.progress.log(vertex, `extracting sha256:${layer.diffId.slice(7)} ${(layer.size / 150e6).toFixed(1)}s done`);
          this.services.cache.putBase(ref, base, pull.digest);
          this.progress.done(vertex, pull.durationMs);
        } else {
          this.progress.done(vertex, 0);
        }
      } else {
        this.progress.vertices.pop();
      }
      loadContext();
      state = {
        layers: [...base.layers],
        config: cloneConfig(base.config),
        history: [...base.history],
        key: `from:${base.id}`,
        lastCreated: base.created,
        args: new Map(),
        inheritedCmd: base.config.Cmd !== undefined && base.config.Cmd !== null,
      };
    }
    for (const instruction of stage.instructions) {
      if (['RUN', 'COPY', 'ADD', 'WORKDIR'].includes(instruction.keyword)) step++;
      this.#dispatch(instruction, state, label(), loadContext);
    }
    return state;
  }

  #repoDigest(image: Image): string | undefined {
    const digests = this.services.store.repoDigests(image);
    return digests[0]?.split('@')[1];
  }

  /** Variables for expansion in an instruction: the stage's ARGs and the image's ENV. */
  #lookup(state: StageState): (name: string) => string | undefined {
    const env = new Map((state.config.Env ?? []).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
    return (name) => env.get(name) ?? state.args.get(name);
  }

  #history(state: StageState, createdBy: string, emptyLayer: boolean, created = state.lastCreated): void {
    state.history.push({ created, created_by: createdBy, comment: 'buildkit.dockerfile.v0', ...(emptyLayer ? { empty_layer: true } : {}) });
  }

  #dispatch(i: DockerfileInstruction, state: StageState, label: string, loadContext: () => void): void {
    const lookup = this.#lookup(state);
    const c = state.config;
    switch (i.keyword) {
      case 'ARG': {
        const [name, value] = i.properties![0]!;
        const given = this.request.buildArgs?.[name];
        const resolved = given ?? (value !== undefined ? expandWord(value, lookup) : this.#globalArgs.get(name));
        state.args.set(name, resolved ?? '');
        this.#history(state, `ARG ${name}${resolved !== undefined && (value !== undefined || given !== undefined) ? `=${resolved}` : ''}`, true);
        return;
      }
      case 'ENV': {
        const env = new Map((c.Env ?? []).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
        const shown: string[] = [];
        for (const [name, value] of i.properties!) {
          const expanded = expandWord(value!, (n) => env.get(n) ?? state.args.get(n));
          env.set(name, expanded);
          shown.push(`${name}=${expanded}`);
        }
        c.Env = [...env].map(([k, v]) => `${k}=${v}`);
        this.#history(state, `ENV ${shown.join(' ')}`, true);
        return;
      }
      case 'LABEL': {
        c.Labels = { ...(c.Labels ?? {}) };
        const shown: string[] = [];
        for (const [name, value] of i.properties!) {
          const key = expandWord(name, lookup);
          c.Labels[key] = expandWord(value!, lookup);
          shown.push(`${key}=${c.Labels[key]}`);
        }
        this.#history(state, `LABEL ${shown.join(' ')}`, true);
        return;
      }
      case 'MAINTAINER':
        this.#history(state, `MAINTAINER ${i.args}`, true);
        return;
      case 'EXPOSE': {
        c.ExposedPorts = { ...(c.ExposedPorts ?? {}) };
        const added: string[] = [];
        for (const word of expandWords(i.args, lookup)) {
          const port = word.includes('/') ? word.toLowerCase() : `${word}/tcp`;
          if (!/^\d+(-\d+)?\/(tcp|udp|sctp)$/.test(port)) throw new BuildError(`failed to process "${word}": invalid containerPort: ${word.split('/')[0]}`, i.line);
          c.ExposedPorts[port] = {};
          added.push(port);
        }
        this.#history(state, `EXPOSE map[${added.sort().map((p) => `${p}:{}`).join(' ')}]`, true);
        return;
      }
      case 'CMD':
      case 'ENTRYPOINT': {
        const argv = i.json ?? [...(c.Shell ?? ['/bin/sh', '-c']), i.args];
        if (i.keyword === 'CMD') {
          c.Cmd = argv;
          state.inheritedCmd = false;
        } else {
          c.Entrypoint = argv;
          // An ENTRYPOINT clears the CMD a base image set, as BuildKit does.
          if (state.inheritedCmd) {
            c.Cmd = null;
            state.inheritedCmd = false;
          }
        }
        this.#history(state, `${i.keyword} [${argv.map((a) => JSON.stringify(a)).join(' ')}]`, true);
        return;
      }
      case 'USER':
        c.User = expandWord(i.args, lookup);
        this.#history(state, `USER ${c.User}`, true);
        return;
      case 'VOLUME': {
        const paths = i.json ?? expandWords(i.args, lookup);
        c.Volumes = { ...(c.Volumes ?? {}) };
        for (const p of paths) c.Volumes[p] = {};
        this.#history(state, `VOLUME [${paths.join(' ')}]`, true);
        return;
      }
      case 'STOPSIGNAL':
        c.StopSignal = expandWord(i.args, lookup);
        this.#history(state, `STOPSIGNAL ${c.StopSignal}`, true);
        return;
      case 'SHELL':
        if (i.json === undefined) throw new BuildError(`dockerfile parse error on line ${i.line}: SHELL requires the arguments to be in JSON form`, i.line);
        c.Shell = i.json;
        this.#history(state, `SHELL [${i.json.join(' ')}]`, true);
        return;
      case 'HEALTHCHECK':
        this.#healthcheck(i, state);
        return;
      case 'WORKDIR':
        this.#workdir(i, state, label);
        return;
      case 'COPY':
      case 'ADD':
        this.#copy(i, state, label, loadContext);
        return;
      case 'RUN':
        this.#run(i, state, label);
        return;
    }
  }

  #healthcheck(i: DockerfileInstruction, state: StageState): void {
    const rest = i.args.replace(/^(CMD|NONE)\s*/i, '');
    const none = /^NONE/i.test(i.args);
    const json = rest.startsWith('[') ? (JSON.parse(rest) as string[]) : undefined;
    const test = none ? ['NONE'] : json ? ['CMD', ...json] : ['CMD-SHELL', rest];
    const ns = (flag: string) => {
      const value = i.flags[flag]?.[0];
      if (value === undefined) return 0;
      const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(value);
      if (!m) throw new BuildError(`dockerfile parse error on line ${i.line}: time: invalid duration "${value}"`, i.line);
      return Math.round(Number(m[1]) * { ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 }[m[2] as 'ms' | 's' | 'm' | 'h']);
    };
    const check: NonNullable<ImageConfig['Healthcheck']> = { Test: test };
    for (const [flag, key] of [['interval', 'Interval'], ['timeout', 'Timeout'], ['start-period', 'StartPeriod'], ['start-interval', 'StartInterval']] as const) {
      const value = ns(flag);
      if (value > 0) check[key] = value;
    }
    const retries = i.flags['retries']?.[0];
    if (retries !== undefined) check.Retries = Number(retries);
    state.config.Healthcheck = check;
    const seconds = (v: number | undefined) => `"${(v ?? 0) / 1e9}s"`;
    this.#history(state, `HEALTHCHECK &{[${test.map((t) => JSON.stringify(t)).join(' ')}] ${seconds(check.Interval)} ${seconds(check.Timeout)} ${seconds(check.StartPeriod)} ${seconds(check.StartInterval)} '\\x${(check.Retries ?? 0).toString(16).padStart(2, '0')}'}`, true);
  }

  /** Runs a filesystem step through the cache. `work` changes the overlay and returns its virtual duration. */
  #step(state: StageState, label: string, text: string, description: unknown, history: string, work: (fs: OverlayFs, vertex: Vertex) => number): void {
    const key = digestOf(JSON.stringify([state.key, description]));
    const repeat = this.#seen.get(key);
    const record = repeat ?? (this.request.noCache ? undefined : this.services.cache.get(key));
    if (record !== undefined) {
      if (repeat === undefined) {
        const vertex = this.progress.start(`${label} ${text}`);
        this.progress.cached(vertex);
        this.#seen.set(key, record);
      }
      this.#apply(state, key, record.diffId, record.created, history);
      return;
    }
    const vertex = this.progress.start(`${label} ${text}`);
    const upper = new FileTree();
    const fs = new OverlayFs(state.layers.map((l) => l.tree), upper);
    const ms = work(fs, vertex);
    const empty = upper.readdir('/').length === 0;
    const layer = empty ? undefined : this.services.cache.layers.put(createLayer(upper));
    this.progress.done(vertex, ms + (layer ? layer.size / 200_000 : 0));
    const created = toRFC3339Nano(this.services.now + this.progress.now);
    const result = { ...(layer ? { diffId: layer.diffId } : {}), created };
    this.services.cache.put(key, result);
    this.#seen.set(key, result);
    this.#apply(state, key, layer?.diffId, created, history);
  }

  #apply(state: StageState, key: string, diffId: string | undefined, created: string, history: string): void {
    state.key = key;
    state.lastCreated = created;
    if (diffId !== undefined) state.layers.push(this.services.cache.layers.get(diffId)!);
    this.#history(state, history, diffId === undefined, created);
  }

  #user(state: StageState, fs: OverlayFs, i: DockerfileInstruction): { uid: number; gid: number } {
    const spec = state.config.User;
    if (!spec) return { uid: 0, gid: 0 };
    const found = resolveUserSpec(fs, spec);
    if (found === undefined) throw this.#fail(i, `unable to find user ${spec.split(':')[0]}: no matching entries in passwd file`);
    return found;
  }

  #fail(i: DockerfileInstruction, message: string): BuildError {
    const vertex = this.progress.vertices[this.progress.vertices.length - 1];
    if (vertex !== undefined && vertex.error === undefined) this.progress.fail(vertex, message);
    return new BuildError(message, i.line, i.endLine);
  }

  #workdir(i: DockerfileInstruction, state: StageState, label: string): void {
    const dir = resolvePath(state.config.WorkingDir || '/', expandWord(i.args, this.#lookup(state)));
    state.config.WorkingDir = dir;
    this.#step(state, label, i.text, ['WORKDIR', dir, state.config.User ?? ''], `WORKDIR ${dir}`, (fs) => {
      if (fs.stat(dir)?.kind !== 'dir') {
        const owner = this.#user(state, fs, i);
        fs.mkdir(dir, { recursive: true, ...owner });
      }
      return 30;
    });
  }

  #copy(i: DockerfileInstruction, state: StageState, label: string, loadContext: () => void): void {
    const lookup = this.#lookup(state);
    const words = i.json ?? expandWords(i.args, lookup);
    const heredocs = i.heredocs ?? [];
    const sources = heredocs.length > 0 ? [] : words.slice(0, -1).map((w) => expandWord(w, lookup));
    const destWord = heredocs.length > 0 ? words[words.length - 1]! : words[words.length - 1]!;
    const workdir = state.config.WorkingDir || '/';
    const dest = resolvePath(workdir, destWord);
    const destIsDir = destWord.endsWith('/') || sources.length > 1 || (destWord === '.' || destWord === './');
    const fromFlag = this.#copyFrom(i);
    let sourceFs: FileTree | OverlayFs = this.request.context.tree;
    let fromText = '';
    if (typeof fromFlag === 'number') {
      const stage = this.#stageResults.get(fromFlag)!;
      sourceFs = new OverlayFs(stage.layers.map((l) => l.tree), new FileTree());
      fromText = `stage:${fromFlag}:${stage.key}`;
    } else if (typeof fromFlag === 'string') {
      const image = this.#loadMetadata(fromFlag, new Map(), i.line);
      sourceFs = new OverlayFs(image.layers.map((l) => l.tree), new FileTree());
      fromText = `image:${image.id}`;
    } else if (heredocs.length === 0) {
      loadContext();
    }
    for (const url of sources.filter((s) => /^(https?|git):\/\//.test(s) || s.endsWith('.git'))) {
      this.progress.start(`${label} ${i.text}`);
      throw this.#fail(i, `${i.keyword} ${url}: Dockyard's builder is offline and cannot download remote sources; put the file in the build context and use COPY`);
    }
    const chownFlag = i.flags['chown']?.[0];
    const chmodFlag = i.flags['chmod']?.[0];
    if (chmodFlag !== undefined && !/^[0-7]{3,4}$/.test(chmodFlag)) throw new BuildError(`dockerfile parse error on line ${i.line}: invalid chmod parameter: ${chmodFlag}`, i.line);
    let matches: string[][];
    let checksums: string[];
    try {
      matches = sources.map((s) => matchSources(sourceFs, s));
      checksums = checksumRows(sourceFs, matches.flat());
    } catch (error) {
      if (!(error instanceof SourceNotFound)) throw error;
      this.progress.start(`${label} ${i.text}`);
      const ref = `moby::${this.services.random.strings('abcdefghijklmnopqrstuvwxyz0123456789', 25)()}`;
      const message = `failed to calculate checksum of ref ${ref}: ${error.message}`;
      this.progress.fail(this.progress.vertices[this.progress.vertices.length - 1]!, message);
      throw new BuildError(`failed to compute cache key: ${message}`, i.line, i.endLine);
    }
    const description = [i.keyword, fromText, checksums, heredocs, dest, destIsDir, chownFlag ?? '', chmodFlag ?? ''];
    const history = `${i.keyword} ${i.text.replace(/^\S+\s+/, '')} # buildkit`;
    this.#step(state, label, i.text, description, history, (fs) => {
      let owner = { uid: 0, gid: 0 };
      if (chownFlag !== undefined) {
        const spec = expandWord(chownFlag, lookup);
        const resolved = resolveUserSpec(fs, spec);
        if (resolved === undefined) throw this.#fail(i, `unable to convert uid/gid chown string to host mapping: can't find uid for user ${spec.split(':')[0]}: no such user: ${spec.split(':')[0]}`);
        owner = resolved;
      }
      const options = { ...owner, ...(chmodFlag !== undefined ? { mode: parseInt(chmodFlag, 8) } : {}) };
      let bytes = 0;
      for (const doc of heredocs) {
        const to = destIsDir || destWord.endsWith('/') ? `${dest}/${doc.name}` : dest;
        fs.mkdir(to.slice(0, to.lastIndexOf('/')) || '/', { recursive: true });
        fs.writeFile(to, doc.content, { mode: options.mode ?? 0o644, uid: owner.uid, gid: owner.gid });
        bytes += doc.content.length;
      }
      try {
        matches.forEach((paths) => {
          for (const path of paths) {
            const stat = sourceFs.stat(path);
            if (i.keyword === 'ADD' && stat?.kind === 'file' && typeof fromFlag !== 'number') {
              const content = sourceFs.readFile(path);
              if (isArchive(path, content)) {
                bytes += unpackInto(fs, content, dest, options, path);
                continue;
              }
            }
            bytes += copyInto(fs, sourceFs, [path], dest, destIsDir || stat?.kind === 'dir', options);
          }
        });
      } catch (error) {
        if (error instanceof TarError) throw this.#fail(i, error.message);
        if (error instanceof FsError) throw this.#fail(i, `failed to copy files: ${error.message}`);
        throw error;
      }
      return 40 + bytes / 100_000;
    });
  }

  #run(i: DockerfileInstruction, state: StageState, label: string): void {
    const c = state.config;
    const shellWords = c.Shell ?? ['/bin/sh', '-c'];
    const heredoc = i.heredocs?.[0];
    const script = heredoc ? heredoc.content : i.args;
    const argv = i.json ?? [...shellWords, script];
    const buildArgs = [...state.args].filter(([k]) => !(k in PLATFORM_ARGS) || this.request.buildArgs?.[k] !== undefined);
    const env = new Map((c.Env ?? [DEFAULT_PATH]).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
    for (const [k, v] of state.args) if (!env.has(k)) env.set(k, v);
    const process = argv.join(' ');
    const prefix = buildArgs.length > 0 ? `|${buildArgs.length} ${buildArgs.map(([k, v]) => `${k}=${v}`).join(' ')} ` : '';
    const history = `RUN ${prefix}${process} # buildkit`;
    const mounts = i.flags['mount'] ?? [];
    const description = ['RUN', argv, [...env].sort(), c.User ?? '', c.WorkingDir ?? '/', mounts];
    this.#step(state, label, i.text, description, history, (fs, vertex) => {
      const owner = this.#user(state, fs, i);
      const shellPath = i.json ? undefined : shellWords[0]!;
      if (shellPath !== undefined && fs.stat(shellPath) === undefined) {
        throw this.#fail(i, `process "${process}" did not complete successfully: runc run failed: unable to start container process: error during container init: exec: "${shellPath}": stat ${shellPath}: no such file or directory`);
      }
      if (!env.has('HOME')) env.set('HOME', owner.uid === 0 ? '/root' : (fs.stat('/etc/passwd') ? fs.readText('/etc/passwd').split('\n').find((l) => l.split(':')[2] === String(owner.uid))?.split(':')[5] : undefined) ?? '/');
      const start = this.progress.now;
      const shell = new Shell({
        fs,
        env: Object.fromEntries(env),
        cwd: c.WorkingDir || '/',
        uid: owner.uid,
        gid: owner.gid,
        programs: RUN_PROGRAMS,
        output: (line, at) => this.progress.log(vertex, line, true, start + 150 + at),
        ...(shellPath === undefined ? {} : { name: shellPath }),
      });
      // Cache mounts are not part of the layer: whatever the command leaves there is dropped.
      const cacheTargets = mounts.map((m) => /(?:^|,)(?:target|dst|destination)=([^,]+)/.exec(m)?.[1]).filter((t): t is string => t !== undefined);
      const status = i.json ? shell.run(i.json.map(quote).join(' ')) : shell.run(script);
      for (const target of cacheTargets) fs.remove(resolvePath(c.WorkingDir || '/', target), { recursive: true, force: true });
      if (status !== 0) {
        this.progress.now = start + 150 + shell.elapsedMs;
        throw this.#fail(i, `process "${process}" did not complete successfully: exit code: ${status}`);
      }
      return 150 + shell.elapsedMs;
    });
  }

  #export(result: StageState): Image {
    const config = { ...result.config };
    if (!(config.Env ?? []).some((e) => e.startsWith('PATH='))) config.Env = [DEFAULT_PATH, ...(config.Env ?? [])];
    if (config.Cmd === null) delete config.Cmd;
    const created = result.history[result.history.length - 1]?.created ?? result.lastCreated;
    const image = makeImage({ config, layers: result.layers, history: result.history, created });
    const vertex = this.progress.start('exporting to image');
    this.progress.log(vertex, `exporting layers ${(result.layers.length * 0.02).toFixed(1)}s done`);
    this.progress.log(vertex, `writing image ${image.id} done`);
    for (const tag of this.#tags) this.progress.log(vertex, `naming to ${fullString(parseReference(tag))} done`);
    this.progress.done(vertex, 20 + result.layers.length * 20);
    return image;
  }
}

function cloneConfig(config: ImageConfig): ImageConfig {
  return JSON.parse(JSON.stringify(config)) as ImageConfig;
}

function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
