// Which strings go-yaml v2 would read back, written plain, as something other than a string: the
// encoder quotes exactly those. [go-yaml v2 resolve.go `resolve`; encode.go `stringv`, `isBase60Float`]

/**
 * Plain words that resolve to a bool, null or float (resolve.go's resolve map). The map's merge
 * key `<<` is left out: resolve only looks a word up when its first character is one of the
 * table's hints, and `<` is not, so `<<` stays a plain string (as the stock kubectl prints it).
 */
const RESOLVE_TO_OTHER = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF',
]);
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** strconv.ParseInt / ParseUint with base 0. */
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
/** strconv.ParseFloat of a string starting with '.': `.5`, `.5e3`. */
const GO_FLOAT_DOT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;

/** Whether go-yaml would read the string back, unquoted, as a string. */
export function resolvesToString(value: string): boolean {
  if (RESOLVE_TO_OTHER.has(value)) return false;
  const first = value[0] ?? '';
  if (first === '.') return !GO_FLOAT_DOT.test(value);
  if (!/[-+0-9]/.test(first)) return true;
  if (isTimestamp(value)) return false;
  const plain = value.replaceAll('_', '');
  return !(GO_INT.test(plain) || YAML_STYLE_FLOAT.test(plain));
}

/** go-yaml quotes base-60 floats (`1:20`) for YAML 1.1 readers. */
export function isBase60Float(value: string): boolean {
  return /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(value);
}

/** The timestamp forms go-yaml v2 accepts (Go time.Parse of its four layouts, with range checks). */
function isTimestamp(value: string): boolean {
  const match =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?))?$/.exec(
      value,
    );
  if (match === null) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return false;
  const hour = Number(match[4] ?? match[7] ?? 0);
  const minute = Number(match[5] ?? match[8] ?? 0);
  const second = Number(match[6] ?? match[9] ?? 0);
  return hour < 24 && minute < 60 && second < 60;
}
