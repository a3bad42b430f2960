// Entry of the investigator workspace: creates the API client, asks who is signed in, renders the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiClient } from './api/client.ts';
import { App } from './app.tsx';
import { AppProvider } from './context.tsx';
import './styles.css';

const api = new ApiClient();
const root = createRoot(document.getElementById('root') as HTMLElement);
const session = await api.session().catch(() => null);
root.render(
  <StrictMode>
    <AppProvider api={api} initialSession={session}>
      <App />
    </AppProvider>
  </StrictMode>,
);
