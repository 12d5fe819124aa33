// The function map a chart's templates see: Sprig's (without env and expandenv, as helm removes
// them) plus helm's own. Time and randomness come from the caller, so rendering is deterministic.

import type { GoFunc } from '../template/value.ts';
import { collectionFuncs } from './collections.ts';
import { cryptoFuncs } from './crypto.ts';
import { defaultFuncs } from './defaults.ts';
import { encodingFuncs } from './encoding.ts';
import { helmFuncs, type LookupFunction } from './helm-functions.ts';
import { mathFuncs } from './math.ts';
import { randomFuncs, type RandomSource } from './random.ts';
import { regexFuncs } from './regex.ts';
import { semverFuncs } from './semver.ts';
import { stringFuncs } from './strings.ts';
import { timeFuncs } from './time.ts';
import { urlFuncs } from './urls.ts';

export interface FunctionEnvironment {
  /** Unix milliseconds, for `now` (the simulation's virtual wall clock). */
  now: () => number;
  /** For randAlphaNum and friends (the engine's seeded random). */
  random: RandomSource;
  /** Answers `lookup`; defaults to an empty map, as in `helm template`. */
  lookup?: LookupFunction;
  /** helm lint: `required` does not fail. */
  lintMode?: boolean;
}

/** Sprig's functions only (what --name-template sees). */
export function sprigFunctionMap(env: FunctionEnvironment): Map<string, GoFunc> {
  return new Map<string, GoFunc>([
    ...stringFuncs,
    ...collectionFuncs,
    ...mathFuncs,
    ...defaultFuncs,
    ...encodingFuncs,
    ...regexFuncs,
    ...semverFuncs,
    ...timeFuncs(env.now),
    ...randomFuncs(env.random),
    ...cryptoFuncs(env.random),
    ...urlFuncs,
    ['hello', { params: [], fn: () => 'Hello!' }],
  ]);
}

/** Sprig plus helm's functions (include and tpl are bound per render). */
export function helmFunctionMap(env: FunctionEnvironment): Map<string, GoFunc> {
  const lookup = env.lookup ?? (() => new Map());
  return new Map<string, GoFunc>([...sprigFunctionMap(env), ...helmFuncs(lookup, env.lintMode)]);
}
