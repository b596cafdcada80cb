import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { PostEditForm } from "~/components/room/post-edit-form";
import { Modal } from "~/components/ui/modal";
import { readForm } from "~/utils/forms.server";
import { parsePostForm } from "~/utils/room-forms.server";
import { replyWithServiceError } from "~/utils/service-errors.server";
import { requireUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Edit message · Parley" }];

/** Editing one's own post: a page without JavaScript; with it the feed edits in place and posts here. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const post = await context.services.posts.getOwn(user.id, params.roomId!, params.postId!);
  return json({ roomId: post.roomId, post: { id: post.id, message: post.message } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const formData = await readForm(request, context);
  const submission = parsePostForm(formData);
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  try {
    const post = await context.services.posts.edit(user.id, params.roomId!, params.postId!, submission.value);
    if (formData.get("via") === "fetch") return json({ result: submission.reply(), saved: true });
    return redirect(`/room/${post.roomId}#post-${post.id}`);
  } catch (error) {
    return replyWithServiceError(submission, error);
  }
}

export default function EditPostPage() {
  const { roomId, post } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const backTo = `/room/${roomId}#post-${post.id}`;
  return (
    <Modal title="Edit message" closeTo={backTo}>
      <PostEditForm roomId={roomId} postId={post.id} message={post.message} reply={reply} cancelTo={backTo} />
    </Modal>
  );
}
