/**
 * A fingerprint of every application table (each found in the catalog, so a new table is never
 * missed): its row count and an md5 of its rows. Two equal fingerprints mean nothing was written.
 * `except` leaves tables out and `columns` narrows one to some columns; each caller says why.
 */
export async function tableFingerprint(
  query: (text: string) => Promise<Array<Record<string, unknown>>>,
  options: { except?: string[]; columns?: Record<string, string>; extra?: Record<string, string> } = {},
): Promise<Record<string, string>> {
  const tables = await query(
    "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
  );
  const queries: Record<string, string> = {};
  for (const { name } of tables as Array<{ name: string }>) {
    if (options.except?.includes(name)) continue;
    queries[name] = `select ${options.columns?.[name] ?? "*"} from "${name}"`;
  }
  Object.assign(queries, options.extra);
  const result: Record<string, string> = {};
  for (const [name, text] of Object.entries(queries)) {
    const [row] = await query(
      `select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from (${text}) t`,
    );
    result[name] = `${row!.n}:${row!.digest}`;
  }
  return result;
}
