// Reading `application/vnd.kubernetes.protobuf` bodies. client-go sends built-in kinds from its
// generated (typed) clients as protobuf and never falls back to JSON, so `kubectl create
// deployment|namespace|configmap|secret|service|job|...` and `kubectl drain`'s evictions arrive
// this way. The body is the magic `k8s\0` and a runtime.Unknown envelope (its TypeMeta names the
// kind; `raw` holds the object's message), decoded here into the JSON shape the API store takes,
// with the message layouts of protobuf-schema.ts.
//
// go-to-protobuf writes every non-pointer field, zero values included, so zero scalars are dropped
// unless the schema marks the field as kept (pointers such as `replicas`, where 0 means 0). A field
// the schema does not know is skipped when it holds nothing but zeros; otherwise the body is
// refused, so nothing a client set is silently lost.
// [apimachinery pkg/runtime/serializer/protobuf/protobuf.go; pkg/runtime/types_proto.go;
// https://protobuf.dev/programming-guides/encoding/]

import { type FieldSpec, messageFor, schemaOf } from './protobuf-schema.ts';
import { badRequest } from './status.ts';

/** The prefix of every Kubernetes protobuf body. */
const MAGIC = [0x6b, 0x38, 0x73, 0x00];

type Json = any;

/** Decodes a protobuf body into a JSON object with `apiVersion` and `kind`, or throws a BadRequest. */
export function decodeProtobufObject(body: Uint8Array): Record<string, Json> {
  if (body.length < MAGIC.length || MAGIC.some((byte, i) => body[i] !== byte)) {
    throw badRequest('provided object is not a protobuf message: the body does not start with the Kubernetes protobuf prefix');
  }
  const envelope = readFields(body.subarray(MAGIC.length), 'runtime.Unknown');
  const typeMeta = envelope.get(1)?.[0];
  const raw = envelope.get(2)?.[0];
  const meta = typeMeta instanceof Uint8Array ? readFields(typeMeta, 'runtime.TypeMeta') : new Map<number, Value[]>();
  const apiVersion = text(meta.get(1)?.[0]);
  const kind = text(meta.get(2)?.[0]);
  const message = messageFor(apiVersion, kind);
  if (message === undefined) {
    throw badRequest(`Dockyard cannot read ${kind === '' ? 'this kind' : `a ${kind}`}${apiVersion === '' ? '' : ` in ${apiVersion}`} as protobuf; send it as JSON (kubectl create -f / kubectl apply -f)`);
  }
  const object = decodeMessage(raw instanceof Uint8Array ? raw : new Uint8Array(), message);
  return { apiVersion, kind, ...object };
}

/** A field's raw values: varints as bigints, length-delimited as bytes, fixed ones as bigints. */
type Value = bigint | Uint8Array;

class Reader {
  pos = 0;
  constructor(
    readonly bytes: Uint8Array,
    readonly message: string,
  ) {}

  get done(): boolean {
    return this.pos >= this.bytes.length;
  }

  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.bytes.length || shift > 63n) throw this.truncated();
      const byte = this.bytes[this.pos++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
    }
  }

  take(length: number): Uint8Array {
    if (length < 0 || this.pos + length > this.bytes.length) throw this.truncated();
    const out = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  truncated(): Error {
    return badRequest(`unable to decode protobuf message ${this.message}: unexpected end of data`);
  }
}

/** Every field of a message, by number, in order. */
function readFields(bytes: Uint8Array, message: string): Map<number, Value[]> {
  const reader = new Reader(bytes, message);
  const fields = new Map<number, Value[]>();
  while (!reader.done) {
    const key = reader.varint();
    const number = Number(key >> 3n);
    const wire = Number(key & 7n);
    let value: Value;
    if (wire === 0) value = reader.varint();
    else if (wire === 2) value = reader.take(Number(reader.varint()));
    else if (wire === 1) value = bytesToBigint(reader.take(8));
    else if (wire === 5) value = bytesToBigint(reader.take(4));
    else throw badRequest(`unable to decode protobuf message ${message}: field ${number} has wire type ${wire}, which Kubernetes never uses`);
    if (number === 0) throw badRequest(`unable to decode protobuf message ${message}: field number 0`);
    const list = fields.get(number);
    if (list === undefined) fields.set(number, [value]);
    else list.push(value);
  }
  return fields;
}

function bytesToBigint(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]!);
  return value;
}

function text(value: Value | undefined): string {
  return value instanceof Uint8Array ? new TextDecoder().decode(value) : '';
}

function decodeMessage(bytes: Uint8Array, message: string): Record<string, Json> {
  const schema = schemaOf(message);
  const out: Record<string, Json> = {};
  for (const [number, values] of readFields(bytes, message)) {
    const field = schema.get(number);
    if (field === undefined) {
      if (values.every(isZero)) continue;
      throw badRequest(`Dockyard cannot read field ${number} of the protobuf message ${message}; send the object as JSON (kubectl create -f / kubectl apply -f)`);
    }
    if (field.type === 'skip') continue;
    if (field.inline) {
      Object.assign(out, decodeMessage(values[values.length - 1] as Uint8Array, field.type));
      continue;
    }
    const decoded = field.repeated ? values.map((v) => decodeValue(v, field, message)) : decodeValue(values[values.length - 1]!, field, message);
    if (field.repeated) {
      // fromEntries defines keys (Object.assign would drop a `__proto__` key).
      if (field.type.startsWith('map')) out[field.name] = Object.fromEntries([...Object.entries(out[field.name] ?? {}), ...(decoded as Record<string, Json>[]).flatMap((entry) => Object.entries(entry))]);
      else out[field.name] = [...(out[field.name] ?? []), ...(decoded as Json[])];
    } else if (decoded !== undefined && (field.keep || !isZeroJson(decoded))) {
      out[field.name] = decoded;
    }
  }
  return out;
}

function decodeValue(value: Value, field: FieldSpec, message: string): Json {
  const bytes = () => {
    if (!(value instanceof Uint8Array)) throw badRequest(`unable to decode protobuf message ${message}: field ${field.name} has the wrong wire type`);
    return value;
  };
  const int = () => {
    if (typeof value !== 'bigint') throw badRequest(`unable to decode protobuf message ${message}: field ${field.name} has the wrong wire type`);
    return Number(BigInt.asIntN(64, value));
  };
  switch (field.type) {
    case 'string':
      return new TextDecoder().decode(bytes());
    case 'bytes':
      return Buffer.from(bytes()).toString('base64');
    case 'int':
      return int();
    case 'bool':
      return int() !== 0;
    case 'Time':
    case 'MicroTime': {
      const time = readFields(bytes(), 'meta.v1.Time');
      const seconds = Number(BigInt.asIntN(64, (time.get(1)?.[0] as bigint | undefined) ?? 0n));
      const nanos = Number((time.get(2)?.[0] as bigint | undefined) ?? 0n);
      // A zero metav1.Time (JSON null) is sent as the Unix epoch, or as Go's year 1.
      if ((seconds === 0 && nanos === 0) || seconds <= -62135596800) return undefined;
      const iso = new Date(seconds * 1000).toISOString();
      return field.type === 'Time' ? iso.replace(/\.\d{3}Z$/, 'Z') : iso.replace(/\.\d{3}Z$/, `.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z`);
    }
    case 'Quantity':
      return text(readFields(bytes(), 'resource.Quantity').get(1)?.[0]);
    case 'IntOrString': {
      const fields = readFields(bytes(), 'intstr.IntOrString');
      const type = Number((fields.get(1)?.[0] as bigint | undefined) ?? 0n);
      return type === 1 ? text(fields.get(3)?.[0]) : Number(BigInt.asIntN(32, (fields.get(2)?.[0] as bigint | undefined) ?? 0n));
    }
    case 'Raw': {
      const raw = readFields(bytes(), 'runtime.RawExtension').get(1)?.[0];
      if (!(raw instanceof Uint8Array) || raw.length === 0) return undefined;
      try {
        return JSON.parse(new TextDecoder().decode(raw));
      } catch {
        throw badRequest(`unable to decode protobuf message ${message}: ${field.name} does not hold JSON`);
      }
    }
    case 'map':
    case 'map<bytes>':
    case 'map<Quantity>': {
      const entry = readFields(bytes(), `${message}.${field.name}Entry`);
      const key = text(entry.get(1)?.[0]);
      const raw = entry.get(2)?.[0];
      const valueField: FieldSpec = { name: key, number: 2, type: field.type === 'map' ? 'string' : field.type === 'map<bytes>' ? 'bytes' : 'Quantity', repeated: false, keep: true, inline: false };
      return { [key]: raw === undefined ? '' : decodeValue(raw, valueField, message) };
    }
    default:
      return decodeMessage(bytes(), field.type);
  }
}

/** Whether a raw value is a zero: 0, empty, or a message of nothing but zeros. */
function isZero(value: Value): boolean {
  if (typeof value === 'bigint') return value === 0n;
  if (value.length === 0) return true;
  try {
    return [...readFields(value, 'unknown').values()].every((values) => values.every(isZero));
  } catch {
    return false;
  }
}

function isZeroJson(value: Json): boolean {
  return value === '' || value === 0 || value === false;
}
