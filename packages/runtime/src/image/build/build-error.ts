// A build that fails: the message BuildKit prints after `ERROR: failed to solve: `, and the
// Dockerfile line it points at (for the excerpt docker prints around it).

export class BuildError extends Error {
  override name = 'BuildError';
  constructor(
    message: string,
    /** 1-based line of the instruction at fault. */
    readonly line?: number,
    readonly endLine?: number,
  ) {
    super(message);
  }
}
