// The programs a RUN step can run, by the name their marker file gives (see base-image.ts).
import { ACCOUNT_TOOLS } from './accounts.ts';
import { FILE_UTILITIES } from './file-utilities.ts';
import { NODE_TOOLS } from './npm.ts';
import { PACKAGE_MANAGERS } from './package-managers.ts';
import type { Program } from './shell.ts';

export const RUN_PROGRAMS: Readonly<Record<string, Program>> = { ...FILE_UTILITIES, ...ACCOUNT_TOOLS, ...NODE_TOOLS, ...PACKAGE_MANAGERS };
