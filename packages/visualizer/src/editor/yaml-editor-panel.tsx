// The YAML editor: a file of the page's workspace, edited as plain text, saved into the page's
// files and applied with `kubectl apply -f <file>` (its output, or its error, shows in the
// terminal like any command's).

import { useState } from 'preact/hooks';
import type { PageController } from '../app/page-controller.ts';
import { listFiles } from '../views/files-view.tsx';

const DEFAULT_FILE = 'manifest.yaml';
const EXAMPLE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.25
`;

export function YamlEditorPanel({ page }: { page: PageController }) {
  const [path, setPath] = useState(DEFAULT_FILE);
  const [text, setText] = useState(EXAMPLE);
  const { files } = page.machine;
  const prefix = files.cwd.endsWith('/') ? files.cwd : files.cwd + '/';
  const known = listFiles(files)
    .map((f) => (f.path.startsWith(prefix) ? f.path.slice(prefix.length) : f.path))
    .filter((p) => /\.(ya?ml|json)$/.test(p));

  const open = (name: string) => {
    setPath(name);
    try {
      setText(files.readText(name));
    } catch (error) {
      page.fail(error);
    }
  };

  return (
    <section class="panel editor" aria-label="YAML editor">
      <h2>YAML editor</h2>
      <div class="editor-bar">
        <label>
          File{' '}
          <input
            data-testid="editor-path"
            class="mono"
            value={path}
            spellcheck={false}
            onInput={(e) => setPath((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        {known.length > 0 && (
          <select data-testid="editor-open" value="" aria-label="Open a file" onChange={(e) => open((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">Open…</option>
            {known.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        )}
      </div>
      <textarea
        data-testid="editor-text"
        class="mono"
        spellcheck={false}
        value={text}
        onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)}
      />
      <div class="editor-actions">
        <button data-testid="editor-save" onClick={() => void page.save(path, text)} disabled={path.trim() === ''}>
          Save
        </button>
        <button data-testid="editor-apply" class="primary" onClick={() => void page.apply(path, text)} disabled={path.trim() === ''}>
          Apply (kubectl apply -f {path})
        </button>
      </div>
    </section>
  );
}
