import { Form, Link } from "@remix-run/react";

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
}

function statusOf(member: MemberRow) {
  if (member.userId) return member.role === "owner" ? "Owner" : "Joined";
  if (member.inviteStatus === "expired") return "Invite expired";
  return "Invited";
}

const deliveryLabels = { queued: "email queued", sent: "email sent", failed: "email failed" } as const;

/** The right sidebar: everyone in the room, their invitation, and remove and resend where the viewer may. */
export function MembersPanel({ roomId, members, mayAddMembers }: { roomId: string; members: MemberRow[]; mayAddMembers: boolean }) {
  return (
    <aside
      id="members-panel"
      aria-labelledby="members-heading"
      className="w-80 shrink-0 overflow-y-auto border-l border-slate-200 py-4 pl-4"
    >
      <div className="flex items-center justify-between gap-2">
        <h2 id="members-heading" className="text-lg font-semibold">
          Members <span className="text-sm font-normal text-slate-600">({members.length})</span>
        </h2>
        {mayAddMembers ? (
          <Link to={`/room/${roomId}/members/new`} className="text-sm font-medium text-brand-700 underline">
            Add participants
          </Link>
        ) : null}
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
            <tr key={member.id} className="border-t border-slate-100 align-top">
              <td className="py-2 pr-2">
                <span className="block font-medium">{member.name}</span>
                <span className="block break-all text-xs text-slate-600">{member.email}</span>
                <span className="block text-xs capitalize text-slate-600">{member.role}</span>
              </td>
              <td className="py-2">
                <span className="block">{statusOf(member)}</span>
                {member.inMeeting ? (
                  <span className="mt-0.5 inline-flex items-center gap-1 text-xs font-medium text-emerald-800">
                    <span aria-hidden="true" className="h-2 w-2 rounded-full bg-emerald-500" />
                    In the meeting
                  </span>
                ) : null}
                {!member.userId && member.deliveryStatus ? (
                  <span className={`block text-xs ${member.deliveryStatus === "failed" ? "text-red-700" : "text-slate-600"}`}>
                    {deliveryLabels[member.deliveryStatus]}
                  </span>
                ) : null}
                {member.mayResendInvite ? (
                  <Form method="post" action={`/room/${roomId}?members=open`}>
                    <input type="hidden" name="participantId" value={member.id} />
                    <button type="submit" name="intent" value="resend-invite" className="text-xs text-brand-700 underline">
                      Resend invite<span className="sr-only">: {member.name}</span>
                    </button>
                  </Form>
                ) : null}
                {member.mayRemove ? (
                  <details className="mt-1">
                    <summary className="cursor-pointer text-xs text-red-700 underline">
                      Remove<span className="sr-only">: {member.name}</span>
                    </summary>
                    <Form method="post" action={`/room/${roomId}?members=open`} className="mt-1">
                      <input type="hidden" name="participantId" value={member.id} />
                      <button
                        type="submit"
                        name="intent"
                        value="remove-participant"
                        className="rounded bg-red-700 px-2 py-1 text-xs font-semibold text-white"
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
    </aside>
  );
}
