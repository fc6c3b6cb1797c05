import type { ButtonHTMLAttributes } from 'react';
import { Kbd } from './Kbd';

interface Props extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children'> {
  label: string;
  /** The key as shown ("a", "Shift+A"); also given to assistive tech as `aria-keyshortcuts`. */
  shortcut?: string;
  tone?: 'primary' | 'danger' | 'plain';
}

/** A button whose accessible name is its label alone, with its keyboard shortcut shown beside it. */
export function ShortcutButton({ label, shortcut, tone = 'plain', className, ...rest }: Props) {
  return (
    <button
      type="button"
      className={`btn btn-${tone}${className ? ` ${className}` : ''}`}
      aria-keyshortcuts={shortcut}
      {...rest}
    >
      {label}
      {shortcut ? <Kbd>{shortcut}</Kbd> : null}
    </button>
  );
}
