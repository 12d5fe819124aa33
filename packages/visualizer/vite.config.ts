// The page's build. JSX goes through Vite's own transformer (Oxc) with Preact's automatic
// runtime: @preact/preset-vite would add Babel for hot reload only, which a static page served
// by `dockyard visualize` does not need.
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  // Relative asset URLs: the page works from any path it is served under, and from file copies.
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The page is one screen: one script and one style sheet load faster than a chunk graph.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // examples/ lives at the repository root, above this package.
    fs: { allow: ['../..'] },
  },
});
