/** A reference table of keys and what they do. */
export function ShortcutTable({ caption, rows }: { caption: string; rows: [keys: string, what: string][] }) {
  return (
    <table className="table shortcuts">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Key</th>
          <th scope="col">What it does</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([keys, what]) => (
          <tr key={keys}>
            <td>
              <kbd className="kbd">{keys}</kbd>
            </td>
            <td>{what}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
