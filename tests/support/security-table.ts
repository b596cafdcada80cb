import fs from "node:fs";
import path from "node:path";

/**
 * Reads the item → test table of `docs/security.md`: each row names test files (`x.test.ts`,
 * `x.spec.ts`, in backticks) and, after a file, the quoted titles of its tests. A title may leave
 * words out with `…` and name a nested test with ` › `.
 */
export interface SecurityRow {
  item: number;
  references: Array<{ file: string; title?: string }>;
}

export function securityRows(markdown: string): SecurityRow[] {
  return markdown
    .split("\n")
    .filter((line) => /^\|\s*\d+\s*\|/.test(line))
    .map((line) => {
      const [, item, , ...guard] = line.split("|");
      const references: SecurityRow["references"] = [];
      const reference = /`([^`]+\.(?:test|spec)\.ts)`|"([^"]+)"/g;
      let file: string | undefined;
      for (let match = reference.exec(guard.join("|")); match; match = reference.exec(guard.join("|"))) {
        if (match[1]) {
          file = match[1];
          references.push({ file });
        } else if (file) {
          references.push({ file, title: match[2]! });
        }
      }
      return { item: Number(item), references };
    });
}

/** The titles given to `it`, `test` and `describe` (with `.each`, `.skip` and the like) in a test's source. */
export function testTitles(source: string): string[] {
  const title =
    /\b(?:it|test|describe)(?:\.(?:each|for)\s*(?:\([\s\S]*?\)|`[\s\S]*?`))?(?:\.(?:skip|only|concurrent|serial|describe))*\(\s*(["'`])((?:\\.|(?!\1)[\s\S])*?)\1/g;
  const titles: string[] = [];
  for (let match = title.exec(source); match; match = title.exec(source)) titles.push(match[2]!.replace(/\\(.)/g, "$1"));
  return titles;
}

/** Whether a quoted title (with `…` gaps and ` › ` between nested names) names tests among these titles. */
export function namesATest(quoted: string, titles: string[]): boolean {
  return quoted.split(" › ").every((name) => {
    const parts = name
      .split("…")
      .map((part) => part.trim())
      .filter(Boolean);
    return (
      parts.length > 0 &&
      titles.some((title) => {
        let from = 0;
        for (const part of parts) {
          const at = title.indexOf(part, from);
          if (at < 0) return false;
          from = at + part.length;
        }
        return true;
      })
    );
  });
}

/** Every reference in the rows that names no existing test file, or a test title that file does not have. */
export function staleReferences(rows: SecurityRow[], testFiles: string[], read: (file: string) => string): string[] {
  const stale = new Set<string>();
  for (const { item, references } of rows) {
    for (const { file, title } of references) {
      const matches = testFiles.filter((candidate) => candidate === file || candidate.endsWith(`/${file}`));
      if (matches.length !== 1) {
        stale.add(`item ${item}: ${file} (${matches.length} files match)`);
        continue;
      }
      if (title !== undefined && !namesATest(title, testTitles(read(matches[0]!)))) stale.add(`item ${item}: ${file} "${title}"`);
    }
  }
  return [...stale];
}

/** The repository's test files, relative to its root. */
export function repositoryTestFiles(root = "."): string[] {
  const walk = (dir: string): string[] =>
    fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
      const relative = path.join(dir, entry.name);
      if (entry.isDirectory()) return ["node_modules", "build", ".git", ".data", ".cache"].includes(entry.name) ? [] : walk(relative);
      return /\.(test|spec)\.ts$/.test(entry.name) ? [relative] : [];
    });
  return ["app", "server", "tests", "bench", "scripts"].filter((dir) => fs.existsSync(path.join(root, dir))).flatMap(walk);
}
