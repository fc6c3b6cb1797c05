/** A key hint beside a control's label; hidden from assistive tech, which reads `aria-keyshortcuts` instead. */
export function Kbd({ children }: { children: string }) {
  return (
    <kbd className="kbd" aria-hidden="true">
      {children}
    </kbd>
  );
}
