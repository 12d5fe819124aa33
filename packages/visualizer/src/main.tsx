// The page's entry: builds the controller on the browser's frames and address bar, opens the link
// it was loaded with, and follows the link when the user edits it.

import { render } from 'preact';
import { App } from './app/App.tsx';
import { PageController } from './app/page-controller.ts';
import { browserFrames } from './time/clock-driver.ts';
import { CLUSTER_VIEWS } from './views/registry.ts';
import './styles.css';

const page = new PageController({
  frames: browserFrames,
  readHash: () => window.location.hash,
  // replaceState: moving through time must not fill the back button's history.
  writeHash: (hash) => history.replaceState(null, '', hash),
});

render(<App page={page} views={CLUSTER_VIEWS} />, document.getElementById('app')!);
window.addEventListener('hashchange', () => void page.openFromUrl());
void page.openFromUrl().then(() => performance.mark('dockyard-ready'));
