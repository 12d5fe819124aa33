// `docker compose images [SERVICE...]`: the image each container of the project runs, as
// `CONTAINER REPOSITORY TAG IMAGE ID SIZE`; -q the image ids; --format table or json.

import { familiarRepository, imageSize, parseReference } from '@dockyard/runtime';
import { CommandError } from '../../../session.ts';
import { humanSize } from '../formatting.ts';
import { formatTable } from '../table.ts';
import { bool, type ComposeSubcommand, str } from './compose-subcommand.ts';

export const imagesCommand: ComposeSubcommand = {
  name: 'images',
  summary: 'List images used by the created containers',
  usage: '[OPTIONS] [SERVICE...]',
  flags: { quiet: { type: 'bool', short: 'q' }, format: { type: 'string' } },
  async run(ctx, flags) {
    const project = ctx.loadOrName();
    const containers = ctx.containers(project.name, flags.rest.length > 0 ? { services: flags.rest } : {}).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const store = ctx.world.images.host;
    const rows = containers.map((c) => {
      const image = store.resolve(c.imageId);
      const ref = parseReference(c.image);
      return { ContainerName: c.name, Repository: familiarRepository(ref), Tag: ref.tag ?? 'latest', ID: c.imageId.replace(/^sha256:/, '').slice(0, 12), Size: humanSize(image === undefined ? 0 : imageSize(image)), full: c.imageId };
    });
    if (bool(flags, 'quiet')) {
      ctx.session.stdout([...new Set(rows.map((r) => r.full))].map((id) => `${id}\n`).join(''));
      return 0;
    }
    // compose's formatter.Print: table (or pretty) and json only; anything else is refused.
    const format = str(flags, 'format') ?? 'table';
    if (!['table', 'pretty', '', 'json'].includes(format.toLowerCase())) throw new CommandError(`format value ${JSON.stringify(format)} could not be parsed: parsing failed`, 1);
    if (format.toLowerCase() === 'json') {
      ctx.session.stdout(`${JSON.stringify(rows.map(({ full, ...row }) => ({ ...row, ID: full })))}\n`);
      return 0;
    }
    ctx.session.stdout(formatTable([['CONTAINER', 'REPOSITORY', 'TAG', 'IMAGE ID', 'SIZE'], ...rows.map((r) => [r.ContainerName, r.Repository, r.Tag, r.ID, r.Size])]));
    return 0;
  },
};
