/// <reference types="office-js" />
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { createServiceApi, type TokenSource } from '../api/serviceApi';
import { naaOrDialogTokenSource } from '../auth/signIn';
import { officeAppointment } from '../office/appointment';
import { officeHost } from '../office/host';
import { App } from './App';

/** Settings baked into taskpane.html by the build (meta tags), and a test's injected token source. */
function settings() {
  const meta = (name: string) => document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content ?? '';
  return { apiBase: meta('ehcp-api-base') || location.origin, clientId: meta('ehcp-client-id'), apiScope: meta('ehcp-api-scope') };
}

Office.onReady().then(() => {
  const s = settings();
  // Tests (and local development with dev sign-in) inject a token source; Outlook uses NAA or the dialog.
  const injected = (globalThis as { ehcpTokenSource?: TokenSource }).ehcpTokenSource;
  const host = officeHost();
  const token = injected ?? naaOrDialogTokenSource({ clientId: s.clientId, apiScope: s.apiScope, host, dialogUrl: `${location.origin}/addin/signin.html` });
  const services = { appointment: officeAppointment(), api: createServiceApi({ baseUrl: s.apiBase, token }), now: () => new Date(), host, serviceUrl: s.apiBase };
  createRoot(document.getElementById('root') as HTMLElement).render(
    <FluentProvider theme={webLightTheme}>
      <App services={services} />
    </FluentProvider>,
  );
});
