// `docker run` of an image that is not local: "Unable to find image ... locally", then a pull
// through the image store's pull hook, its progress printed as docker prints it.

import { familiarString, parseReference } from '@dockyard/runtime';
import type { Session } from '../../session.ts';
import { runError, waitFor } from './daemon.ts';

export async function ensureImage(session: Session, verb: string, reference: string, policy: string | undefined): Promise<void> {
  const images = session.world.images.host;
  const shown = () => familiarString(parseReference(reference));
  const local = images.resolve(reference) !== undefined;
  if (policy === 'never' && !local) throw runError(verb, `Error response from daemon: No such image: ${shown()}`, 125);
  if (local && policy !== 'always') return;
  if (!local) session.stderr(`Unable to find image '${shown()}' locally\n`);
  const pull = images.pull(reference);
  let printed = 0;
  const show = () => {
    const lines = images.pullStatus(pull)!.lines;
    for (; printed < lines.length; printed++) session.stderr(lines[printed] + '\n');
  };
  show();
  await waitFor(session, () => images.pullStatus(pull)!.state !== 'pulling', show, 250);
  show();
  const status = images.pullStatus(pull)!;
  if (status.state === 'failed') throw runError(verb, `Error response from daemon: ${status.error}`, 125);
  if (status.state === 'pulling') throw runError(verb, `Error response from daemon: pull of ${reference} did not finish`, 125);
}
