import path from 'node:path';
import { AuthConfigError, defaultDevTokenLifetimeSeconds, isRole, maxDevTokenLifetimeSeconds, roles, signDevToken } from '../../auth';
import { cliSettings } from '../../config/env';
import { parseOptions } from '../args';
import { type Command, UsageError } from '../io';

const maxHours = maxDevTokenLifetimeSeconds / 3600;

const usage = `Usage: ehcp-review dev-token --role ROLE --org ORG_ID [--user ID] [--email E] [--name NAME] [--hours N] [--data-dir DIR]

Prints a development bearer token for the local service, and nothing else, so
  TOKEN=$(npx ehcp-review dev-token --role senco --org demo-school-1)
  curl -H "Authorization: Bearer $TOKEN" ...
works. The token says who you are (--user, default dev-ROLE-ORG_ID), your role and
your organisation, and lasts --hours (default ${defaultDevTokenLifetimeSeconds / 3600}, at most ${maxHours}).

ROLE is one of ${roles.join(', ')}.
The signing key is DIR/dev-auth-key.json, made on first use; DIR defaults to $DATA_DIR,
else ./data. The service accepts the token only when it runs with the same DATA_DIR,
and never when NODE_ENV=production.`;

/** `--hours` as a number of seconds, checked. */
function lifetimeFrom(hours: string | undefined): number {
  if (hours === undefined) return defaultDevTokenLifetimeSeconds;
  const value = Number(hours);
  if (hours.trim() === '' || !Number.isFinite(value) || value <= 0 || value > maxHours) {
    throw new UsageError([`--hours: "${hours}" is not a number of hours above 0 and at most ${maxHours} (for example 8 or 0.5)`]);
  }
  return Math.round(value * 3600);
}

function hoursText(seconds: number): string {
  const hours = Number((seconds / 3600).toFixed(2));
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

export const devTokenCommand: Command = {
  name: 'dev-token',
  summary: 'a development bearer token for the local service (not in production)',
  usage,
  async run(args, io) {
    // Checked before anything else, so production never even gets a key file written.
    if (cliSettings(io.env).production) {
      throw new UsageError(['development tokens are refused when NODE_ENV=production; sign in with Microsoft Entra ID instead']);
    }
    const values = parseOptions(
      args,
      {
        role: { type: 'string' },
        org: { type: 'string' },
        user: { type: 'string' },
        email: { type: 'string' },
        name: { type: 'string' },
        hours: { type: 'string' },
        'data-dir': { type: 'string' },
      },
      usage,
    );
    if (values.role === undefined) throw new UsageError([`--role is required: one of ${roles.join(', ')}`]);
    if (!isRole(values.role)) throw new UsageError([`--role: "${values.role}" is not one of ${roles.join(', ')}`]);
    const orgId = values.org?.trim();
    if (!orgId) throw new UsageError(['--org is required: the id of the organisation the token acts for (for example demo-school-1)']);
    const lifetimeSeconds = lifetimeFrom(values.hours);
    const dataDir = path.resolve(io.cwd, values['data-dir'] || cliSettings(io.env).dataDir || './data');

    let token: string;
    try {
      token = await signDevToken({
        dataDir,
        role: values.role,
        orgId,
        lifetimeSeconds,
        ...(values.user ? { userId: values.user } : {}),
        ...(values.email ? { email: values.email } : {}),
        ...(values.name ? { name: values.name } : {}),
      });
    } catch (e) {
      if (e instanceof AuthConfigError) throw new UsageError([e.message]);
      throw e;
    }
    io.stdout.write(`${token}\n`);
    io.stderr.write(`ehcp-review dev-token: valid for ${hoursText(lifetimeSeconds)} against the service using DATA_DIR=${dataDir}; it is refused when NODE_ENV=production.\n`);
    return 0;
  },
};
