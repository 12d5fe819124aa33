// The pulse of "running but not ready" chips. A CSS animation on each such chip made the browser
// recompute their style and composite every frame (during a big rollout, a tenth of the frame);
// one attribute on the page's root, flipped twice per period on the wall clock, dims them all at
// once and costs a style pass per flip.
import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';

/** Half of the pulse's period, in wall ms: bright for this long, then dim for this long. */
export const PULSE_HALF_MS = 600;

export function usePulse(root: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    if (window.matchMedia?.('(prefers-reduced-motion: reduce)').matches) return;
    const timer = setInterval(() => root.current?.toggleAttribute('data-pulse-dim'), PULSE_HALF_MS);
    return () => clearInterval(timer);
  }, [root]);
}
