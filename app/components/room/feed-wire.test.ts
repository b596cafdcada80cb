import { describe, expect, it } from "vitest";
import { packFeed, unpackFeed } from "./feed-wire";

const ann = { creatorId: "a1", authorName: "Ann" };
const bo = { creatorId: "b2", authorName: "Bo" };
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, s));

describe("the feed as the room page sends it", () => {
  const feed = {
    olderCursor: "cursor",
    posts: [
      { id: "p1", ...ann, message: "hello https://example.com", isDeleted: false, createdAt: at(1), mayDelete: true },
      { id: "p2", ...bo, message: "", isDeleted: true, createdAt: at(2), mayDelete: false },
      { id: "p3", ...ann, message: "again", isDeleted: false, createdAt: at(3), mayDelete: false },
    ],
  };

  it("names each author once and unpacks to the posts the feed shows", () => {
    const packed = packFeed(feed);
    expect(packed.authors).toEqual([
      ["a1", "Ann"],
      ["b2", "Bo"],
    ]);
    expect(unpackFeed(JSON.parse(JSON.stringify(packed)))).toEqual(
      feed.posts.map((post) => ({ ...post, kind: "post", meeting: null, createdAt: post.createdAt.toISOString() })),
    );
    expect(packed.olderCursor).toBe("cursor");
  });

  it("carries Parley's meeting entries with their meeting, without an author", () => {
    const meeting = { startedAt: at(10), endedAt: at(70), attendees: ["Ann", "Bo"] };
    const entries = [
      {
        id: "m1",
        kind: "meeting_started" as const,
        creatorId: null,
        authorName: "",
        message: "",
        isDeleted: false,
        createdAt: at(10),
        mayDelete: false,
        meeting,
      },
      {
        id: "m2",
        kind: "meeting_ended" as const,
        creatorId: null,
        authorName: "",
        message: "",
        isDeleted: false,
        createdAt: at(70),
        mayDelete: false,
        meeting,
      },
    ];
    const packed = packFeed({ olderCursor: null, posts: [feed.posts[0]!, ...entries] });
    expect(packed.authors).toEqual([["a1", "Ann"]]);
    const wire = { startedAt: at(10).toISOString(), endedAt: at(70).toISOString(), attendees: ["Ann", "Bo"] };
    expect(unpackFeed(JSON.parse(JSON.stringify(packed))).slice(1)).toEqual(
      entries.map((entry) => ({ ...entry, createdAt: entry.createdAt.toISOString(), meeting: wire })),
    );
  });
});
