import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { PostSchema } from "../../server/schemas/rooms";
import type { Post } from "../../server/services/posts";
import { api, methodNotAllowed, readJson, readQuery, requireApiSession, respond } from "~/api/http.server";
import { PostListOut, PostListQuery, PostOut } from "~/api/schemas";

const postOut = (post: Post) => ({ ...post, authorId: post.creatorId });

/** GET /api/rooms/{roomId}/posts: newest page first; `before` (a cursor) pages back by keyset, `limit` ≤ 100. */
export const loader = ({ request, params, context }: LoaderFunctionArgs) =>
  api(async () => {
    const { user } = await requireApiSession(request, context);
    const query = readQuery(request, PostListQuery);
    const page = await context.services.posts.page(user.id, params.roomId, query);
    return respond(PostListOut, { posts: page.posts.map(postOut), olderCursor: page.olderCursor });
  });

/** POST /api/rooms/{roomId}/posts: a message (1–4,000 characters) from the caller. */
export const action = ({ request, params, context }: ActionFunctionArgs) =>
  api(async () => {
    if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
    const { user } = await requireApiSession(request, context);
    const input = await readJson(request, PostSchema);
    return respond(PostOut, postOut(await context.services.posts.create(user.id, params.roomId!, input)), 201);
  });
