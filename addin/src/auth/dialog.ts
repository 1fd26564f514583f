/// <reference types="office-js" />
/**
 * The sign-in page opened in an Office dialog where nested app authentication is not
 * supported: a standard MSAL redirect sign-in inside the dialog, then the token goes back
 * to the task pane with `messageParent`.
 */
import { createStandardPublicClientApplication } from '@azure/msal-browser';

Office.onReady().then(async () => {
  const params = new URLSearchParams(location.search);
  const scope = params.get('scope') ?? sessionStorage.getItem('ehcp-scope') ?? '';
  const clientId = params.get('clientId') ?? sessionStorage.getItem('ehcp-client') ?? '';
  sessionStorage.setItem('ehcp-scope', scope);
  sessionStorage.setItem('ehcp-client', clientId);
  try {
    const pca = await createStandardPublicClientApplication({ auth: { clientId, authority: 'https://login.microsoftonline.com/common', redirectUri: `${location.origin}/addin/signin.html` } });
    const result = await pca.handleRedirectPromise();
    if (result) Office.context.ui.messageParent(JSON.stringify({ token: result.accessToken }));
    else await pca.loginRedirect({ scopes: [scope] });
  } catch (error) {
    Office.context.ui.messageParent(JSON.stringify({ error: `Sign-in failed (${(error as Error).message}); close this window and select Sign in again.` }));
  }
});
