// Reads a Dockerfile into stages of instructions. dockerfile-ast (the parser behind the VS Code
// Dockerfile language server) finds instructions, flags, properties and heredocs; it tolerates
// every mistake, as an editor must, so the checks BuildKit's parser makes are done here, with
// BuildKit's messages and line numbers.

import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { Util } from 'dockerfile-ast/lib/util.js';
import { BuildError } from './build-error.ts';

// dockerfile-ast detects a byte-order mark with Node's Buffer, which browsers lack: the same test
// on the character itself (U+FEFF is what a UTF-8 BOM decodes to) runs everywhere.
Util.isUTF8BOM = (char: string) => char === '\uFEFF';

const KEYWORDS = ['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR'];

/** Flags each instruction accepts (BuildKit's), and those Dockyard simulates. */
const FLAGS: Record<string, { known: string[]; supported: string[] }> = {
  FROM: { known: ['platform'], supported: ['platform'] },
  RUN: { known: ['mount', 'network', 'security'], supported: ['mount'] },
  COPY: { known: ['from', 'chown', 'chmod', 'link', 'parents', 'exclude'], supported: ['from', 'chown', 'chmod', 'link'] },
  ADD: { known: ['chown', 'chmod', 'link', 'checksum', 'keep-git-dir', 'exclude'], supported: ['chown', 'chmod', 'link'] },
  HEALTHCHECK: { known: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'], supported: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'] },
};

export interface DockerfileInstruction {
  /** Upper-case keyword. */
  keyword: string;
  /** 1-based first and last line. */
  line: number;
  endLine: number;
  /** The instruction as BuildKit shows it in progress lines (continuations joined). */
  text: string;
  /** Arguments after the flags, continuations joined, unexpanded. */
  args: string;
  flags: Record<string, string[]>;
  /** Exec form (`["node", "server.js"]`), when the arguments are a JSON array of strings. */
  json?: string[];
  /** `name=value` pairs of ENV, LABEL and ARG (value undefined for `ARG NAME`). */
  properties?: [string, string | undefined][];
  heredocs?: { name: string; content: string }[];
}

export interface DockerfileStage {
  index: number;
  /** `AS name`, lower-cased as BuildKit does. */
  name?: string;
  /** The FROM instruction; its `args` hold the unexpanded image. */
  from: DockerfileInstruction;
  image: string;
  instructions: DockerfileInstruction[];
}

export interface Dockerfile {
  /** ARGs before the first FROM: usable in FROM lines. */
  globalArgs: DockerfileInstruction[];
  stages: DockerfileStage[];
  /** Source lines, for error excerpts. */
  lines: string[];
}

export function parseDockerfile(source: string): Dockerfile {
  const lines = source.split(/\r?\n/);
  const document = DockerfileParser.parse(source);
  const instructions = document.getInstructions();
  if (instructions.length === 0) throw new BuildError('the Dockerfile cannot be empty');
  const escape = document.getEscapeCharacter();
  const dockerfile: Dockerfile = { globalArgs: [], stages: [], lines };
  for (const node of instructions) {
    const instruction = toInstruction(node, lines, escape);
    const { keyword, line } = instruction;
    if (!KEYWORDS.includes(keyword)) {
      const hint = KEYWORDS.find((k) => editDistance(k, keyword) <= 2);
      throw new BuildError(`dockerfile parse error on line ${line}: unknown instruction: ${node.getInstruction()}${hint ? ` (did you mean ${hint.toLowerCase() === node.getInstruction() ? hint.toLowerCase() : hint}?)` : ''}`, line);
    }
    checkInstruction(instruction);
    if (keyword === 'FROM') {
      const words = instruction.args.split(/\s+/).filter(Boolean);
      if (words.length !== 1 && !(words.length === 3 && words[1]!.toLowerCase() === 'as')) {
        throw new BuildError(`dockerfile parse error on line ${line}: FROM requires either one or three arguments`, line);
      }
      const name = words[2]?.toLowerCase();
      if (name !== undefined && !/^[a-z][a-z0-9-_.]*$/.test(name)) throw new BuildError(`dockerfile parse error on line ${line}: invalid name for build stage: "${words[2]}", name can't start with a number or contain symbols`, line);
      if (name !== undefined && dockerfile.stages.some((s) => s.name === name)) throw new BuildError(`dockerfile parse error on line ${line}: duplicate stage name "${name}"`, line);
      dockerfile.stages.push({ index: dockerfile.stages.length, ...(name ? { name } : {}), from: instruction, image: words[0]!, instructions: [] });
    } else if (dockerfile.stages.length === 0) {
      if (keyword !== 'ARG') throw new BuildError(`dockerfile parse error on line ${line}: no build stage in current context`, line);
      dockerfile.globalArgs.push(instruction);
    } else {
      dockerfile.stages[dockerfile.stages.length - 1]!.instructions.push(instruction);
    }
  }
  if (dockerfile.stages.length === 0) throw new BuildError('dockerfile parse error: no build stage in current context');
  return dockerfile;
}

function toInstruction(node: Instruction, lines: string[], escape: string): DockerfileInstruction {
  const range = node.getRange();
  const line = range.start.line + 1;
  const endLine = range.end.line + 1;
  const keyword = node.getKeyword();
  const withFlags = node as Instruction & { getFlags?: () => { getName(): string; getValue(): string | null }[] };
  const flags: Record<string, string[]> = {};
  for (const flag of withFlags.getFlags?.() ?? []) (flags[flag.getName()] ??= []).push(flag.getValue() ?? '');
  const withHeredocs = node as Instruction & { getHeredocs?: () => { getName(): string; getContentRange(): { start: { line: number }; end: { line: number } } | null }[] };
  const heredocs = (withHeredocs.getHeredocs?.() ?? []).map((h) => {
    const r = h.getContentRange();
    return { name: h.getName(), content: r === null ? '' : lines.slice(r.start.line, r.end.line + 1).join('\n') + '\n' };
  });
  let args = node.getArgumentsContent() ?? '';
  if (heredocs.length > 0) args = args.split('\n')[0]!;
  // Flags stay in the display text; dockerfile-ast leaves them out of the arguments.
  const text = heredocs.length > 0 ? `${joined(lines.slice(range.start.line, range.start.line + 1), escape)} (${summarizeHeredoc(heredocs[0]!.content)})` : joined(lines.slice(range.start.line, range.end.line + 1), escape);
  const instruction: DockerfileInstruction = { keyword, line, endLine, text, args: args.trim(), flags };
  if (heredocs.length > 0) instruction.heredocs = heredocs;
  const json = execForm(instruction.args);
  if (json !== undefined && ['RUN', 'CMD', 'ENTRYPOINT', 'COPY', 'ADD', 'VOLUME', 'SHELL', 'HEALTHCHECK'].includes(keyword)) instruction.json = json;
  const withProperties = node as Instruction & { getProperties?: () => { getName(): string; getValue(): string | null }[] };
  if (['ENV', 'LABEL', 'ARG'].includes(keyword)) {
    instruction.properties = (withProperties.getProperties?.() ?? []).map((p) => [p.getName(), p.getValue() ?? undefined]);
  }
  return instruction;
}

/** BuildKit's progress summary of a heredoc: its first line, `...` when there is more (moby/buildkit#2201). */
function summarizeHeredoc(content: string): string {
  const lines = content.trim().split('\n');
  let summary = lines[0]!.trim();
  if (summary.length > 32) summary = `${summary.slice(0, 32)}...`;
  else if (lines.length > 1) summary += '...';
  return summary;
}

/** Lines of one instruction with the escape-newline pairs removed, comments inside dropped. */
function joined(lines: string[], escape: string): string {
  let out = '';
  for (const raw of lines) {
    if (out !== '' && /^\s*#/.test(raw)) continue;
    const line = raw.replace(/\s+$/, '');
    out += line.endsWith(escape) ? line.slice(0, -escape.length) : line;
  }
  return out.trim();
}

function execForm(args: string): string[] | undefined {
  if (!args.startsWith('[')) return undefined;
  try {
    const value = JSON.parse(args) as unknown;
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
  } catch {
    return undefined;
  }
}

/** BuildKit's per-instruction argument checks, and Dockyard's limits, both with the line number. */
function checkInstruction(i: DockerfileInstruction): void {
  const at = `dockerfile parse error on line ${i.line}`;
  const allowed = FLAGS[i.keyword];
  for (const name of Object.keys(i.flags)) {
    if (allowed === undefined || !allowed.known.includes(name)) throw new BuildError(`${at}: unknown flag: --${name}`, i.line);
    if (!allowed.supported.includes(name)) throw new BuildError(`Dockerfile line ${i.line}: ${i.keyword} --${name} is not supported by Dockyard's builder`, i.line);
  }
  for (const mount of i.flags['mount'] ?? []) {
    const type = /(?:^|,)type=([^,]+)/.exec(mount)?.[1] ?? 'bind';
    if (type !== 'cache' && type !== 'tmpfs') throw new BuildError(`Dockerfile line ${i.line}: RUN --mount=type=${type} is not supported by Dockyard's builder (only type=cache and type=tmpfs)`, i.line);
  }
  const empty = i.args === '' && (i.heredocs?.length ?? 0) === 0;
  switch (i.keyword) {
    case 'COPY':
    case 'ADD':
      if (i.heredocs === undefined && (i.json ?? i.args.split(/\s+/).filter(Boolean)).length < 2) {
        throw new BuildError(`${at}: ${i.keyword} requires at least two arguments, but only one was provided. Destination could not be determined.`, i.line);
      }
      break;
    case 'ENV':
    case 'LABEL':
      if (empty) throw new BuildError(`${at}: ${i.keyword} requires at least one argument`, i.line);
      for (const [name, value] of i.properties ?? []) {
        if (value === undefined) throw new BuildError(`${at}: ${i.keyword} must have two arguments`, i.line);
        if (name === '') throw new BuildError(`${at}: ${i.keyword} names can not be blank`, i.line);
      }
      break;
    case 'ARG':
      if ((i.properties ?? []).length !== 1) throw new BuildError(`${at}: ARG requires exactly one argument`, i.line);
      break;
    case 'ONBUILD':
      throw new BuildError(`Dockerfile line ${i.line}: ONBUILD is not supported by Dockyard's builder`, i.line);
    case 'HEALTHCHECK':
      if (!/^(NONE|CMD)\b/i.test(i.args)) throw new BuildError(`${at}: HEALTHCHECK requires either NONE or CMD`, i.line);
      break;
    default:
      if (empty && i.keyword !== 'CMD' && i.keyword !== 'ENTRYPOINT' && i.keyword !== 'RUN') throw new BuildError(`${at}: ${i.keyword} requires at least one argument`, i.line);
      if (empty && i.keyword === 'RUN') throw new BuildError(`${at}: RUN requires at least one argument`, i.line);
  }
}

function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) dp[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      dp[i]![j] = Math.min(dp[i - 1]![j]! + 1, dp[i]![j - 1]! + 1, dp[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return dp[a.length]![b.length]!;
}
