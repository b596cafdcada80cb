/**
 * Finds SQL built from interpolated strings (SECURITY.md item 54): a template literal with `${…}`
 * (or a string literal followed by `+`) as the first argument of `.query(`, `.query<T>(`,
 * `literal(` or `Sequelize.literal(`. Values must go through `replacements`/`bind` instead.
 *
 * Two interpolations are allowed: `x.escapeIdentifier(…)` (an identifier, quoted), and a module
 * constant (UPPER_CASE) defined in the same source as plain SQL text with no interpolation of its
 * own, such as a shared column list.
 */
export function interpolatedSqlCalls(source: string): string[] {
  const offenders: string[] = [];
  const call = /(?:\.query|\bliteral)\s*(?=[<(])/g;
  for (let match = call.exec(source); match; match = call.exec(source)) {
    let at = match.index + match[0].length;
    if (source[at] === "<") at = skipTypeArguments(source, at);
    if (source[at] !== "(") continue;
    at = skipSpace(source, at + 1);
    const quote = source[at];
    if (quote !== "`" && quote !== '"' && quote !== "'") continue;
    const literal = readLiteral(source, at);
    const snippet = source.slice(match.index, literal.end).replace(/\s+/g, " ").slice(0, 160);
    const unsafe = literal.interpolations.filter((expression) => !isAllowedInterpolation(expression.trim(), source));
    if (unsafe.length || source[skipSpace(source, literal.end)] === "+") offenders.push(snippet);
  }
  return offenders;
}

function isAllowedInterpolation(expression: string, source: string): boolean {
  if (/^\w+\.escapeIdentifier\([^)]*\)$/.test(expression)) return true;
  if (!/^[A-Z][A-Z0-9_]*$/.test(expression)) return false;
  const definition = new RegExp(`\\bconst ${expression}\\s*=\\s*`).exec(source);
  if (!definition) return false;
  const start = definition.index + definition[0].length;
  if (!"`\"'".includes(source[start] ?? "")) return false;
  const value = readLiteral(source, start);
  return value.interpolations.length === 0 && source[skipSpace(source, value.end)] === ";";
}

function skipSpace(source: string, at: number): number {
  while (at < source.length && /\s/.test(source[at]!)) at++;
  return at;
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
