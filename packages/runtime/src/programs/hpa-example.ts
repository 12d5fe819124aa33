// registry.k8s.io/hpa-example, the HorizontalPodAutoscaler walkthrough's php-apache: Apache with
// an index.php that adds square roots a million times and prints `OK!`, so every request costs
// CPU. The container's CPU use follows the requests: each second the work that arrived in the
// last second is what the process asks for (the cgroup's cpu.max caps it, as the pod's limit does),
// and with no requests it falls back to idle, so the HPA sees load come and go.

import { apacheForeground, notFoundPage } from './apache-php.ts';
import type { Proc } from './program.ts';

/**
 * CPU per request (single core). An estimate: PHP 5's loop of 10^6 sqrt calls takes a few
 * milliseconds to tens of them; 7 ms makes the walkthrough's one `wget` every 10 ms (about 100
 * requests a second here, where a reply costs no wall time) load about 0.7 cores, where the
 * walkthrough's php-apache settles at 7 replicas of 100m (50% of a 200m request).
 */
export const HPA_EXAMPLE_REQUEST_CPU_MS = 7;
const TICK_MS = 1000;
/** The image was built in 2016 from php:5-apache (Debian jessie). */
const SERVER = 'Apache/2.4.10 (Debian)';

interface LoadState {
  /** CPU milliseconds of requests since the last tick. */
  arrived: number;
  ticking: boolean;
}

function load(p: Proc): LoadState {
  return p.state<{ load: LoadState }>().load;
}

export const hpaExample = apacheForeground({
  name: 'hpa-example',
  server: SERVER,
  phpVersion: '5.6.19',
  started(p) {
    p.setState({ ...p.state<object>(), load: { arrived: 0, ticking: false } satisfies LoadState });
  },
  page(p, request) {
    const path = request.path.split('?')[0]!;
    if (path !== '/' && path !== '/index.php') return notFoundPage(SERVER, request);
    const st = load(p);
    st.arrived += HPA_EXAMPLE_REQUEST_CPU_MS;
    if (!st.ticking) {
      st.ticking = true;
      p.cpu(st.arrived / TICK_MS);
      p.timer('load', TICK_MS);
    }
    return { status: 200, body: 'OK!' };
  },
  timer(p, name) {
    if (name !== 'load') return;
    const st = load(p);
    p.cpu(st.arrived / TICK_MS);
    st.ticking = st.arrived > 0;
    st.arrived = 0;
    if (st.ticking) p.timer('load', TICK_MS);
  },
});
