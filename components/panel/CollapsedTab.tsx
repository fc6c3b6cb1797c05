/** The panel folded to a narrow tab at the page edge, with the count of pending items. */
export function CollapsedTab({ pending, onExpand }: { pending: number; onExpand(): void }) {
  return (
    <button
      type="button"
      className="collapsed-tab"
      aria-label={`Expand Countersign panel, ${pending} pending`}
      aria-expanded="false"
      onClick={onExpand}
    >
      <span className="tab-mark" aria-hidden="true">
        ✓
      </span>
      {pending > 0 ? (
        <span className="tab-badge" aria-hidden="true">
          {pending}
        </span>
      ) : null}
    </button>
  );
}
