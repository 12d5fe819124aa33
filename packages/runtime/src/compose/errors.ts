// Compose's failures and warnings. Messages are worded as docker compose v2 prints them; the CLI
// adds only its own prefixes (`WARN[0000] ` for warnings).

export class ComposeError extends Error {
  override name = 'ComposeError';
}

/** Warnings gathered while loading, in the order compose would log them, without duplicates. */
export class ComposeWarnings {
  readonly #messages: string[] = [];

  add(message: string): void {
    if (!this.#messages.includes(message)) this.#messages.push(message);
  }

  list(): string[] {
    return [...this.#messages];
  }
}
