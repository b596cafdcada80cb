import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { methodNotAllowed, readJson, readQuery, requireApiSession, respond, respondList } from "~/api/http.server";
import { PostBody, PostListOut, PostListQuery, PostOut } from "~/api/schemas";
import { postOut } from "~/api/serialize";

/** GET /api/rooms/{roomId}/posts: newest first, `limit` ≤ 100, `q` to search; older pages by the Link header (keyset). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = await requireApiSession(request, context);
  const { q, cursor, limit } = readQuery(request, PostListQuery);
  if (q) {
    const found = await context.services.postSearch.search(user.id, params.roomId, { q, before: cursor, limit });
    return respondList(PostListOut, found.posts.map(postOut), { request, appUrl: context.appUrl, next: found.olderCursor });
  }
  const page = await context.services.posts.page(user.id, params.roomId, { before: cursor, limit });
  return respondList(PostListOut, page.posts.map(postOut).reverse(), { request, appUrl: context.appUrl, next: page.olderCursor });
}

/** POST /api/rooms/{roomId}/posts: a message (1–5,000 characters) from the caller. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
  const { user } = await requireApiSession(request, context);
  const input = await readJson(request, PostBody);
  return respond(PostOut, postOut(await context.services.posts.create(user.id, params.roomId!, input)), 201);
}
