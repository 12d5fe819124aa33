// The executor of Go's text/template (text/template/exec.go), following its documented
// semantics: pipelines, variables, if/with/range/template, field access on maps and structs,
// method calls, function calls with Go's argument checks, and Go's error texts.

import { FuncError, TemplateError, TemplateExecError } from './errors.ts';
import { formatValue, quote } from './fmt.ts';
import type {
  BranchNode,
  ChainNode,
  CommandNode,
  FieldNode,
  IdentifierNode,
  Node,
  NumberNode,
  PipeNode,
  TemplateNode,
  VariableNode,
} from './nodes.ts';
import { errorContext, nodeString } from './nodes.ts';
import type { Tree } from './parse.ts';
import {
  elemTypeOf,
  GoInt,
  GoStruct,
  type GoFunc,
  type GoValue,
  isGoMap,
  isTrue,
  methodsOf,
  type ParamType,
  sortedKeys,
  typeName,
} from './value.ts';

/** What a missing map key gives: Go's `missingkey=` option. Helm uses `zero`. */
export type MissingKey = 'default' | 'zero' | 'error';

/** What the executor needs from the template set. */
export interface ExecContext {
  lookupTemplate(name: string): Tree | undefined;
  lookupFunction(name: string): { fn: GoFunc; builtin: boolean } | undefined;
  readonly missingKey: MissingKey;
}

const MAX_DEPTH = 100000;
/** No final value: the command is the first of its pipeline. */
const MISSING: unique symbol = Symbol('missing');
type Final = GoValue | typeof MISSING;
const BREAK = Symbol('break');
const CONTINUE = Symbol('continue');

interface Variable {
  name: string;
  value: GoValue;
  /** Held in an interface{} (a range element): field errors name the type `interface {}`. */
  iface: boolean;
}

const GO_TYPE: Record<ParamType, string> = {
  any: 'interface {}',
  raw: 'reflect.Value',
  string: 'string',
  int: 'int',
  int64: 'int64',
  float64: 'float64',
  bool: 'bool',
  map: 'map[string]interface {}',
  list: '[]interface {}',
};

/** Runs `tree` with `data` as dot and returns the output. */
export function execute(ctx: ExecContext, tree: Tree, data: GoValue): string {
  const dot = data === null ? undefined : data;
  const state = new State(ctx, tree, [{ name: '$', value: dot, iface: false }], 0);
  try {
    state.walk(dot, false, tree.root);
  } catch (err) {
    if (err instanceof RangeError) {
      // The JavaScript stack ran out before Go's depth limit would have been reached.
      if (err.message.includes('call stack')) state.errorf(`exceeded maximum template depth (${MAX_DEPTH})`);
      state.errorf(err.message);
    }
    if (err instanceof TemplateExecError && err.partialOutput === '') err.partialOutput = state.out;
    throw err;
  }
  return state.out;
}

class State {
  out = '';
  #node: Node | undefined;

  constructor(
    readonly ctx: ExecContext,
    readonly tmpl: Tree,
    readonly vars: Variable[],
    readonly depth: number,
  ) {}

  at(node: Node): void {
    this.#node = node;
  }

  errorf(message: string, cause?: Error): never {
    const node = this.#node ?? this.tmpl.root;
    const { location, context } = errorContext(node);
    throw new TemplateExecError(location, this.tmpl.name, context, message, cause);
  }

  // --- walking ---

  walk(dot: GoValue, di: boolean, node: Node): void {
    this.at(node);
    switch (node.type) {
      case 'action': {
        const value = this.evalPipeline(dot, di, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, value);
        return;
      }
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
      case 'if':
      case 'with':
        return this.walkIfOrWith(dot, di, node);
      case 'list':
        for (const child of node.nodes) this.walk(dot, di, child);
        return;
      case 'range':
        return this.walkRange(dot, di, node);
      case 'template':
        return this.walkTemplate(dot, di, node);
      case 'text':
        this.out += node.text;
        return;
      default:
        this.errorf(`unknown node: ${nodeString(node)}`);
    }
  }

  walkIfOrWith(dot: GoValue, di: boolean, node: BranchNode): void {
    const mark = this.vars.length;
    try {
      const value = this.evalPipeline(dot, di, node.pipe);
      if (isTrue(value)) {
        if (node.type === 'with') this.walk(value, false, node.list);
        else this.walk(dot, di, node.list);
      } else if (node.elseList) {
        this.walk(dot, di, node.elseList);
      }
    } finally {
      this.vars.length = mark;
    }
  }

  walkRange(dot: GoValue, di: boolean, node: BranchNode): void {
    this.at(node);
    const mark = this.vars.length;
    try {
      const value = this.evalPipeline(dot, di, node.pipe);
      const bodyMark = this.vars.length;
      const decl = node.pipe.decl;
      const oneIteration = (index: GoValue, elem: GoValue, elemIface: boolean): void => {
        if (decl.length > 0) {
          if (node.pipe.isAssign) this.setVar(decl[0]!.ident[0]!, decl.length > 1 ? index : elem);
          else this.setTopVar(1, elem, elemIface);
        }
        if (decl.length > 1) {
          if (node.pipe.isAssign) this.setVar(decl[1]!.ident[0]!, elem);
          else this.setTopVar(2, index, false);
        }
        try {
          this.walk(elem, elemIface, node.list);
        } catch (err) {
          if (err !== CONTINUE) throw err;
        } finally {
          this.vars.length = bodyMark;
        }
      };
      let ran = false;
      if (Array.isArray(value)) {
        const iface = elemTypeOf(value) === 'interface {}';
        for (let i = 0; i < value.length; i++) {
          ran = true;
          oneIteration(new GoInt(i), value[i], iface);
        }
      } else if (value instanceof Uint8Array) {
        for (let i = 0; i < value.length; i++) {
          ran = true;
          oneIteration(new GoInt(i), new GoInt(value[i]!, 'uint8'), false);
        }
      } else if (isGoMap(value)) {
        const iface = elemTypeOf(value) === 'interface {}';
        for (const key of sortedKeys(value)) {
          ran = true;
          oneIteration(key, value.get(key), iface);
        }
      } else if (value instanceof GoInt) {
        if (decl.length > 1) this.errorf(`can't use ${formatValue(value)} to iterate over more than one variable`);
        for (let i = 0; i < value.value; i++) {
          ran = true;
          oneIteration(new GoInt(i, value.kind), new GoInt(i, value.kind), false);
        }
      } else if (value !== undefined && value !== null) {
        this.errorf(`range can't iterate over ${formatValue(value)}`);
      }
      if (!ran && node.elseList) this.walk(dot, di, node.elseList);
    } catch (err) {
      if (err !== BREAK) throw err;
    } finally {
      this.vars.length = mark;
    }
  }

  walkTemplate(dot: GoValue, di: boolean, node: TemplateNode): void {
    this.at(node);
    const tree = this.ctx.lookupTemplate(node.name);
    if (!tree) this.errorf(`template ${quote(node.name)} not defined`);
    if (this.depth >= MAX_DEPTH) this.errorf(`exceeded maximum template depth (${MAX_DEPTH})`);
    const newDot = node.pipe ? this.evalPipeline(dot, di, node.pipe) : undefined;
    const inner = new State(this.ctx, tree, [{ name: '$', value: newDot, iface: false }], this.depth + 1);
    try {
      inner.walk(newDot, false, tree.root);
    } finally {
      this.out += inner.out;
    }
  }

  printValue(node: Node, value: GoValue): void {
    this.at(node);
    if (value === undefined || value === null) {
      this.out += '<no value>';
      return;
    }
    // Go prints through a pointer: a *struct prints as its struct, without &.
    if (value instanceof GoStruct && !value.stringer && value.typeName.startsWith('*')) {
      this.out += formatValue(new GoStruct(value.typeName.slice(1), value.fields));
      return;
    }
    this.out += formatValue(value);
  }

  // --- variables ---

  setVar(name: string, value: GoValue): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.value = value;
        this.vars[i]!.iface = false;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  setTopVar(n: number, value: GoValue, iface: boolean): void {
    const v = this.vars[this.vars.length - n]!;
    v.value = value;
    v.iface = iface;
  }

  varValue(name: string): Variable {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]!.name === name) return this.vars[i]!;
    this.errorf(`undefined variable: ${name}`);
  }

  // --- evaluation ---

  evalPipeline(dot: GoValue, di: boolean, pipe: PipeNode): GoValue {
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, di, cmd, value);
      // A nil interface{} result becomes an invalid value, as Go's pipeline unwraps interfaces.
      if (value === null) value = undefined;
    }
    const result = value === MISSING ? undefined : value;
    for (const variable of pipe.decl) {
      if (pipe.isAssign) this.setVar(variable.ident[0]!, result);
      else this.vars.push({ name: variable.ident[0]!, value: result, iface: false });
    }
    return result;
  }

  evalCommand(dot: GoValue, di: boolean, cmd: CommandNode, final: Final): GoValue {
    const first = cmd.args[0]!;
    switch (first.type) {
      case 'field':
        return this.evalFieldNode(dot, di, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, di, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, di, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, di, first);
      case 'variable':
        return this.evalVariableNode(dot, di, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
      // falls through: errorf never returns
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
    this.errorf(`can't evaluate command ${quote(nodeString(first))}`);
  }

  notAFunction(args: Node[], final: Final): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args[0]!)}`);
  }

  idealConstant(node: NumberNode): GoValue {
    this.at(node);
    const text = node.text;
    const hexInt = /^[+-]?0[xX]/.test(text) && !/[pP]/.test(text);
    if (node.isFloat && !hexInt && !text.startsWith("'") && /[.eEpP]/.test(text)) return node.float;
    if (node.isInt) {
      if (Math.abs(node.int) >= 2 ** 63) this.errorf(`${text} overflows int`);
      return new GoInt(node.int, 'int');
    }
    return undefined;
  }

  evalFieldNode(dot: GoValue, di: boolean, field: FieldNode, args: Node[], final: Final): GoValue {
    this.at(field);
    return this.evalFieldChain(dot, dot, di, field, field.ident, args, final);
  }

  evalChainNode(dot: GoValue, di: boolean, chain: ChainNode, args: Node[], final: Final): GoValue {
    this.at(chain);
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    let receiver: GoValue;
    let iface = false;
    if (chain.node.type === 'pipe') receiver = this.evalPipeline(dot, di, chain.node);
    else if (chain.node.type === 'identifier') {
      receiver = this.evalFunction(dot, di, chain.node, chain.node, [chain.node], MISSING);
      iface = true;
    } else receiver = this.evalArg(dot, di, 'raw', chain.node);
    return this.evalFieldChain(dot, receiver, iface, chain, chain.field, args, final);
  }

  evalVariableNode(dot: GoValue, di: boolean, variable: VariableNode, args: Node[], final: Final): GoValue {
    this.at(variable);
    const v = this.varValue(variable.ident[0]!);
    if (variable.ident.length === 1) {
      this.notAFunction(args, final);
      return v.value;
    }
    return this.evalFieldChain(dot, v.value, v.iface, variable, variable.ident.slice(1), args, final);
  }

  evalFieldChain(
    dot: GoValue,
    receiver: GoValue,
    iface: boolean,
    node: Node,
    ident: string[],
    args: Node[],
    final: Final,
  ): GoValue {
    const n = ident.length;
    for (let i = 0; i < n - 1; i++) [receiver, iface] = this.evalField(dot, ident[i]!, node, [], MISSING, receiver, iface);
    return this.evalField(dot, ident[n - 1]!, node, args, final, receiver, iface)[0];
  }

  /** Returns the field's value and whether it is held in an interface{}. */
  evalField(
    dot: GoValue,
    fieldName: string,
    node: Node,
    args: Node[],
    final: Final,
    receiver: GoValue,
    iface: boolean,
  ): [GoValue, boolean] {
    if (receiver === undefined) {
      if (this.ctx.missingKey === 'error') this.errorf(`nil data; no entry for key ${quote(fieldName)}`);
      return [undefined, false];
    }
    const typ = iface || receiver === null ? 'interface {}' : typeName(receiver);
    if (receiver === null) this.errorf(`nil pointer evaluating ${typ}.${fieldName}`);
    const method = methodsOf(receiver)?.[fieldName];
    if (method) return [this.evalCall(dot, false, method, false, node, fieldName, args, final), false];
    const hasArgs = args.length > 1 || final !== MISSING;
    if (receiver instanceof GoStruct) {
      if (receiver.fields.has(fieldName)) {
        if (hasArgs) this.errorf(`${fieldName} has arguments but cannot be invoked as function`);
        return [receiver.fields.get(fieldName), false];
      }
    } else if (isGoMap(receiver)) {
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      const elem = elemTypeOf(receiver);
      if (receiver.has(fieldName)) {
        const value = receiver.get(fieldName);
        return [value === undefined ? null : value, elem === 'interface {}'];
      }
      switch (this.ctx.missingKey) {
        case 'error':
          this.errorf(`map has no entry for key ${quote(fieldName)}`);
        // falls through: errorf never returns
        case 'zero':
          return [zeroOf(elem), elem === 'interface {}'];
        default:
          return [undefined, false];
      }
    }
    this.errorf(`can't evaluate field ${fieldName} in type ${typ}`);
  }

  evalFunction(dot: GoValue, di: boolean, node: IdentifierNode, cmd: Node, args: Node[], final: Final): GoValue {
    this.at(node);
    const found = this.ctx.lookupFunction(node.ident);
    if (!found) this.errorf(`${quote(node.ident)} is not a defined function`);
    return this.evalCall(dot, di, found.fn, found.builtin, cmd, node.ident, args, final);
  }

  evalCall(
    dot: GoValue,
    di: boolean,
    fn: GoFunc,
    builtin: boolean,
    node: Node,
    name: string,
    allArgs: Node[],
    final: Final,
  ): GoValue {
    const args = allArgs.slice(1);
    const params = fn.params;
    const numIn = args.length + (final !== MISSING ? 1 : 0);
    const numFixed = fn.variadic ? params.length - 1 : args.length;
    if (fn.variadic) {
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${params.length - 1} got ${args.length}`);
    } else if (numIn !== params.length) {
      this.errorf(`wrong number of args for ${name}: want ${params.length} got ${numIn}`);
    }

    // The built-in and / or stop at the first argument that decides the result.
    if (builtin && (name === 'and' || name === 'or')) {
      let v: GoValue;
      for (const arg of args) {
        v = this.evalArg(dot, di, 'raw', arg);
        if (isTrue(v) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = final;
      return v;
    }

    const argv: GoValue[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++) argv.push(this.evalArg(dot, di, params[i]!, args[i]!));
    if (fn.variadic) {
      const rest = params[params.length - 1]!;
      for (; i < args.length; i++) argv.push(this.evalArg(dot, di, rest, args[i]!));
    }
    if (final !== MISSING) {
      let t = params[params.length - 1]!;
      if (fn.variadic && numIn - 1 < numFixed) t = params[numIn - 1]!;
      argv.push(this.validateType(final, t));
    }
    try {
      const result = fn.fn(...argv);
      return result === undefined ? null : result;
    } catch (err) {
      // Out of stack: nothing may run here; execute() reports it once the stack has unwound.
      if (err instanceof RangeError) throw err;
      this.at(node);
      if (err instanceof TemplateError || err instanceof FuncError) this.errorf(`error calling ${name}: ${err.message}`, err);
      // A function that broke on a value it did not expect: Go recovers the panic the same way.
      this.errorf(`error calling ${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  evalArg(dot: GoValue, di: boolean, type: ParamType, node: Node): GoValue {
    this.at(node);
    switch (node.type) {
      case 'dot':
        return this.validateType(dot, type);
      case 'nil':
        if (type === 'raw') return undefined;
        if (type === 'any' || type === 'map' || type === 'list') return null;
        this.errorf(`cannot assign nil to ${GO_TYPE[type]}`);
      // falls through: errorf never returns
      case 'field':
        return this.validateType(this.evalFieldNode(dot, di, node, [node], MISSING), type);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, di, node, [], MISSING), type);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, di, node), type);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, di, node, node, [node], MISSING), type);
      case 'chain':
        return this.validateType(this.evalChainNode(dot, di, node, [], MISSING), type);
    }
    switch (type) {
      case 'bool':
        if (node.type === 'bool') return node.value;
        this.errorf(`expected bool; found ${nodeString(node)}`);
      // falls through: errorf never returns
      case 'float64':
        if (node.type === 'number' && node.isFloat) return node.float;
        this.errorf(`expected float; found ${nodeString(node)}`);
      // falls through: errorf never returns
      case 'int':
      case 'int64':
        if (node.type === 'number' && node.isInt) return new GoInt(node.int, type);
        this.errorf(`expected integer; found ${nodeString(node)}`);
      // falls through: errorf never returns
      case 'string':
        if (node.type === 'string') return node.text;
        this.errorf(`expected string; found ${nodeString(node)}`);
      // falls through: errorf never returns
      case 'any':
      case 'raw':
        if (node.type === 'bool') return node.value;
        if (node.type === 'number') return this.idealConstant(node);
        if (node.type === 'string') return node.text;
    }
    this.errorf(`can't handle ${nodeString(node)} for arg of type ${GO_TYPE[type]}`);
  }

  /** Go's validateType: can `value` be passed as a parameter of `type`? */
  validateType(value: GoValue, type: ParamType): GoValue {
    if (type === 'raw') return value;
    if (value === undefined) {
      if (type === 'any' || type === 'map' || type === 'list') return null;
      this.errorf(`invalid value; expected ${GO_TYPE[type]}`);
    }
    if (type === 'any') return value;
    if (assignable(value, type)) return value;
    this.errorf(`wrong type for value; expected ${GO_TYPE[type]}; got ${value === null ? 'interface {}' : typeName(value)}`);
  }
}

function assignable(value: GoValue, type: ParamType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'bool':
      return typeof value === 'boolean';
    case 'float64':
      return typeof value === 'number';
    case 'int':
    case 'int64':
      return value instanceof GoInt && value.kind === type;
    case 'map':
      return isGoMap(value) && elemTypeOf(value) === 'interface {}';
    case 'list':
      return Array.isArray(value) && elemTypeOf(value) === 'interface {}';
    default:
      return true;
  }
}

/** The zero value of a map's element type, for missingkey=zero. */
function zeroOf(elem: string): GoValue {
  switch (elem) {
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'int':
    case 'int64':
      return new GoInt(0, elem);
    case 'float64':
      return 0;
    default:
      return null;
  }
}

