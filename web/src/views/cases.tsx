import { humanise, LoadState } from '../components.tsx';
import { Link, useApp, useLoad } from '../context.tsx';
import { href } from '../lib/router.ts';

/** The cases the user can see, with their role on each. */
export function CasesView() {
  const { api } = useApp();
  const cases = useLoad(() => api.cases(), 'cases');
  return (
    <section>
      <h1>Cases</h1>
      <LoadState
        loading={cases.loading}
        error={cases.error}
        empty={cases.data?.length === 0}
        emptyText="You have no cases yet. An admin adds you to one."
      />
      <ul className="cards" aria-label="Cases">
        {(cases.data ?? []).map((c) => (
          <li key={c.id} className="card">
            <h2>
              <Link to={href({ kind: 'inbox', caseId: c.id })}>{c.name}</Link>
            </h2>
            {c.description !== null && <p>{c.description}</p>}
            <p className="meta">
              {c.role !== null && <span>Your role: {humanise(c.role)}</span>}
              {c.region !== null && <span>Region: {c.region}</span>}
              {c.sources !== null && <span>{c.sources} sources</span>}
              {c.allegations !== null && (
                <Link to={href({ kind: 'board', caseId: c.id })}>{c.allegations} allegations</Link>
              )}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
