/**
 * Finds SQL built from interpolated strings (SECURITY.md item 54): a template literal with `${…}`
 * (or a string literal followed by `+`) as the first argument of `.query(`, `.query<T>(`,
 * `literal(` or `Sequelize.literal(`, or as the `text:` of a `preparedQuery(` call (whose text may
 * also be a constant's name). Values must go through `replacements`/`bind`/`values` instead.
 *
 * Two interpolations are allowed: `x.escapeIdentifier(…)` (an identifier, quoted), and a module
 * constant (UPPER_CASE) of fixed SQL text: defined in the same source, or imported by name from a
 * module that `importedSource` can read (e.g. a shared column list, or another repository's CTE),
 * as a literal whose own interpolations are such constants too.
 */
export function interpolatedSqlCalls(
  source: string,
  importedSource: (specifier: string) => string | undefined = () => undefined,
): string[] {
  const offenders: string[] = [];
  const isStatic = (expression: string) => isStaticSqlConstant(expression.trim(), source, importedSource);
  const call = /(?:\.query|\bliteral)\s*(?=[<(])/g;
  for (let match = call.exec(source); match; match = call.exec(source)) {
    let at = match.index + match[0].length;
    if (source[at] === "<") at = skipTypeArguments(source, at);
    if (source[at] !== "(") continue;
    at = skipSpaceAndComments(source, at + 1);
    const quote = source[at];
    if (quote !== "`" && quote !== '"' && quote !== "'") continue;
    const literal = readLiteral(source, at);
    const snippet = source.slice(match.index, literal.end).replace(/\s+/g, " ").slice(0, 160);
    const unsafe = literal.interpolations.filter((expression) => !isStatic(expression));
    if (unsafe.length || source[skipSpace(source, literal.end)] === "+") offenders.push(snippet);
  }
  const prepared = /(?<!function\s+)\bpreparedQuery\s*(?=[<(])/g;
  for (let match = prepared.exec(source); match; match = prepared.exec(source)) {
    let open = match.index + match[0].length;
    if (source[open] === "<") open = skipTypeArguments(source, open);
    const text = /\btext\s*:\s*/g;
    text.lastIndex = open;
    const found = text.exec(source);
    const at = found && found.index < closingParen(source, open) ? found.index + found[0].length : open;
    const snippet = source.slice(match.index, at + 60).replace(/\s+/g, " ");
    const quote = source[at];
    if (quote === "`" || quote === '"' || quote === "'") {
      const literal = readLiteral(source, at);
      const unsafe = literal.interpolations.filter((expression) => !isStatic(expression));
      if (unsafe.length || source[skipSpace(source, literal.end)] === "+") offenders.push(snippet);
    } else {
      const name = /^[A-Z][A-Z0-9_]*\b/.exec(source.slice(at))?.[0];
      if (!name || !isStatic(name) || /^\s*[+?]/.test(source.slice(at + name.length))) offenders.push(snippet);
    }
  }
  return offenders;
}

function isStaticSqlConstant(
  expression: string,
  source: string,
  importedSource: (specifier: string) => string | undefined,
  depth = 0,
): boolean {
  if (/^\w+\.escapeIdentifier\([^)]*\)$/.test(expression)) return true;
  if (!/^[A-Z][A-Z0-9_]*$/.test(expression) || depth > 4) return false;
  const definition = new RegExp(`\\bconst ${expression}\\s*=\\s*`).exec(source);
  if (!definition) {
    const imported = new RegExp(`\\bimport\\s*\\{[^}]*\\b${expression}\\b[^}]*\\}\\s*from\\s*["']([^"']+)["']`).exec(source);
    const other = imported ? importedSource(imported[1]!) : undefined;
    return other !== undefined && isStaticSqlConstant(expression, other, () => undefined, depth + 1);
  }
  const start = definition.index + definition[0].length;
  if (!"`\"'".includes(source[start] ?? "")) return false;
  const value = readLiteral(source, start);
  return (
    source[skipSpace(source, value.end)] === ";" &&
    value.interpolations.every(
      (inner) => /^[A-Z][A-Z0-9_]*$/.test(inner.trim()) && isStaticSqlConstant(inner.trim(), source, importedSource, depth + 1),
    )
  );
}

/** Past spaces and comments: a comment before a call's SQL must not hide it from the check. */
function skipSpaceAndComments(source: string, at: number): number {
  for (;;) {
    at = skipSpace(source, at);
    if (source.startsWith("//", at)) at = source.indexOf("\n", at) < 0 ? source.length : source.indexOf("\n", at);
    else if (source.startsWith("/*", at)) at = source.indexOf("*/", at) < 0 ? source.length : source.indexOf("*/", at) + 2;
    else return at;
  }
}

function skipSpace(source: string, at: number): number {
  while (at < source.length && /\s/.test(source[at]!)) at++;
  return at;
}

/** Where the call whose `(` is at `open` ends (string and template literals skipped). */
function closingParen(source: string, open: number): number {
  let depth = 0;
  for (let at = open; at < source.length; at++) {
    const char = source[at]!;
    if (char === "`" || char === '"' || char === "'") at = readLiteral(source, at).end - 1;
    else if (char === "(") depth++;
    else if (char === ")" && --depth === 0) return at;
  }
  return source.length;
}

/** From `<` to just past its matching `>` (an arrow's `=>` inside the type is not a bracket). */
function skipTypeArguments(source: string, at: number): number {
  let depth = 0;
  for (; at < source.length; at++) {
    const char = source[at];
    if (char === "<") depth++;
    else if (char === ">" && source[at - 1] !== "=") {
      depth--;
      if (depth === 0) return skipSpace(source, at + 1);
    }
  }
  return at;
}

/** A string or template literal starting at `at`: where it ends and the source of each `${…}`. */
function readLiteral(source: string, at: number): { end: number; interpolations: string[] } {
  const quote = source[at]!;
  const interpolations: string[] = [];
  let i = at + 1;
  while (i < source.length && source[i] !== quote) {
    if (source[i] === "\\") {
      i += 2;
    } else if (quote === "`" && source[i] === "$" && source[i + 1] === "{") {
      let depth = 1;
      const start = i + 2;
      i = start;
      while (i < source.length && depth > 0) {
        if (source[i] === "{") depth++;
        else if (source[i] === "}") depth--;
        i++;
      }
      interpolations.push(source.slice(start, i - 1));
    } else {
      i++;
    }
  }
  return { end: i + 1, interpolations };
}
