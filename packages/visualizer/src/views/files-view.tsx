// The user's files as the commands see them: the scenario's files and what the editor wrote,
// under the page's working directory.

import { joinPath } from '@dockyard/runtime';
import type { MemoryFiles } from '@dockyard/cli';
import type { ClusterView, ViewProps } from './cluster-view.ts';

/** Every file below `dir`, with its size in bytes, in name order. */
export function listFiles(files: MemoryFiles, dir = files.cwd): { path: string; size: number }[] {
  const out: { path: string; size: number }[] = [];
  for (const name of [...files.readdir(dir)].sort()) {
    const path = joinPath(dir, name);
    const stat = files.stat(path);
    if (stat?.kind === 'dir') out.push(...listFiles(files, path));
    else if (stat) out.push({ path, size: stat.size });
  }
  return out;
}

function FileList({ machine }: ViewProps) {
  const { files } = machine;
  const list = listFiles(files);
  const prefix = files.cwd.endsWith('/') ? files.cwd : files.cwd + '/';
  return (
    <div class="files-view">
      <p class="muted">Working directory {files.cwd}</p>
      {list.length === 0 ? (
        <p class="muted">No files yet: write one from the YAML editor.</p>
      ) : (
        <table class="grid" data-testid="file-list">
          <thead>
            <tr>
              <th>FILE</th>
              <th>SIZE</th>
            </tr>
          </thead>
          <tbody>
            {list.map(({ path, size }) => (
              <tr key={path}>
                <td class="mono">{path.startsWith(prefix) ? path.slice(prefix.length) : path}</td>
                <td>{size} B</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export const filesView: ClusterView = { id: 'files', title: 'Files', component: FileList };
