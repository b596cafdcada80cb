import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { REACTION_EMOJI } from "../../server/schemas/reaction-emoji";
import { Modal } from "~/components/ui/modal";
import { requireUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "React · Parley" }];

/** The six reactions as a page, for a browser without JavaScript (with it the feed shows them in place). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { room } = await context.services.rooms.getForMember(user.id, params.roomId);
  return json({ roomId: room.id, postId: params.postId! });
}

export default function ReactPage() {
  const { roomId, postId } = useLoaderData<typeof loader>();
  return (
    <Modal title="Add a reaction" closeTo={`/room/${roomId}#post-${postId}`}>
      <Form method="post" action={`/room/${roomId}`} className="flex flex-wrap gap-2">
        <input type="hidden" name="intent" value="react" />
        {REACTION_EMOJI.map((emoji) => (
          <button
            key={emoji}
            type="submit"
            name="reaction"
            value={`${postId} ${emoji}`}
            aria-label={`React with ${emoji}`}
            className="rounded-full border border-slate-300 bg-white px-3 py-1 text-lg"
          >
            {emoji}
          </button>
        ))}
      </Form>
    </Modal>
  );
}
