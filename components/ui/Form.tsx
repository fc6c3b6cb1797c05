import type { FormHTMLAttributes } from 'react';

interface Props extends Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit' | 'noValidate'> {
  /** Runs on submit; the page stays where it is. */
  onSubmit(): void;
}

/**
 * A form that is handled on the page. The browser's own validation is off: each form checks its fields itself and
 * says what is wrong in its own words, next to them.
 */
export function Form({ onSubmit, children, ...rest }: Props) {
  return (
    <form
      noValidate
      {...rest}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}
