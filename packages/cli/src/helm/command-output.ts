// What a helm verb prints: stdout and stderr, also kept as one stream in the order written (what
// a terminal shows and what helm's golden files hold), and the exit status.

export interface CommandResult {
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved in the order they were written. */
  output: string;
  exitCode: number;
}

export class CommandOutput {
  #stdout = '';
  #stderr = '';
  #output = '';

  out(text: string): void {
    this.#stdout += text;
    this.#output += text;
  }

  err(text: string): void {
    this.#stderr += text;
    this.#output += text;
  }

  /** cobra's failure: "Error: <message>" on stderr, exit status 1. */
  fail(message: string): CommandResult {
    this.err(`Error: ${message}\n`);
    return this.result(1);
  }

  result(exitCode = 0): CommandResult {
    return { stdout: this.#stdout, stderr: this.#stderr, output: this.#output, exitCode };
  }
}
