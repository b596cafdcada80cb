import { expect, it } from "vitest";
import { describeRepositoryContract, type RepositoryWorld } from "../support/repository-contract";

const at = (second: number) => new Date(Date.UTC(2026, 1, 3, 4, 5, second));

async function roomWith(w: RepositoryWorld, messages: string[]) {
  const author = await w.newUser();
  const room = await w.newRoom({ ownerId: author.id });
  const posts = [];
  for (const [index, message] of messages.entries()) {
    posts.push(await w.posts.create({ roomId: room.id, creatorId: author.id, message, createdAt: at(index + 1) }));
  }
  return { author, room, posts };
}

const messagesOf = (posts: Array<{ message: string }>) => posts.map((p) => p.message);

describeRepositoryContract("posts repository: search and the page through a post", (world) => {
  it("finds posts holding every word, in any case and order, newest first, in this room only", async () => {
    const w = world();
    const { room, author } = await roomWith(w, ["Launch plan for Friday", "the PLAN is ready", "friday drinks", "plan B, friday"]);
    await w.posts.create({
      roomId: (await w.newRoom({ ownerId: author.id })).id,
      creatorId: author.id,
      message: "plan friday",
      createdAt: at(9),
    });

    expect(messagesOf(await w.posts.search(room.id, ["plan"], undefined, 10))).toEqual([
      "plan B, friday",
      "the PLAN is ready",
      "Launch plan for Friday",
    ]);
    expect(messagesOf(await w.posts.search(room.id, ["FRIDAY", "plan"], undefined, 10))).toEqual([
      "plan B, friday",
      "Launch plan for Friday",
    ]);
    expect(await w.posts.search(room.id, ["plan", "nowhere"], undefined, 10)).toEqual([]);
  });

  it("takes %, _ and \\ literally", async () => {
    const w = world();
    const { room } = await roomWith(w, ["100% sure", "100 percent", "snake_case", "snakeXcase", "C:\\temp", "C:temp"]);
    expect(messagesOf(await w.posts.search(room.id, ["100%"], undefined, 10))).toEqual(["100% sure"]);
    expect(messagesOf(await w.posts.search(room.id, ["e_c"], undefined, 10))).toEqual(["snake_case"]);
    expect(messagesOf(await w.posts.search(room.id, [":\\t"], undefined, 10))).toEqual(["C:\\temp"]);
    expect(await w.posts.search(room.id, ["%"], undefined, 10)).toHaveLength(1);
  });

  it("leaves deleted posts out", async () => {
    const w = world();
    const { room, posts } = await roomWith(w, ["secret plan", "open plan"]);
    await w.transaction((tx) => w.posts.softDelete(posts[0]!.id, at(30), tx));
    expect(messagesOf(await w.posts.search(room.id, ["plan"], undefined, 10))).toEqual(["open plan"]);
  });

  it("pages by keyset: strictly older than the cursor", async () => {
    const w = world();
    const { room } = await roomWith(w, ["match 1", "other", "match 2", "match 3", "match 4"]);
    const first = await w.posts.search(room.id, ["match"], undefined, 2);
    expect(messagesOf(first)).toEqual(["match 4", "match 3"]);
    const last = first[first.length - 1]!;
    const rest = await w.posts.search(room.id, ["match"], { createdAt: last.createdAt, id: last.id }, 10);
    expect(messagesOf(rest)).toEqual(["match 2", "match 1"]);
  });

  it("the feed page through a post ends with it, older ones after it; empty for a post of another room, older ones after it; empty for a post of another room", async () => {
    const w = world();
    const { room, author, posts } = await roomWith(w, ["one", "two", "three", "four", "five"]);
    expect(messagesOf(await w.posts.pageThrough(room.id, posts[2]!.id, 2))).toEqual(["three", "two"]);
    expect(messagesOf(await w.posts.pageThrough(room.id, posts[4]!.id, 10))).toEqual(["five", "four", "three", "two", "one"]);
    const other = await w.newRoom({ ownerId: author.id });
    expect(await w.posts.pageThrough(other.id, posts[2]!.id, 10)).toEqual([]);
  });
});
