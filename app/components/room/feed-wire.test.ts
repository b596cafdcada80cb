import { describe, expect, it } from "vitest";
import { newDocumentOnlyData } from "~/utils/document-only";
import { messageTree } from "~/utils/message-tree.server";
import { packFeed, unpackFeed } from "./feed-wire";

const ann = { creatorId: "a1", authorName: "Ann" };
const bo = { creatorId: "b2", authorName: "Bo" };
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, s));
const plain = { mayDelete: false, mayEdit: false, editedAt: null, reactions: [], mentions: [] };

describe("the feed as the room page sends it", () => {
  const feed = {
    olderCursor: "cursor",
    posts: [
      { id: "p1", ...ann, message: "hello https://example.com", isDeleted: false, createdAt: at(1), ...plain, mayDelete: true },
      { id: "p2", ...bo, message: "", isDeleted: true, createdAt: at(2), ...plain },
      { id: "p3", ...ann, message: "again", isDeleted: false, createdAt: at(3), ...plain },
    ],
  };
  const unpacked = <T extends { message: string; createdAt: Date; editedAt: Date | null }>(post: T) => ({
    ...post,
    // The words arrive formatted; `message` keeps them as text.
    body: messageTree(post.message),
    kind: "post",
    meeting: null,
    createdAt: post.createdAt.toISOString(),
    editedAt: post.editedAt?.toISOString() ?? null,
  });

  it("sends each post's words formatted, not as typed", () => {
    const [post] = packFeed({ olderCursor: null, posts: [{ ...feed.posts[0]!, message: "*hi*" }] }).posts;
    expect(post![2]).toEqual([["p", ["strong", "hi"]]]);
  });

  it("leaves a whole page's words out of the data, for its render only (the browser reads them from the markup)", () => {
    const document = newDocumentOnlyData();
    const packed = packFeed(feed, undefined, document);
    expect(packed.posts.map((post) => post[2])).toEqual([null, null, null]);
    expect(JSON.stringify(packed)).not.toContain("hello");
    expect(document.postBodies.get("p1")).toEqual(messageTree("hello https://example.com"));
    expect(
      unpackFeed(JSON.parse(JSON.stringify(packed))).map(({ message, body, bodyInDocument }) => ({ message, body, bodyInDocument })),
    ).toEqual(feed.posts.map(() => ({ message: "", body: undefined, bodyInDocument: true })));
  });

  it("names each author once and unpacks to the posts the feed shows", () => {
    const packed = packFeed(feed);
    expect(packed.authors).toEqual([
      ["a1", "Ann"],
      ["b2", "Bo"],
    ]);
    expect(unpackFeed(JSON.parse(JSON.stringify(packed)))).toEqual(feed.posts.map(unpacked));
    expect(packed.olderCursor).toBe("cursor");
  });

  it("carries who may edit, when a post was edited and its reactions, each only where there is one", () => {
    const reactions = [
      { emoji: "👍", count: 3, mine: true },
      { emoji: "🎉", count: 1, mine: false },
    ];
    const posts = [
      { id: "p1", ...ann, message: "edited", isDeleted: false, createdAt: at(1), ...plain, mayEdit: true, editedAt: at(5) },
      { id: "p2", ...bo, message: "liked", isDeleted: false, createdAt: at(2), ...plain, reactions },
      { id: "p3", ...ann, message: "both", isDeleted: false, createdAt: at(3), ...plain, mayEdit: true, editedAt: at(6), reactions },
      { id: "p4", ...bo, message: "neither", isDeleted: false, createdAt: at(4), ...plain },
    ];
    const packed = packFeed({ olderCursor: null, posts });
    expect(packed.posts.map((post) => post.length)).toEqual([6, 7, 7, 5]);
    expect(unpackFeed(JSON.parse(JSON.stringify(packed)))).toEqual(posts.map(unpacked));
  });

  it("carries whom each post names, each member once for the page, and nothing when a post names nobody", () => {
    const bob = { userId: "u-bob", username: "Bob" };
    const cy = { userId: "u-cy", username: "cy" };
    const posts = [
      { id: "p1", ...ann, message: "@Bob @cy", isDeleted: false, createdAt: at(1), ...plain, mentions: [bob, cy] },
      { id: "p2", ...bo, message: "@cy", isDeleted: false, createdAt: at(2), ...plain, mentions: [cy] },
      { id: "p3", ...bo, message: "nobody", isDeleted: false, createdAt: at(3), ...plain },
    ];
    const packed = packFeed({ olderCursor: null, posts });
    expect(packed.mentioned).toEqual([
      ["u-bob", "Bob"],
      ["u-cy", "cy"],
    ]);
    expect(packed.posts.map((post) => post.length)).toEqual([8, 8, 5]);
    expect(unpackFeed(JSON.parse(JSON.stringify(packed)))).toEqual(posts.map(unpacked));
    expect(packFeed({ olderCursor: null, posts: [posts[2]!] })).not.toHaveProperty("mentioned");
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
        ...plain,
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
        ...plain,
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
