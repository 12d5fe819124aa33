// A set of named Go templates sharing one function map: what text/template's *Template is
// after several Parse calls. Later definitions of a name replace earlier ones, except that an
// empty definition never replaces a real one (Go's rule, which helm relies on).

import { BUILTINS } from './builtins.ts';
import { TemplateLookupError } from './errors.ts';
import { type ExecContext, execute, type MissingKey } from './exec.ts';
import { quote } from './fmt.ts';
import { cachedParse } from './parse-cache.ts';
import { isEmptyTree, type Tree } from './parse.ts';
import type { GoFunc, GoValue } from './value.ts';

export type FuncMap = ReadonlyMap<string, GoFunc>;

export interface TemplateOptions {
  /** Go's `missingkey` option; helm renders with `zero`. */
  missingKey?: MissingKey;
}

export class TemplateSet implements ExecContext {
  readonly #trees = new Map<string, Tree>();
  readonly #funcs: Map<string, GoFunc>;
  readonly missingKey: MissingKey;

  constructor(
    /** The name of the set itself, used in "no template ... associated with" errors. */
    readonly name: string,
    funcs: FuncMap = new Map(),
    options: TemplateOptions = {},
  ) {
    this.#funcs = new Map(funcs);
    this.missingKey = options.missingKey ?? 'default';
  }

  /** Adds or replaces functions (helm binds include and tpl to the set this way). */
  addFuncs(funcs: FuncMap): this {
    for (const [name, fn] of funcs) this.#funcs.set(name, fn);
    return this;
  }

  /** Parses `text` as template `name`, adding it and every template it defines. */
  parse(name: string, text: string): this {
    this.parseTree(name, text);
    return this;
  }

  /**
   * Like parse, returning the tree parsed for `name` itself. Go keeps an existing template when
   * the new text for its name is empty (only defines, say), but the new template object still
   * runs its own empty tree: run that one with executeTree.
   */
  parseTree(name: string, text: string): Tree {
    const hasFunction = (fn: string): boolean => this.#funcs.has(fn) || BUILTINS.has(fn);
    const trees = cachedParse(name, text, hasFunction);
    for (const [treeName, tree] of trees) {
      const old = this.#trees.get(treeName);
      if (old && isEmptyTree(tree.root) && !isEmptyTree(old.root)) continue;
      this.#trees.set(treeName, tree);
    }
    return trees.get(name)!;
  }

  /** A copy with the same templates and functions, to parse more into without changing this set. */
  clone(): TemplateSet {
    const copy = new TemplateSet(this.name, this.#funcs, { missingKey: this.missingKey });
    for (const [name, tree] of this.#trees) copy.#trees.set(name, tree);
    return copy;
  }

  has(name: string): boolean {
    return this.#trees.has(name);
  }

  /** Runs template `name` on `data`; throws a TemplateError on failure. */
  execute(name: string, data: GoValue): string {
    const tree = this.#trees.get(name);
    if (!tree) throw new TemplateLookupError(`template: no template ${quote(name)} associated with template ${quote(this.name)}`);
    return execute(this, tree, data);
  }

  /** Runs a tree returned by parseTree. */
  executeTree(tree: Tree, data: GoValue): string {
    return execute(this, tree, data);
  }

  lookupTemplate(name: string): Tree | undefined {
    return this.#trees.get(name);
  }

  lookupFunction(name: string): { fn: GoFunc; builtin: boolean } | undefined {
    const fn = this.#funcs.get(name);
    if (fn) return { fn, builtin: false };
    const builtin = BUILTINS.get(name);
    return builtin ? { fn: builtin, builtin: true } : undefined;
  }
}
