import { describe, expect, test } from 'vitest';
import { createConfigMap, createSecretDockerRegistry, createSecretGeneric, createSecretTls, formatKubectlError, KubectlError } from '../src/index.ts';
import { apiCluster } from './fixtures/api-cluster.ts';
import { localFiles } from './fixtures/local-files.ts';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('kubectl create secret generic', () => {
  test('the tutorial’s db-credentials: literal keys, base64 values, namespace from -n', () => {
    expect(createSecretGeneric({ name: 'db-credentials', namespace: 'my-app', fromLiteral: ['username=admin', 'password=secure-password-here'] })).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db-credentials', namespace: 'my-app' },
      data: { username: 'YWRtaW4=', password: b64('secure-password-here') },
    });
    // The tutorial's manifest values are exactly what the builder writes for db-secret.
    expect(createSecretGeneric({ name: 'db-secret', fromLiteral: ['username=admin', 'password=s3cret'] }).data).toEqual({ username: 'YWRtaW4=', password: 'czNjcmV0' });
  });

  test('values may hold "="; files by basename or key; directories one key per file', () => {
    const files = localFiles({ 'certs/ca.crt': 'CA', 'certs/tls.key': 'KEY', 'id_rsa': 'RSA' });
    const secret = createSecretGeneric({ name: 's', fromLiteral: ['url=a=b'], fromFile: ['ssh-privatekey=id_rsa', 'certs'], files });
    expect(secret.data).toEqual({ url: b64('a=b'), 'ssh-privatekey': b64('RSA'), 'ca.crt': b64('CA'), 'tls.key': b64('KEY') });
  });

  test('kubectl’s errors', () => {
    const files = localFiles({ 'dir/a': 'x' });
    const err = (options: Parameters<typeof createSecretGeneric>[0]) => {
      try {
        createSecretGeneric(options);
      } catch (e) {
        expect(e).toBeInstanceOf(KubectlError);
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(err({ name: 's', fromLiteral: ['novalue'] })).toBe('invalid literal source novalue, expected key=value');
    expect(err({ name: 's', fromLiteral: ['=x'] })).toBe('invalid literal source =x, expected key=value');
    expect(err({ name: 's', fromLiteral: ['a=1', 'a=2'] })).toBe('cannot add key a, another key by that name already exists');
    expect(err({ name: 's', fromLiteral: ['bad key=1'] })).toBe(
      `"bad key" is not valid key name for a Secret a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
    );
    expect(err({ name: 's', fromFile: ['missing.txt'], files })).toBe('error reading missing.txt: no such file or directory');
    expect(err({ name: 's', fromFile: ['k=dir'], files })).toBe('cannot give a key name for a directory path');
    expect(err({ name: 's', fromFile: ['a=b=c'], files })).toBe("key names or file paths cannot contain '='");
    expect(err({ name: 's', fromEnvFile: ['dir'], fromLiteral: ['a=b'], files })).toBe('from-env-file cannot be combined with from-file or from-literal');
    expect(err({ name: 's', fromEnvFile: ['dir'], files })).toBe('env secret file cannot be a directory');
  });

  test('env files: comments, blank lines, BOM, CRLF, values kept verbatim, bare names from the environment', () => {
    const files = localFiles({ '.env': '\uFEFF# comment\n\nDB_HOST=db\r\n  QUOTED="x y"\nFROM_ENV\nEMPTY=\n' });
    const secret = createSecretGeneric({ name: 'e', fromEnvFile: ['.env'], files, environment: (n) => (n === 'FROM_ENV' ? 'yes' : undefined) });
    expect(secret.data).toEqual({ DB_HOST: b64('db'), QUOTED: b64('"x y"'), FROM_ENV: b64('yes'), EMPTY: '' });
    expect(() => createSecretGeneric({ name: 'e', fromEnvFile: ['bad'], files: localFiles({ bad: '1X=2' }) })).toThrow(
      `"1X" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit`,
    );
  });
});

describe('kubectl create secret docker-registry and tls', () => {
  test('the tutorial’s regcred: a .dockerconfigjson with the auth field', () => {
    const secret = createSecretDockerRegistry({ name: 'regcred', namespace: 'my-app', server: 'registry.example.com', username: 'user', password: 'pass' });
    expect(secret.type).toBe('kubernetes.io/dockerconfigjson');
    expect(Buffer.from(secret.data!['.dockerconfigjson']!, 'base64').toString()).toBe('{"auths":{"registry.example.com":{"username":"user","password":"pass","auth":"dXNlcjpwYXNz"}}}');
    expect(() => createSecretDockerRegistry({ name: 'r', username: 'u' })).toThrow('either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
  });

  test('tls needs both files with PEM blocks', () => {
    const files = localFiles({ 'tls.crt': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n', 'tls.key': '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n', junk: 'hello' });
    const secret = createSecretTls({ name: 'tls-secret', cert: 'tls.crt', key: 'tls.key', files });
    expect(secret.type).toBe('kubernetes.io/tls');
    expect(Object.keys(secret.data!)).toEqual(['tls.crt', 'tls.key']);
    expect(() => createSecretTls({ name: 't', cert: 'tls.crt', key: undefined, files })).toThrow('key and cert must be specified');
    expect(() => createSecretTls({ name: 't', cert: 'junk', key: 'tls.key', files })).toThrow('tls: failed to find any PEM data in certificate input');
    expect(() => createSecretTls({ name: 't', cert: 'tls.crt', key: 'junk', files })).toThrow('tls: failed to find any PEM data in key input');
    expect(() => createSecretTls({ name: 't', cert: 'nope.crt', key: 'tls.key', files })).toThrow('Cannot read file nope.crt, open nope.crt: no such file or directory');
  });
});

describe('kubectl create configmap', () => {
  test('literals and files; binary files go to binaryData', () => {
    const files = localFiles({ 'app.properties': 'server.port=3000\ncache.ttl=300\n', 'logo.png': new Uint8Array([0x89, 0x50, 0xff, 0xfe]) });
    expect(createConfigMap({ name: 'app-config', fromLiteral: ['LOG_LEVEL=info'], fromFile: ['app.properties', 'logo.png'], files })).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'app-config' },
      data: { LOG_LEVEL: 'info', 'app.properties': 'server.port=3000\ncache.ttl=300\n' },
      binaryData: { 'logo.png': 'iVD//g==' },
    });
    expect(() => createConfigMap({ name: 'c', fromLiteral: ['a=1', 'a=2'] })).toThrow('cannot add key "a", another key by that name already exists in Data for ConfigMap "c"');
    expect(createConfigMap({ name: 'c', fromEnvFile: ['game.env'], files: localFiles({ 'game.env': 'lives=3\n# x\nsecret.code=UUDDLRLR\n' }) }).data).toEqual({ lives: '3', 'secret.code': 'UUDDLRLR' });
  });
});

describe('Secret data is base64, checked as the API server decodes it', () => {
  test('a bad value is refused with Go’s byte position', () => {
    const { store } = apiCluster();
    const attempt = (value: string) => {
      try {
        store.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: `s${value.length}` }, data: { password: value } });
        return 'accepted';
      } catch (error) {
        return formatKubectlError(error as Error, { verb: 'creating', source: 'secret.yaml', name: 's', namespace: 'default' });
      }
    };
    expect(attempt('s3cret')).toBe('Error from server (BadRequest): error when creating "secret.yaml": Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4\n');
    expect(attempt('czNjcmV0')).toBe('accepted');
    expect(attempt('YWRtaW4')).toBe('Error from server (BadRequest): error when creating "secret.yaml": Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4\n');
    expect(attempt('not base64!')).toBe('Error from server (BadRequest): error when creating "secret.yaml": Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3\n');
    expect(attempt('YWRt\naW4=')).toBe('accepted');
    expect(attempt('YQ==YQ==')).toContain('illegal base64 data at input byte 4');
  });

  test('stringData is stored encoded in data; apply checks too', () => {
    const { store } = apiCluster();
    const s = store.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' }, data: { a: 'YQ==' }, stringData: { b: 'bee', a: 'override' } });
    expect(s.data).toEqual({ a: b64('override'), b: b64('bee') });
    expect((s as Record<string, unknown>).stringData).toBeUndefined();
    expect(() => store.apply({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' }, data: { a: '%%%%' } })).toThrow('illegal base64 data at input byte 0');
    expect(() => store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, binaryData: { f: 'abc' } })).toThrow('ConfigMap in version "v1" cannot be handled as a ConfigMap: illegal base64 data at input byte 0');
  });
});
