// Registry failures, worded as the docker daemon words them (the CLI prints them after
// `Error response from daemon: `). `reason` lets the kubelet word them its own way.

export type RegistryFailure = 'not-found' | 'denied' | 'unauthorized' | 'unavailable' | 'no-such-host';

export class RegistryError extends Error {
  override name = 'RegistryError';
  constructor(
    readonly reason: RegistryFailure,
    message: string,
  ) {
    super(message);
  }
}
