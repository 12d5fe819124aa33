// Whatever a client sends, the API server answers with a metav1.Status and the HTTP code the real
// one uses, and goes on serving: malformed and wrong bodies, unknown paths and methods, bad
// selectors, unsupported media types, oversized bodies, invalid objects, expired watches.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiServer, startApiServer } from '../src/node/api-server/api-server.ts';
import { DEFAULT_CONFIG, World } from '../src/world.ts';

let world: World;
let server: ApiServer;

beforeAll(async () => {
  world = World.create({ ...DEFAULT_CONFIG, clock: 'manual' });
  server = await startApiServer({ cluster: world.cluster, port: 0, now: () => world.engine.now, settle: () => world.advance(0) });
});

afterAll(async () => {
  await server.close();
});

interface Answer {
  status: number;
  type: string | undefined;
  body: string;
}

function send(method: string, path: string, body?: string | Buffer, contentType = 'application/json'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method, headers: body === undefined ? {} : { 'content-type': contentType } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, type: res.headers['content-type'], body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The Status of an answer, checked to be one. */
function status(answer: Answer): { code: number; reason: string; message: string } {
  expect(answer.type).toBe('application/json');
  const parsed = JSON.parse(answer.body) as { kind: string; status: string; code: number; reason: string; message: string };
  expect(parsed).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure' });
  expect(parsed.code).toBe(answer.status);
  return { code: parsed.code, reason: parsed.reason, message: parsed.message };
}

const CONFIGMAPS = '/api/v1/namespaces/default/configmaps';

describe('bad requests to the API server', () => {
  it('refuses bodies that are not objects of the endpoint with 400', async () => {
    expect(status(await send('POST', CONFIGMAPS, '{bad'))).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message: "the object provided is unrecognized (must be of type ConfigMap): couldn't get version/kind; json parse error: invalid character 'b' looking for beginning of object key string ({bad)",
    });
    expect(status(await send('POST', CONFIGMAPS, '[1,2]')).code).toBe(400);
    expect(status(await send('POST', CONFIGMAPS, 'a: [b', 'application/yaml')).message).toMatch(/^the object provided is unrecognized \(must be of type ConfigMap\): error converting YAML to JSON: yaml: /);
    expect(status(await send('POST', CONFIGMAPS, '', 'application/json')).code).toBe(400);
    expect(status(await send('POST', CONFIGMAPS, JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } })))).toMatchObject({
      code: 400,
      message: 'Pod in version "v1" cannot be handled as a ConfigMap: the kind in the data does not match the endpoint',
    });
    expect(status(await send('POST', CONFIGMAPS, JSON.stringify({ apiVersion: 'apps/v1', kind: 'ConfigMap' })))).toMatchObject({
      code: 400,
      message: 'the API version in the data (apps/v1) does not match the expected API version (v1)',
    });
    expect(status(await send('POST', CONFIGMAPS, JSON.stringify({ metadata: 'x' }))).message).toMatch(/cannot unmarshal string into Go struct field ConfigMap\.metadata/);
    expect(status(await send('POST', CONFIGMAPS, 'garbage', 'application/vnd.kubernetes.protobuf')).message).toBe(
      'provided object is not a protobuf message: the body does not start with the Kubernetes protobuf prefix',
    );
  });

  it('reads a YAML body, defaulting the type from the endpoint', async () => {
    const created = await send('POST', CONFIGMAPS, 'metadata:\n  name: from-yaml\ndata:\n  a: b\n', 'application/yaml');
    expect(created.status).toBe(201);
    expect(JSON.parse(created.body)).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'from-yaml', namespace: 'default' }, data: { a: 'b' } });
  });

  it('answers invalid objects with 422 and the field causes', async () => {
    const answer = await send('POST', CONFIGMAPS, JSON.stringify({ metadata: { name: 'Bad_Name' } }));
    expect(status(answer)).toMatchObject({ code: 422, reason: 'Invalid', message: expect.stringMatching(/^ConfigMap "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name": /) });
    expect(JSON.parse(answer.body).details.causes[0]).toMatchObject({ reason: 'FieldValueInvalid', field: 'metadata.name' });
  });

  it('answers unknown paths with 404 and unknown methods with 405', async () => {
    expect(status(await send('GET', '/nope'))).toEqual({ code: 404, reason: 'NotFound', message: 'the server could not find the requested resource' });
    expect(status(await send('GET', '/api/v1/widgets')).code).toBe(404);
    expect(status(await send('GET', '/apis/apps/v9/deployments')).code).toBe(404);
    expect(status(await send('GET', '/api/v1/namespaces/default/nodes')).code).toBe(404);
    expect(status(await send('GET', '/api/v1/namespaces/default/pods/x/y/z')).code).toBe(404);
    expect(status(await send('GET', '/api/v1/namespaces/default/configmaps/from-yaml/scale')).code).toBe(404);
    expect(status(await send('GET', '/api/v1/namespaces/default/pods/missing'))).toEqual({ code: 404, reason: 'NotFound', message: 'pods "missing" not found' });
    expect(status(await send('DELETE', '/version'))).toEqual({ code: 405, reason: 'MethodNotAllowed', message: 'the server does not allow this method on the requested resource' });
    expect(status(await send('POST', '/api/v1/pods', '{}')).code).toBe(405);
    expect(status(await send('POST', `${CONFIGMAPS}/from-yaml`, '{}')).code).toBe(405);
  });

  it('refuses bad selectors and parameters with 400', async () => {
    expect(status(await send('GET', '/api/v1/pods?labelSelector=a%3D%3D%3Db'))).toMatchObject({ code: 400, reason: 'BadRequest' });
    expect(status(await send('GET', '/api/v1/pods?fieldSelector=spec.foo%3Db'))).toMatchObject({ code: 400, message: 'field label not supported: spec.foo' });
    expect(status(await send('POST', `${CONFIGMAPS}?dryRun=Some`, '{}')).message).toBe('Invalid dry run value: "Some"');
    expect(status(await send('POST', `${CONFIGMAPS}?fieldValidation=Loose`, '{}')).code).toBe(400);
    expect(status(await send('GET', '/api/v1/pods?watch=true&timeoutSeconds=soon')).code).toBe(400);
  });

  it('refuses patches it cannot read: 415 for the media type, 400 for the body', async () => {
    expect(status(await send('PATCH', `${CONFIGMAPS}/from-yaml`, '{}', 'text/plain'))).toMatchObject({
      code: 415,
      reason: 'UnsupportedMediaType',
      message:
        'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml',
    });
    expect(status(await send('PATCH', `${CONFIGMAPS}/from-yaml`, '{}', 'application/json-patch+json')).message).toBe(
      'error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp',
    );
    expect(status(await send('PATCH', `${CONFIGMAPS}/from-yaml`, '{', 'application/merge-patch+json'))).toEqual({ code: 400, reason: 'BadRequest', message: 'error decoding patch: unexpected end of JSON input' });
    expect(status(await send('PATCH', `${CONFIGMAPS}/from-yaml`, '{', 'application/strategic-merge-patch+json')).message).toBe('unexpected end of JSON input');
    // Operations that decode but do not apply: 422, the generic message, the library's words not sent.
    expect(status(await send('PATCH', `${CONFIGMAPS}/from-yaml`, '[{"op":"remove","path":"/nope"}]', 'application/json-patch+json'))).toEqual({
      code: 422,
      reason: 'Invalid',
      message: 'the server rejected our request due to an error in our request',
    });
  });

  it('refuses a PUT whose name differs from the URL', async () => {
    expect(status(await send('PUT', `${CONFIGMAPS}/from-yaml`, JSON.stringify({ metadata: { name: 'other' } })))).toMatchObject({
      code: 400,
      message: 'the name of the object (other) does not match the name on the URL (from-yaml)',
    });
  });

  it('refuses a body over 3 MiB with 413', async () => {
    const big = JSON.stringify({ metadata: { name: 'big' }, data: { a: 'x'.repeat(3 * 1024 * 1024) } });
    expect(status(await send('POST', CONFIGMAPS, big))).toMatchObject({ code: 413, reason: 'RequestEntityTooLarge', message: 'Request entity too large: limit is 3145728' });
  });

  it('answers a client that accepts only protobuf with 406', async () => {
    const answer = await new Promise<Answer>((resolve) => {
      request(`${server.url}${CONFIGMAPS}`, { headers: { accept: 'application/vnd.kubernetes.protobuf' } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, type: res.headers['content-type'], body: text }));
      }).end();
    });
    expect(status(answer)).toMatchObject({ code: 406, reason: 'NotAcceptable' });
  });

  it('answers a watch from an expired resourceVersion with an ERROR event', async () => {
    const store = world.cluster.store;
    const saved = store.snapshot();
    store.restore({ ...saved, history: [] });
    const answer = await send('GET', '/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=1');
    expect(answer.status).toBe(200);
    const event = JSON.parse(answer.body.trim()) as { type: string; object: { code: number; reason: string; message: string } };
    expect(event.type).toBe('ERROR');
    expect(event.object).toMatchObject({ code: 410, reason: 'Expired', message: `too old resource version: 1 (${store.resourceVersion})` });
    store.restore(saved);
  });

  it('goes on serving after all of it', async () => {
    const answer = await send('GET', '/version');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ major: '1', minor: '33', gitVersion: 'v1.33.1' });
  });
});
