// Renders the app once the entry (main.tsx) knows who is signed in.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { ApiClient } from './api/client.ts';
import type { EarlyBoardPage } from './api/early.ts';
import type { Session } from './api/types.ts';
import { App } from './app.tsx';
import { AppProvider } from './context.tsx';

/** Mounts the workspace into `root`. */
export function mount(
  root: HTMLElement,
  props: { readonly api: ApiClient; readonly session: Session | null; readonly early: EarlyBoardPage | null },
): void {
  createRoot(root).render(
    <StrictMode>
      <AppProvider api={props.api} initialSession={props.session} early={props.early}>
        <App />
      </AppProvider>
    </StrictMode>,
  );
}
