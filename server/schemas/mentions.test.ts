import { describe, expect, it } from "vitest";
import { mentionedNames, splitMentions } from "./mentions";

describe("mentionedNames", () => {
  it("finds @usernames in ordinary text, lower-cased, each once", () => {
    expect(mentionedNames("@Bob look at this, @ada and @bob again")).toEqual(["bob", "ada"]);
  });

  it("reads formatted text, lists and quotes, and stops a name at a trailing dot", () => {
    expect(mentionedNames("**@ann** and _@cyd_\n- item for @dee.\n> quoted @eve")).toEqual(["ann", "cyd", "dee", "eve"]);
  });

  it("ignores code spans and fenced code blocks", () => {
    expect(mentionedNames("run `@bob` now\n\n```\n@carol\n```\n")).toEqual([]);
  });

  it("ignores email addresses and links", () => {
    expect(mentionedNames("write to ann@example.com or a@b.c, see [@bob](https://x.test) and https://x.test/@carol")).toEqual([]);
  });

  it("ignores names too short or too long for a username", () => {
    expect(mentionedNames(`@ab @${"x".repeat(51)} @abc`)).toEqual(["abc"]);
  });

  it("keeps names with underscores, dots and hyphens whole", () => {
    expect(mentionedNames("@bob_smith and @a.b-c")).toEqual(["bob_smith", "a.b-c"]);
  });
});

describe("splitMentions", () => {
  it("splits text into plain runs and mentions as typed", () => {
    expect(splitMentions("hi @Bob.")).toEqual(["hi ", { mention: "bob", text: "@Bob" }, "."]);
  });
});
