import type { ReactNode } from 'react';
import type { AllegationStatus, Stance } from './api/types.ts';

/** Small shared pieces of UI: badges, states, headings. */

const STANCE_LABEL: Readonly<Record<Stance, string>> = {
  assert: 'asserts',
  allege: 'alleges',
  confirm: 'confirms',
  not_confirmed: 'has not confirmed',
  deny: 'denies',
  hedge: 'hedges',
};

/** Human label for a stance. */
export function stanceLabel(stance: Stance): string {
  return STANCE_LABEL[stance];
}

/** A stance badge (colour plus text, never colour alone). */
export function StanceBadge(props: { readonly stance: Stance }) {
  return <span className={`badge stance-${props.stance}`}>{stanceLabel(props.stance)}</span>;
}

/** Human label for a snake_case code. */
export function humanise(code: string): string {
  const text = code.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A computed-status badge. */
export function StatusBadge(props: { readonly status: AllegationStatus }) {
  const tone = /denied|contested|disputed/.test(props.status)
    ? 'bad'
    : /^(independently_)?corroborated$/.test(props.status)
      ? 'good'
      : /multiple|partial/.test(props.status)
        ? 'mid'
        : 'neutral';
  return <span className={`badge status status-${tone}`}>{humanise(props.status)}</span>;
}

/** A plain badge. */
export function Badge(props: {
  readonly children: ReactNode;
  readonly tone?: 'neutral' | 'good' | 'bad' | 'mid';
}) {
  return <span className={`badge status-${props.tone ?? 'neutral'}`}>{props.children}</span>;
}

/** Loading / error / empty states of a view, announced to screen readers. */
export function LoadState(props: {
  readonly loading: boolean;
  readonly error: Error | undefined;
  readonly empty?: boolean;
  readonly emptyText?: string;
}) {
  if (props.error !== undefined) {
    return (
      <p className="notice error" role="alert">
        {props.error.message}
      </p>
    );
  }
  if (props.loading) {
    return (
      <p className="notice" role="status">
        Loading…
      </p>
    );
  }
  if (props.empty) return <p className="notice">{props.emptyText ?? 'Nothing here yet.'}</p>;
  return null;
}

/** Formats an ISO timestamp as a short UTC date-time. */
export function when(iso: string | null): string {
  if (iso === null || iso === '') return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
