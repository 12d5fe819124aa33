// The page's header: which scenario is open and with which seed.
import { useEffect, useState } from 'preact/hooks';
import { SCENARIOS } from '../scenarios/catalog.ts';
import type { PageController } from './page-controller.ts';

const EMPTY = '';

export function Header({ page }: { page: PageController }) {
  const [seedText, setSeedText] = useState(String(page.seed));
  useEffect(() => setSeedText(String(page.seed)), [page.seed, page.machine]);
  const applySeed = () => {
    const seed = Number(seedText.trim());
    if (!/^-?\d+$/.test(seedText.trim()) || !Number.isSafeInteger(seed)) setSeedText(String(page.seed));
    else if (seed !== page.seed) void page.chooseSeed(seed);
  };
  return (
    <header class="header">
      <h1>Dockyard</h1>
      <label>
        Scenario{' '}
        <select
          data-testid="scenario-picker"
          value={page.scenarioId ?? EMPTY}
          onChange={(e) => {
            const id = (e.currentTarget as HTMLSelectElement).value;
            void page.chooseScenario(id === EMPTY ? undefined : id);
          }}
        >
          <option value={EMPTY}>Empty cluster</option>
          {SCENARIOS.map((s) => (
            <option key={s.id} value={s.id} disabled={s.error !== undefined} title={s.error ?? s.description}>
              {s.id === s.name ? s.id : `${s.id} — ${s.name}`}
            </option>
          ))}
        </select>
      </label>
      <label>
        Seed{' '}
        <input
          data-testid="seed"
          class="seed"
          inputMode="numeric"
          value={seedText}
          onInput={(e) => setSeedText((e.currentTarget as HTMLInputElement).value)}
          onKeyDown={(e) => e.key === 'Enter' && applySeed()}
          onBlur={applySeed}
        />
      </label>
      <span class="spacer" />
      <span class="muted">the engine runs in this page; nothing is sent anywhere</span>
    </header>
  );
}
