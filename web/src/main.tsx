// Entry of the investigator workspace. It is kept small (the API client and the router, no React) so it
// runs as soon as it arrives and asks who is signed in, and on the board for its first page, while React
// and the views are still downloading (index.html preloads them); then it mounts the app.
import { ApiClient } from './api/client.ts';
import { requestEarlyBoardPage } from './api/early.ts';
import './styles.css';

/**
 * The app mounts once its code and the session are in and, on the board, once the first page is in or
 * this long after asking for it, whichever is first. Mounting with the cards spares a render of an empty
 * board (the page usually lands within milliseconds of the session); a slow list still gets the shell and
 * "Loading…" soon.
 */
const FIRST_PAGE_GRACE_MS = 250;

const api = new ApiClient();
const session = api.session().catch(() => null);
const early = requestEarlyBoardPage(api, window.location);
const firstPage =
  early === null
    ? null
    : Promise.race([early.request, new Promise((ok) => setTimeout(ok, FIRST_PAGE_GRACE_MS))]);
// No top-level await: the app chunk imports the client and router from this chunk, and a module that is
// still awaiting would never finish evaluating for it.
void Promise.all([import('./mount.tsx'), session, firstPage]).then(([{ mount }, signedIn]) => {
  mount(document.getElementById('root') as HTMLElement, { api, session: signedIn, early });
});
