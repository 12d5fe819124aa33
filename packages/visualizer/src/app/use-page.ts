// Re-renders a component whenever the page controller changes.
import { useEffect, useState } from 'preact/hooks';
import type { PageController } from './page-controller.ts';

export function usePage(page: PageController): number {
  const [revision, setRevision] = useState(page.revision);
  useEffect(() => {
    const unsubscribe = page.subscribe(() => setRevision(page.revision));
    // Effects run after the first paint: catch up with whatever changed before this subscribed.
    setRevision(page.revision);
    return unsubscribe;
  }, [page]);
  return revision;
}
