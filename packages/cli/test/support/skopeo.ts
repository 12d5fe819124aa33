// skopeo from Debian, an independent reader of OCI archives: installed with apt-get when missing.
import { execFileSync } from 'node:child_process';

/** The skopeo binary, or the reason it cannot be had on this machine. */
export function ensureSkopeo(): { path: string } | { skip: string } {
  const which = () => {
    try {
      return execFileSync('sh', ['-c', 'command -v skopeo'], { encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };
  let path = which();
  if (path !== '') return { path };
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update'], { stdio: 'ignore', env, timeout: 300_000 });
    execFileSync('apt-get', ['install', '-y', 'skopeo'], { stdio: 'ignore', env, timeout: 300_000 });
  } catch (error) {
    return { skip: `skopeo is missing and "apt-get install -y skopeo" failed (${(error as Error).message.split('\n')[0]}); the archive was not checked by an independent tool` };
  }
  path = which();
  return path !== '' ? { path } : { skip: 'apt-get installed skopeo, but it is not on PATH' };
}
