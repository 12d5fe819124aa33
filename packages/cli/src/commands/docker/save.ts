// `docker save [-o FILE] IMAGE...` and `docker load [-i FILE] [-q]`: image archives in the OCI
// layout plus docker's manifest.json, written and read with the engine's tar code so the browser's
// in-memory files work the same as the disk.

import { exportImages, ImageArchiveError, importImages, packImageArchive, readTar, TarError } from '@dockyard/runtime';
import { CommandError } from '../../session.ts';
import { flagValue, parseFlags } from './docker-format.ts';
import { humanSize } from './formatting.ts';
import type { DockerVerb } from './docker-verb.ts';

/** The largest archive `docker load` reads here (a Node buffer's practical limit). */
export const MAX_LOAD_BYTES = 2 * 1024 ** 3;

export const saveVerb: DockerVerb = {
  name: 'save',
  summary: 'Save one or more images to a tar archive (streamed to STDOUT by default)',
  async run(args, session) {
    if (args.includes('--help')) {
      session.stdout('\nUsage:  docker save [OPTIONS] IMAGE [IMAGE...]\n\nSave one or more images to a tar archive (streamed to STDOUT by default)\n\nOptions:\n  -o, --output string   Write to a file, instead of STDOUT\n');
      return 0;
    }
    const flags = parseFlags('save', args, { values: ['-o', '--output', '--platform'] });
    if (flags.positionals.length === 0) {
      throw new CommandError(`"docker save" requires at least 1 argument.\nSee 'docker save --help'.\n\nUsage:  docker save [OPTIONS] IMAGE [IMAGE...]\n\nSave one or more images to a tar archive (streamed to STDOUT by default)`, 1);
    }
    const output = flagValue(flags, '-o', '--output');
    if (output === undefined) throw new CommandError('cowardly refusing to save to a terminal. Use the -o flag or redirect', 1);
    let files;
    try {
      files = exportImages(session.world.images.host.store, flags.positionals);
    } catch (error) {
      if (error instanceof ImageArchiveError) throw new CommandError(`Error response from daemon: ${error.message}`, 1);
      throw error;
    }
    // One buffer of exactly the archive's size, layers written straight into it.
    const archive = packImageArchive(files);
    session.files.writeFile(output, archive);
    session.world.engine.log.append('image.saved', { images: flags.positionals, bytes: archive.length });
    return 0;
  },
};

export const loadVerb: DockerVerb = {
  name: 'load',
  summary: 'Load an image from a tar archive or STDIN',
  async run(args, session) {
    if (args.includes('--help')) {
      session.stdout('\nUsage:  docker load [OPTIONS]\n\nLoad an image from a tar archive or STDIN\n\nOptions:\n  -i, --input string   Read from tar archive file, instead of STDIN\n  -q, --quiet          Suppress the load output\n');
      return 0;
    }
    const flags = parseFlags('load', args, { values: ['-i', '--input', '--platform'], booleans: ['-q', '--quiet'] });
    const input = flagValue(flags, '-i', '--input');
    if (input === undefined) throw new CommandError('requested load from stdin, but stdin is empty', 1);
    const stat = session.files.stat(input);
    if (stat?.kind !== 'file') throw new CommandError(`open ${input}: no such file or directory`, 1);
    if (stat.size > MAX_LOAD_BYTES) {
      throw new CommandError(`Error response from daemon: archive ${input} is too large (${humanSize(stat.size)}); Dockyard loads archives up to ${humanSize(MAX_LOAD_BYTES)}`, 1);
    }
    const files = new Map<string, Uint8Array>();
    try {
      for (const entry of readTar(session.files.readFile(input))) if (entry.type === 'file') files.set(entry.path, entry.data);
      const result = importImages(session.world.images.host.store, files);
      if (!(flags.booleans.has('-q') || flags.booleans.has('--quiet'))) session.stdout(result.lines.map((l) => `${l}\n`).join(''));
      session.world.engine.log.append('image.loaded', { images: result.images.map((i) => i.id) });
      return 0;
    } catch (error) {
      if (error instanceof TarError || error instanceof ImageArchiveError) throw new CommandError(`Error response from daemon: ${error.message}`, 1);
      throw error;
    }
  },
};
