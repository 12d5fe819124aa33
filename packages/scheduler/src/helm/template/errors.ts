import { quote } from './fmt.ts';

// Errors of the template engine, worded as Go's text/template words them. Every failure of
// parsing or executing a template is one of these; nothing else escapes the engine.

/** Any failure of the template engine. */
export class TemplateError extends Error {
  override name = 'TemplateError';
}

/** `template: <name>:<line>: <message>` from the parser (or the lexer). */
export class TemplateParseError extends TemplateError {
  override name = 'TemplateParseError';
  constructor(
    readonly parseName: string,
    readonly line: number,
    readonly detail: string,
  ) {
    super(`template: ${parseName}:${line}: ${detail}`);
  }
}

/**
 * `template: <file>:<line>:<col>: executing "<template>" at <<node>>: <detail>`. When a function
 * failed, `detail` is `error calling <fn>: <cause>` and `inner` keeps that error, so helm can
 * print the chain of an `include` that failed.
 */
export class TemplateExecError extends TemplateError {
  override name = 'TemplateExecError';
  /** What the template had written before it failed (Go's writer keeps it; docker prints it for a table header). */
  partialOutput = '';
  constructor(
    readonly location: string,
    readonly templateName: string,
    readonly context: string,
    readonly detail: string,
    readonly inner?: Error,
  ) {
    super(`template: ${location}: executing ${quote(templateName)} at <${context}>: ${detail}`);
  }
}

/** A failure without a node: an unknown template name and the like. */
export class TemplateLookupError extends TemplateError {
  override name = 'TemplateLookupError';
}

/** What a template function throws to fail the call: Go's `error calling <fn>: <message>`. */
export class FuncError extends Error {
  override name = 'FuncError';
}
