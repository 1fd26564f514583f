import { FluentProvider, MessageBar, MessageBarBody, teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api/client';
import { createReportClient } from './api/reportClient';
import { ConfigurePanel } from './meeting/ConfigurePanel';
import { MeetingPanel } from './meeting/MeetingPanel';
import { App, type View, views } from './App';
import { signInMethods } from './auth/methods';
import { chooseTokenSource, type TabConfig } from './auth/tokenSource';
import { connectToHost } from './host/teamsHost';

const themes = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };

/** Connects to Teams if hosted, signs in the way the host recommends, then renders the dashboard. */
async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  const host = await connectToHost();
  const theme = themes[host.theme];
  try {
    const config = (await (await fetch('/tab/config.json')).json()) as TabConfig;
    const tokens = chooseTokenSource(config, host, signInMethods);
    const api = createApiClient(tokens);
    const signedIn = await api.whoAmI();
    const params = new URLSearchParams(window.location.search);
    document.body.dataset.signIn = tokens.kind;
    // The meeting side panel, the report page (task pane, browser) and the meeting tab's configuration.
    const review = params.get('review');
    if (review || params.get('config') === 'meeting') {
      const client = createReportClient(tokens);
      root.render(
        <FluentProvider theme={theme}>{review ? <MeetingPanel client={client} reviewId={review} /> : <ConfigurePanel client={client} inHost={host.inHost} />}</FluentProvider>,
      );
      return;
    }
    const asked = params.get('view');
    const initialView = views.includes(asked as View) ? (asked as View) : undefined;
    document.body.dataset.signIn = tokens.kind;
    root.render(
      <FluentProvider theme={theme}>
        <App api={api} signedIn={signedIn} initialView={initialView} />
      </FluentProvider>,
    );
  } catch (error) {
    root.render(
      <FluentProvider theme={theme}>
        <main>
          <h1>EHCP annual reviews</h1>
          <MessageBar intent="error">
            <MessageBarBody>{(error as Error).message}</MessageBarBody>
          </MessageBar>
        </main>
      </FluentProvider>,
    );
  }
}

void start();
