// Entry of the investigator workspace. It is kept small (the API client and the router, no React) so it
// runs as soon as it arrives and asks who is signed in, and on the board for its first page, while React
// and the views are still downloading (index.html preloads them); then it mounts the app.
import { ApiClient } from './api/client.ts';
import { requestEarlyBoardPage } from './api/early.ts';
import './styles.css';

const api = new ApiClient();
const session = api.session().catch(() => null);
const early = requestEarlyBoardPage(api, window.location);
// No top-level await: the app chunk imports the client and router from this chunk, and a module that is
// still awaiting would never finish evaluating for it.
void Promise.all([import('./mount.tsx'), session]).then(([{ mount }, signedIn]) => {
  mount(document.getElementById('root') as HTMLElement, { api, session: signedIn, early });
});
