// A Dockerfile linter for the practices the tutorial teaches, in the manner of
// `docker build --check`: each finding has a rule id (BuildKit's own where BuildKit has the rule,
// SecretsUsedInArgOrEnv, JSONArgsRecommended, MaintainerDeprecated, FromAsCasing,
// LegacyKeyValueFormat; Dockyard's otherwise), the line, what is wrong and a one-line fix.

import { type Dockerfile, type DockerfileInstruction, parseDockerfile } from './dockerfile.ts';

export interface LintFinding {
  rule: string;
  line: number;
  message: string;
  fix: string;
  /** BuildKit's documentation page for its own rules. */
  url?: string;
}

const SECRET = /(PASSWORD|PASSWD|TOKEN|SECRET|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|(^|_)KEY$|CREDENTIAL)/i;
const INSTALL = /\b(npm (ci|install|i)\b|yarn( install)?\b|pnpm install|pip3? install|bundle install|go mod download|mvn [a-z:-]*(dependency|install|package)|composer install)/;
const BUILDKIT = (slug: string) => `https://docs.docker.com/go/dockerfile/rule/${slug}/`;

/** Lints a Dockerfile; a syntax error throws BuildError as a build would. */
export function lintDockerfile(source: string): LintFinding[] {
  const dockerfile = parseDockerfile(source);
  const findings: LintFinding[] = [];
  const all = [...dockerfile.globalArgs, ...dockerfile.stages.flatMap((s) => [s.from, ...s.instructions])].sort((a, b) => a.line - b.line);
  for (const i of all) {
    const raw = dockerfile.lines[i.line - 1] ?? '';
    if (i.keyword === 'FROM') checkFrom(i, raw, dockerfile, findings);
    if ((i.keyword === 'ARG' || i.keyword === 'ENV') && i.properties) {
      for (const [name] of i.properties) {
        if (SECRET.test(name)) {
          findings.push({
            rule: 'SecretsUsedInArgOrEnv',
            line: i.line,
            message: `Do not use ARG or ENV instructions for sensitive data (${i.keyword} "${name}")`,
            fix: `pass it at run time (docker run -e, a Kubernetes Secret) or use RUN --mount=type=secret,id=${name.toLowerCase()}`,
            url: BUILDKIT('secrets-used-in-arg-or-env'),
          });
        }
      }
    }
    if (i.keyword === 'ENV' && /^\S+\s+\S/.test(i.args) && !/^\S+=/.test(i.args)) {
      findings.push({ rule: 'LegacyKeyValueFormat', line: i.line, message: '"ENV key=value" should be used instead of legacy "ENV key value" format', fix: `write ENV ${i.args.replace(/^(\S+)\s+/, '$1=')}`, url: BUILDKIT('legacy-key-value-format') });
    }
    if ((i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') && i.json === undefined) {
      findings.push({
        rule: 'JSONArgsRecommended',
        line: i.line,
        message: `JSON arguments recommended for ${i.keyword} to prevent unintended behavior related to OS signals`,
        fix: `write ${i.keyword} ${JSON.stringify(i.args.split(/\s+/)).replace(/","/g, '", "')}`,
        url: BUILDKIT('json-args-recommended'),
      });
    }
    if (i.keyword === 'MAINTAINER') {
      findings.push({ rule: 'MaintainerDeprecated', line: i.line, message: 'The MAINTAINER instruction is deprecated, use a label instead to define an image author', fix: `write LABEL org.opencontainers.image.authors="${i.args}"`, url: BUILDKIT('maintainer-deprecated') });
    }
    if (i.keyword === 'ADD') {
      const sources = (i.json ?? i.args.split(/\s+/)).slice(0, -1);
      if (sources.length > 0 && sources.every((s) => !/^(https?|git):\/\//.test(s) && !/\.(tar|tar\.gz|tgz|tar\.bz2|tar\.xz)$/.test(s))) {
        findings.push({ rule: 'PreferCopyOverAdd', line: i.line, message: 'ADD copies local files like COPY but also unpacks archives and fetches URLs; COPY says what it does', fix: `write COPY ${i.args}` });
      }
    }
  }
  for (const stage of dockerfile.stages) checkCopyBeforeInstall(stage.instructions, findings);
  const final = dockerfile.stages[dockerfile.stages.length - 1]!;
  const user = [...final.instructions].reverse().find((i) => i.keyword === 'USER');
  if (user === undefined || /^(root|0)(:.*)?$/.test(user.args)) {
    const at = user ?? final.instructions.find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') ?? final.from;
    findings.push({
      rule: 'RootUser',
      line: at.line,
      message: user === undefined ? 'The final stage sets no USER, so the container runs as root' : 'The final stage switches to root, so the container runs as root',
      fix: /node/.test(final.image) ? 'add USER node before CMD (node images have a "node" user)' : 'create a user (RUN addgroup -S app && adduser -S app -G app) and add USER app before CMD',
    });
  }
  return findings.sort((a, b) => a.line - b.line || (a.rule < b.rule ? -1 : 1));
}

function checkFrom(i: DockerfileInstruction, raw: string, dockerfile: Dockerfile, findings: LintFinding[]): void {
  const [image = '', as] = i.args.split(/\s+/);
  if (as !== undefined && /^FROM/.test(raw.trim()) && as === as.toLowerCase() && as !== as.toUpperCase()) {
    findings.push({ rule: 'FromAsCasing', line: i.line, message: "'as' and 'FROM' keywords' casing do not match", fix: `write FROM ${image} AS ${i.args.split(/\s+/)[2] ?? ''}`, url: BUILDKIT('from-as-casing') });
  }
  if (image === 'scratch' || image.includes('$') || dockerfile.stages.some((s) => s.name === image.toLowerCase())) return;
  const last = image.split('/').pop()!;
  const tag = image.includes('@') ? 'digest' : last.includes(':') ? last.split(':')[1]! : undefined;
  if (tag === undefined || tag === 'latest') {
    findings.push({
      rule: 'UnpinnedBaseImage',
      line: i.line,
      message: tag === undefined ? `The base image "${image}" has no tag, so it means "latest", which changes under you` : `The base image "${image}" uses the "latest" tag, which changes under you`,
      fix: `pin a version, e.g. FROM ${image.replace(/:latest$/, '')}:<version> (or @sha256:<digest>)`,
    });
  }
}

function checkCopyBeforeInstall(instructions: DockerfileInstruction[], findings: LintFinding[]): void {
  const copyAll = instructions.findIndex((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && i.flags['from'] === undefined && /^(\.\/?|\*)\s+\S+$/.test(i.args));
  if (copyAll < 0) return;
  const install = instructions.slice(copyAll + 1).find((i) => i.keyword === 'RUN' && INSTALL.test(i.args));
  if (install === undefined) return;
  findings.push({
    rule: 'CopyBeforeInstall',
    line: instructions[copyAll]!.line,
    message: `"${instructions[copyAll]!.text}" comes before the dependency install on line ${install.line}, so any source change re-runs the install`,
    fix: 'copy only the dependency files first (COPY package.json package-lock.json ./), install, then COPY . .',
  });
}
