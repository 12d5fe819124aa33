// How every `docker ... inspect` prints (docker/cli cli/command/inspect/inspector.go): without
// --format the objects as an indented JSON array, `--format json` the same array on one line,
// otherwise a Go template run on each object, one line each. As docker does, the template runs
// on the typed object first (inspect-structs.ts) and, when that fails, on the raw JSON with
// missingkey=error, whose error is the one reported (`map has no entry for key "Nope"`); whole
// numbers are Go integers in both (json.Decoder.UseNumber prints `187000000`, not `1.87e+08`).

import { fromUnstructured, TemplateError } from '@dockyard/scheduler/helm';
import { CommandError, type Session } from '../../session.ts';
import { parseDockerTemplate } from './docker-template.ts';
import { asTypedValue } from './inspect-structs.ts';

/** The daemon's JSON as the CLI prints it: encoding/json escapes <, > and & in strings. */
function dockerJson(value: unknown, indent = 4): string {
  return JSON.stringify(value, null, indent).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Prints `found` (the inspected objects, in reference order; a string is the error for a reference
 * that was not found) as docker's inspect does and throws docker's error when any failed: exit 64
 * for a template that does not parse, 1 for missing objects and templates that fail on one.
 */
export function printInspect(session: Session, format: string | undefined, found: readonly (Record<string, unknown> | string)[]): number {
  const objects = found.filter((f): f is Record<string, unknown> => typeof f !== 'string');
  const errors: string[] = [];
  if (format === undefined || format === '' || format === 'json') {
    errors.push(...found.filter((f): f is string => typeof f === 'string'));
    session.stdout(objects.length === 0 ? '[]\n' : `${dockerJson(objects, format === 'json' ? 0 : 4)}\n`);
  } else {
    let typed, raw;
    try {
      typed = parseDockerTemplate(format);
      raw = parseDockerTemplate(format, { missingKeyError: true });
    } catch (error) {
      if (error instanceof TemplateError) throw new CommandError(`template parsing error: ${error.message}`, 64);
      throw error;
    }
    let out = '';
    for (const object of found) {
      if (typeof object === 'string') {
        errors.push(object);
        continue;
      }
      try {
        out += `${typed.execute('', asTypedValue(object))}\n`;
        continue;
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
      }
      try {
        out += `${raw.execute('', fromUnstructured(object))}\n`;
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        errors.push(`template parsing error: ${error.message}`);
      }
    }
    session.stdout(out === '' ? '\n' : out);
  }
  if (errors.length > 0) throw new CommandError(errors.join('\n'), 1);
  return 0;
}
