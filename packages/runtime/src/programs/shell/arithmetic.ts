// `$(( ... ))`: integer arithmetic with C's operators and precedence, variables by bare name.

export function evaluateArithmetic(src: string, lookup: (name: string) => string | undefined): number {
  const tokens = src.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|==|!=|<=|>=|&&|\|\||<<|>>|[-+*/%()<>!~&|^]/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const levels: string[][] = [['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '>', '<=', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];
  const binary = (level: number): number => {
    if (level === levels.length) return unary();
    let left = binary(level + 1);
    while (peek() !== undefined && levels[level]!.includes(peek()!)) {
      const op = tokens[i++]!;
      const right = binary(level + 1);
      left = apply(op, left, right);
    }
    return left;
  };
  const unary = (): number => {
    const t = tokens[i++];
    if (t === undefined) throw new Error('unexpected end of expression');
    if (t === '-') return -unary();
    if (t === '+') return unary();
    if (t === '!') return unary() === 0 ? 1 : 0;
    if (t === '~') return ~unary();
    if (t === '(') {
      const v = binary(0);
      if (tokens[i++] !== ')') throw new Error('missing )');
      return v;
    }
    if (/^\d+$/.test(t)) return Number(t);
    if (/^[A-Za-z_]/.test(t)) return Number(lookup(t) ?? 0) || 0;
    throw new Error(`unexpected "${t}"`);
  };
  const value = binary(0);
  if (i < tokens.length) throw new Error(`unexpected "${tokens[i]}"`);
  return value;
}

function apply(op: string, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (b === 0) throw new Error('division by zero');
      return Math.trunc(a / b);
    case '%':
      if (b === 0) throw new Error('division by zero');
      return a % b;
    case '<':
      return a < b ? 1 : 0;
    case '>':
      return a > b ? 1 : 0;
    case '<=':
      return a <= b ? 1 : 0;
    case '>=':
      return a >= b ? 1 : 0;
    case '==':
      return a === b ? 1 : 0;
    case '!=':
      return a !== b ? 1 : 0;
    case '&&':
      return a && b ? 1 : 0;
    case '||':
      return a || b ? 1 : 0;
    case '&':
      return a & b;
    case '|':
      return a | b;
    case '^':
      return a ^ b;
    case '<<':
      return a << b;
    case '>>':
      return a >> b;
  }
  throw new Error(`unknown operator ${op}`);
}
