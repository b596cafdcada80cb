import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repositoryTestFiles, securityRows, staleReferences } from "../support/security-table";

// docs/security.md maps each of SECURITY.md's 63 items to the tests that guard it; a renamed or
// deleted test must not leave a row pointing at nothing.
const root = path.resolve(__dirname, "../..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");

describe("docs/security.md", () => {
  it("has one row for each of the 63 items, each naming at least one test file and test", () => {
    const rows = securityRows(read("docs/security.md"));
    expect(rows.map((row) => row.item)).toEqual(Array.from({ length: 63 }, (_, i) => i + 1));
    for (const row of rows) {
      expect(
        row.references.some((reference) => reference.title),
        `item ${row.item}`,
      ).toBe(true);
    }
  });

  it("names only test files that exist, and only test titles those files have", () => {
    const rows = securityRows(read("docs/security.md"));
    expect(staleReferences(rows, repositoryTestFiles(root), read)).toEqual([]);
  });

  it("the check reports a missing file, a renamed test and a title in the wrong file", () => {
    const files = ["tests/integration/a-http.test.ts", "server/services/b.test.ts"];
    const sources: Record<string, string> = {
      "tests/integration/a-http.test.ts": 'describe("outer", () => { it("keeps the door shut, always", () => {}); });',
      "server/services/b.test.ts": 'it.each([1, 2])("counts %s", () => {});',
    };
    const table = [
      '| 1 | fine | int `a-http.test.ts` "keeps the door … always", "outer › keeps the door shut"; `b.test.ts` "counts %s" |',
      '| 2 | gone | int `c-http.test.ts` "anything" |',
      '| 3 | renamed | int `a-http.test.ts` "keeps the window shut" |',
      '| 4 | misplaced | `b.test.ts` "keeps the door shut, always" |',
    ].join("\n");
    expect(staleReferences(securityRows(table), files, (file) => sources[file]!)).toEqual([
      "item 2: c-http.test.ts (0 files match)",
      'item 3: a-http.test.ts "keeps the window shut"',
      'item 4: b.test.ts "keeps the door shut, always"',
    ]);
  });
});
