import type { HostPort } from '../office/host';
import { naaOrDialogTokenSource } from './signIn';

const host = (naa: boolean, dialog: () => Promise<string> = async () => JSON.stringify({ token: 'from-dialog' })): HostPort & { asked: string[] } => {
  const asked: string[] = [];
  return {
    asked,
    isSetSupported: (name, version) => {
      asked.push(`${name} ${version}`);
      return naa && name === 'NestedAppAuth' && version === '1.1';
    },
    dialogMessage: () => dialog(),
  };
};

function fakeMsal(silent: () => Promise<string>, bridge = true) {
  const calls: string[] = [];
  return {
    calls,
    loadMsal: async () => ({
      createNestedAppClient: async () => {
        calls.push('create');
        if (!bridge) return null;
        return {
          acquireTokenSilent: async () => {
            calls.push('silent');
            return { accessToken: await silent() };
          },
          acquireTokenPopup: async () => {
            calls.push('popup');
            return { accessToken: 'from-popup' };
          },
        } as never;
      },
    }),
  };
}

const base = { clientId: 'c0ffee00-1234-4abc-8def-0123456789ab', apiScope: 'api://localhost/c0ffee00/access_as_user', dialogUrl: 'https://localhost:3443/addin/signin.html' };

describe('naaOrDialogTokenSource', () => {
  it('checks NestedAppAuth 1.1 first, then takes the token silently', async () => {
    const h = host(true);
    const msal = fakeMsal(async () => 'from-silent');
    expect(await naaOrDialogTokenSource({ ...base, host: h, loadMsal: msal.loadMsal })()).toBe('from-silent');
    expect(h.asked).toEqual(['NestedAppAuth 1.1']);
    expect(msal.calls).toEqual(['create', 'silent']);
  });

  it('falls back to a popup when the silent request fails', async () => {
    const msal = fakeMsal(async () => {
      throw new Error('interaction_required');
    });
    expect(await naaOrDialogTokenSource({ ...base, host: host(true), loadMsal: msal.loadMsal })()).toBe('from-popup');
    expect(msal.calls).toEqual(['create', 'silent', 'popup']);
  });

  it('never loads msal where NAA is not supported, and signs in through an Office dialog instead', async () => {
    const msal = fakeMsal(async () => 'unused');
    expect(await naaOrDialogTokenSource({ ...base, host: host(false), loadMsal: msal.loadMsal })()).toBe('from-dialog');
    expect(msal.calls).toEqual([]);
  });

  it('signs in through the dialog where the host claims NestedAppAuth but its bridge does not answer', async () => {
    const msal = fakeMsal(async () => 'unused', false);
    const token = naaOrDialogTokenSource({ ...base, host: host(true), loadMsal: msal.loadMsal });
    expect(await token()).toBe('from-dialog');
    expect(await token()).toBe('from-dialog');
    // the bridge is looked for once
    expect(msal.calls).toEqual(['create']);
  });

  it('passes on what the dialog says went wrong', async () => {
    const h = host(false, async () => JSON.stringify({ error: 'You cancelled sign-in; select Sign in to try again.' }));
    await expect(naaOrDialogTokenSource({ ...base, host: h })()).rejects.toThrow('You cancelled sign-in');
  });
});
