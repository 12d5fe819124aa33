// Node entry of the dockyard command: parses the words and prints what the command returns.
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { kernelTour } from './demo/kernel-tour.ts';

await yargs(hideBin(process.argv))
  .scriptName('dockyard')
  .command(
    'demo',
    'Run the built-in demo',
    (y) => y.option('seed', { type: 'number', default: 42, describe: 'Seed of the random choices' }),
    (argv) => {
      process.stdout.write(kernelTour(argv.seed));
    },
  )
  .demandCommand(1, 'Say what to do: dockyard <command>')
  .strict()
  .help()
  .parseAsync();
