import type { Command } from '../io';
import { backupCommand, restoreCommand } from './backup';
import { devTokenCommand } from './devToken';
import { exportChildCommand } from './exportChild';
import { eraseChildCommand } from './eraseChild';
import { migrateCommand } from './migrate';
import { orgCommand } from './org';
import { personCommand } from './person';
import { planCommand } from './plan';
import { retentionCommand } from './retention';
import { simulateCommand } from './simulate';
import { timelineCommand } from './timeline';
import { tourCommand } from './tour';

/** Every `ehcp-review` sub-command; add a command by adding its module here. */
export const commands: Command[] = [timelineCommand, planCommand, simulateCommand, devTokenCommand, migrateCommand, backupCommand, restoreCommand, orgCommand, personCommand, retentionCommand, exportChildCommand, eraseChildCommand, tourCommand];
