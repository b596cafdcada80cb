import { Form, Link } from "@remix-run/react";
import { useMembersDrawer } from "./use-members-drawer";

export interface MemberRow {
  id: string;
  userId: string | null;
  email: string;
  name: string;
  role: string;
  inviteStatus: "pending" | "accepted" | "expired" | "revoked" | null;
  deliveryStatus: "queued" | "sent" | "failed" | null;
  inMeeting: boolean;
  mayRemove: boolean;
  mayResendInvite: boolean;
  mayShareInviteLink: boolean;
  maySetRole: boolean;
  mayRemoveFromMeeting: boolean;
}

function statusOf(member: MemberRow) {
  if (member.userId) return member.role === "owner" ? "Owner" : "Joined";
  if (member.inviteStatus === "expired") return "Invite expired";
  return "Invited";
}

const deliveryLabels = { queued: "email queued", sent: "email sent", failed: "email failed" } as const;
const roleLabels: Record<string, string> = { owner: "Owner", moderator: "Moderator", participant: "Member" };

// Small text buttons still get a 24 px target (WCAG 2.5.8).
const actionClass = "inline-flex min-h-6 items-center text-xs underline";

/** One of the panel's buttons: a plain form to the room page's action, with the member's id. */
function MemberButton({
  roomId,
  member,
  intent,
  children,
  extra,
}: {
  roomId: string;
  member: MemberRow;
  intent: string;
  children: React.ReactNode;
  extra?: { name: string; value: string };
}) {
  return (
    <Form method="post" action={`/room/${roomId}?members=open`}>
      <input type="hidden" name="participantId" value={member.id} />
      {extra ? <input type="hidden" name={extra.name} value={extra.value} /> : null}
      <button type="submit" name="intent" value={intent} className={`${actionClass} text-brand-700`}>
        <span>
          {children}
          <span className="sr-only">: {member.name}</span>
        </span>
      </button>
    </Form>
  );
}

/**
 * Everyone in the room, their role and invitation, and what the viewer may do to each. A right
 * sidebar on wide screens; on narrow ones it covers the feed (a modal drawer with JavaScript,
 * the page's own section without), with a Close link.
 */
export function MembersPanel({
  roomId,
  members,
  mayAddMembers,
  mayHandOver,
  closeHref,
}: {
  roomId: string;
  members: MemberRow[];
  mayAddMembers: boolean;
  mayHandOver: boolean;
  closeHref: string;
}) {
  const { panelRef, modal } = useMembersDrawer(closeHref);
  return (
    // A div, because an aside may not be a dialog; it is the complementary sidebar when not one.
    <div
      id="members-panel"
      ref={panelRef}
      role={modal ? "dialog" : "complementary"}
      aria-modal={modal || undefined}
      aria-labelledby="members-heading"
      className="fixed inset-0 z-30 overflow-y-auto bg-white p-4 md:static md:z-auto md:w-80 md:shrink-0 md:border-l md:border-slate-200 md:bg-transparent md:py-4 md:pl-4 md:pr-0"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="members-heading" tabIndex={-1} className="text-lg font-semibold">
          Members <span className="text-sm font-normal text-slate-600">({members.length})</span>
        </h2>
        <div className="flex items-center gap-3">
          {mayAddMembers ? (
            <Link
              to={`/room/${roomId}/members/new`}
              className="inline-flex min-h-6 items-center text-sm font-medium text-brand-700 underline"
            >
              Add participants
            </Link>
          ) : null}
          {mayHandOver ? (
            <Link
              to={`/room/${roomId}/hand-over`}
              className="inline-flex min-h-6 items-center text-sm font-medium text-brand-700 underline"
            >
              Hand over
            </Link>
          ) : null}
          <Link
            to={closeHref}
            preventScrollReset
            className="inline-flex min-h-[2.75rem] items-center rounded-md border border-slate-300 px-3 text-sm font-semibold md:hidden"
          >
            Close<span className="sr-only"> members</span>
          </Link>
        </div>
      </div>
      <table className="mt-3 w-full text-left text-sm">
        <caption className="sr-only">People in this room, with their role and invitation status</caption>
        <thead className="text-xs text-slate-600">
          <tr>
            <th scope="col" className="pb-2 pr-2 font-medium">
              Person
            </th>
            <th scope="col" className="pb-2 font-medium">
              Status
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.id} id={member.userId ? `member-${member.userId}` : undefined} className="border-t border-slate-100 align-top">
              <td className="py-2 pr-2">
                <span className="block font-medium">{member.name}</span>
                <span className="block break-all text-xs text-slate-600">{member.email}</span>
                <span className="block text-xs text-slate-600">{roleLabels[member.role] ?? member.role}</span>
                {member.maySetRole ? (
                  member.role === "moderator" ? (
                    <MemberButton roomId={roomId} member={member} intent="set-role" extra={{ name: "role", value: "participant" }}>
                      Make member
                    </MemberButton>
                  ) : (
                    <MemberButton roomId={roomId} member={member} intent="set-role" extra={{ name: "role", value: "moderator" }}>
                      Make moderator
                    </MemberButton>
                  )
                ) : null}
              </td>
              <td className="py-2">
                <span className="block">{statusOf(member)}</span>
                {member.inMeeting ? (
                  <span className="mt-0.5 inline-flex items-center gap-1 text-xs font-medium text-emerald-800">
                    <span aria-hidden="true" className="h-2 w-2 rounded-full bg-emerald-500" />
                    In the meeting
                  </span>
                ) : null}
                {member.mayRemoveFromMeeting ? (
                  <MemberButton roomId={roomId} member={member} intent="remove-from-meeting">
                    Remove from meeting
                  </MemberButton>
                ) : null}
                {!member.userId && member.deliveryStatus ? (
                  <span className={`block text-xs ${member.deliveryStatus === "failed" ? "text-red-700" : "text-slate-600"}`}>
                    {deliveryLabels[member.deliveryStatus]}
                  </span>
                ) : null}
                {member.mayResendInvite ? (
                  <MemberButton roomId={roomId} member={member} intent="resend-invite">
                    Resend invite
                  </MemberButton>
                ) : null}
                {member.mayShareInviteLink ? (
                  <Link to={`/room/${roomId}/members/${member.id}/link`} className={`${actionClass} text-brand-700`}>
                    <span>
                      Get invitation link<span className="sr-only">: {member.name}</span>
                    </span>
                  </Link>
                ) : null}
                {member.mayRemove ? (
                  <details className="mt-1">
                    <summary className={`${actionClass} cursor-pointer text-red-700`}>
                      <span>
                        Remove<span className="sr-only">: {member.name}</span>
                      </span>
                    </summary>
                    <Form method="post" action={`/room/${roomId}?members=open`} className="mt-1">
                      <input type="hidden" name="participantId" value={member.id} />
                      <button
                        type="submit"
                        name="intent"
                        value="remove-participant"
                        className="min-h-6 rounded bg-red-700 px-2 py-1 text-xs font-semibold text-white"
                      >
                        Yes, remove {member.name}
                      </button>
                    </Form>
                  </details>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
