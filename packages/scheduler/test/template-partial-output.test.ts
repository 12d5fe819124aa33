// A template that fails keeps what it wrote before the failing action, as Go's text/template
// leaves it in the writer (docker prints that much of a table header).

import { describe, expect, it } from 'vitest';
import { TemplateExecError } from '../src/helm/template/errors.ts';
import { TemplateSet } from '../src/helm/template/template.ts';
import type { GoValue } from '../src/helm/template/value.ts';

function failure(text: string, data: GoValue): TemplateExecError {
  const set = new TemplateSet('t').parse('t', text).parse('inner', '<{{.}}{{.x.y}}>');
  try {
    set.execute('t', data);
  } catch (error) {
    if (error instanceof TemplateExecError) return error;
    throw error;
  }
  throw new Error('the template did not fail');
}

describe('partial output of a failing template', () => {
  it('is the text and actions before the failure', () => {
    const error = failure('NAME\t{{.name}}\t{{.name.first}}\tnever', new Map([['name', 'web']]));
    expect(error.partialOutput).toBe('NAME\tweb\t');
  });

  it('includes what a nested template wrote before it failed', () => {
    const error = failure('a{{range .}}[{{template "inner" .}}]{{end}}z', ['one']);
    expect(error.partialOutput).toBe('a[<one');
  });

  it('is empty when the first action fails', () => {
    expect(failure('{{.a.b}} text', new Map([['a', 'x']])).partialOutput).toBe('');
  });
});
