// `dockyard curl https://...` verifies the certificate the server presents, as curl 8.x does:
// ingress-nginx's fake certificate (a TLS Secret missing or unusable) and a user's own
// `kubectl create secret tls` certificate are trusted by nobody's machine, so curl stops with
// (60) and its hint unless -k, or --cacert names the certificate.

import { describe, expect, test } from 'vitest';
import { kubectlSession } from './support/kubectl-session.ts';
import { manifest, WEB_SERVICE, webDeployment, webIngress } from './support/web-app.ts';

const MANIFESTS = manifest(webDeployment(), WEB_SERVICE, webIngress('web.example.com', 'web-tls'));

const CERT = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUd2Vi\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIBszCCAVmgAwIBAgIUa2V5\n-----END PRIVATE KEY-----\n';

const SELF_SIGNED =
  'curl: (60) SSL certificate problem: self-signed certificate\n' +
  'More details here: https://curl.se/docs/sslcerts.html\n\n' +
  'curl failed to verify the legitimacy of the server and therefore could not\n' +
  'establish a secure connection to it. To learn more about this situation and\n' +
  'how to fix it, please visit the web page mentioned above.\n';

async function web() {
  const s = kubectlSession();
  s.write('web.yaml', MANIFESTS);
  await s.run('kubectl apply -f web.yaml');
  s.advance(60_000);
  return s;
}

describe('curl verifies the server certificate', () => {
  test('the ingress fake certificate: (60) with curl’s hint; -k and --insecure get the page', async () => {
    const { run } = await web();
    expect(await run('curl https://web.example.com/')).toMatchObject({ status: 60, stdout: '', stderr: SELF_SIGNED });
    expect(await run('curl -sS https://web.example.com/')).toMatchObject({ status: 60, stderr: SELF_SIGNED });
    expect(await run('curl -s https://web.example.com/')).toMatchObject({ status: 60, stdout: '', stderr: '' });
    const insecure = await run('curl -k https://web.example.com/');
    expect(insecure.status).toBe(0);
    expect(insecure.stdout).toContain('Welcome to nginx!');
    expect((await run('curl --insecure -s -o /dev/null -w %{http_code} https://web.example.com/')).stdout).toBe('200');
  });

  test('plain http is not checked; -L into https is', async () => {
    const { run, write } = await web();
    expect((await run('curl -s -o /dev/null -w %{http_code} http://web.example.com/')).stdout).toBe('200');
    write('tls.crt', CERT);
    write('tls.key', KEY);
    await run('kubectl create secret tls web-tls --cert=tls.crt --key=tls.key');
    expect(await run('curl -L http://web.example.com/')).toMatchObject({ status: 60, stderr: SELF_SIGNED });
    expect((await run('curl -skL -o /dev/null -w %{http_code} http://web.example.com/')).stdout).toBe('200');
  });

  test('a user’s own TLS secret: (60) without -k; --cacert with that certificate trusts it; a missing CA file: (77)', async () => {
    const { run, write } = await web();
    write('tls.crt', CERT);
    write('tls.key', KEY);
    await run('kubectl create secret tls web-tls --cert=tls.crt --key=tls.key');
    expect(await run('curl https://web.example.com/')).toMatchObject({ status: 60, stderr: SELF_SIGNED });
    const trusted = await run('curl --cacert tls.crt https://web.example.com/');
    expect(trusted.status).toBe(0);
    expect(trusted.stdout).toContain('Welcome to nginx!');
    write('other.crt', CERT.replace('d2Vi', 'b3Ro'));
    expect(await run('curl --cacert other.crt https://web.example.com/')).toMatchObject({ status: 60, stderr: SELF_SIGNED });
    expect(await run('curl --cacert nope.crt https://web.example.com/')).toMatchObject({ status: 77, stderr: 'curl: (77) error setting certificate file: nope.crt\n' });
  });

  test('--cacert cannot trust the fake certificate, which no user holds', async () => {
    const { run, write } = await web();
    write('tls.crt', CERT);
    expect(await run('curl --cacert tls.crt https://web.example.com/')).toMatchObject({ status: 60, stderr: SELF_SIGNED });
  });
});
