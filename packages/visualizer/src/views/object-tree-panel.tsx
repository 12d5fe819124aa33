// The selected object's tree (see cluster/object-tree.ts): what it leads to, each part a link
// that selects it, and the owners above it.

import type { ObjectTree, TreeNode } from '../cluster/object-tree.ts';

function Branch({ node, select }: { node: TreeNode; select: (selection: string | undefined) => void }) {
  return (
    <li data-testid="tree-node" data-kind={node.kind}>
      <span class={`tree-kind${node.look ? ` look-${node.look}` : ''}`}>{node.kind}</span>{' '}
      {node.selection === undefined ? (
        <span class="mono">{node.name}</span>
      ) : (
        <button class="link mono" onClick={() => select(node.selection)}>
          {node.name}
        </button>
      )}
      {node.detail !== '' && <span class="muted"> {node.detail}</span>}
      {node.children.length > 0 && (
        <ul>
          {node.children.map((child, i) => (
            <Branch key={`${child.kind}/${child.name}/${i}`} node={child} select={select} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function ObjectTreePanel({ tree, select }: { tree: ObjectTree; select: (selection: string | undefined) => void }) {
  return (
    <section class="object-tree" data-testid="object-tree" aria-label={`${tree.root.kind} ${tree.root.name}`}>
      <header>
        <h3>
          {tree.root.kind} {tree.root.name}
        </h3>
        {tree.owners.length > 0 && (
          <span class="owners" data-testid="tree-owners">
            owned by{' '}
            {tree.owners.map((o, i) => (
              <span key={o.selection}>
                {i > 0 && ' ← '}
                <button class="link" onClick={() => select(o.selection)}>
                  {o.kind} {o.name}
                </button>
              </span>
            ))}
          </span>
        )}
        <button class="close" title="Close" aria-label="Close" onClick={() => select(undefined)}>
          ×
        </button>
      </header>
      <ul class="tree">
        <Branch node={tree.root} select={select} />
      </ul>
    </section>
  );
}
