import { expect, it } from "vitest";
import { describeRepositoryContract } from "../support/repository-contract";

const at = (second: number) => new Date(Date.UTC(2026, 1, 3, 4, 5, second));

describeRepositoryContract("posts repository", (world) => {
  it("stores a post under its author's name and finds it in its own room only", async () => {
    const w = world();
    const author = await w.newUser("Ada Author");
    const room = await w.newRoom({ ownerId: author.id });
    const post = await w.posts.create({ roomId: room.id, creatorId: author.id, message: "Hello", createdAt: at(1) });
    expect(post).toMatchObject({
      roomId: room.id,
      creatorId: author.id,
      authorName: "Ada Author",
      message: "Hello",
      isDeleted: false,
      createdAt: at(1),
    });
    expect(await w.posts.findInRoom(room.id, post.id)).toEqual(post);
    expect(await w.posts.findInRoom((await w.newRoom()).id, post.id)).toBeNull();
  });

  it("pages newest first, strictly before a (created_at, id) cursor, in one room", async () => {
    const w = world();
    const author = await w.newUser();
    const room = await w.newRoom({ ownerId: author.id });
    const other = await w.newRoom({ ownerId: author.id });
    const create = (roomId: string, message: string, second: number) =>
      w.posts.create({ roomId, creatorId: author.id, message, createdAt: at(second) });
    await create(room.id, "first", 1);
    const tiedA = await create(room.id, "tied a", 2);
    const tiedB = await create(room.id, "tied b", 2);
    await create(room.id, "last", 3);
    await create(other.id, "elsewhere", 4);

    const page = await w.posts.pageBefore(room.id, undefined, 3);
    const [newerTie, olderTie] = tiedA.id > tiedB.id ? [tiedA, tiedB] : [tiedB, tiedA];
    expect(page.map((p) => p.message)).toEqual(["last", newerTie.message, olderTie.message]);
    const rest = await w.posts.pageBefore(room.id, { createdAt: newerTie.createdAt, id: newerTie.id }, 10);
    expect(rest.map((p) => p.message)).toEqual([olderTie.message, "first"]);
  });

  it("soft-deletes: the post keeps its place and loses its words", async () => {
    const w = world();
    const author = await w.newUser();
    const room = await w.newRoom({ ownerId: author.id });
    const kept = await w.posts.create({ roomId: room.id, creatorId: author.id, message: "kept", createdAt: at(1) });
    const gone = await w.posts.create({ roomId: room.id, creatorId: author.id, message: "secret", createdAt: at(2) });
    await w.transaction((tx) => w.posts.softDelete(gone.id, at(3), tx));

    expect(await w.posts.findInRoom(room.id, gone.id)).toMatchObject({ message: "", isDeleted: true });
    const page = await w.posts.pageBefore(room.id, undefined, 10);
    expect(page.map((p) => [p.id, p.message, p.isDeleted])).toEqual([
      [gone.id, "", true],
      [kept.id, "kept", false],
    ]);
  });
});
