export interface MemberRow {
  id: string;
  userId: string | null;
  email: string;
  name: string;
  role: string;
}

/** The right sidebar: everyone in the room. */
export function MembersPanel({ members }: { members: MemberRow[] }) {
  return (
    <aside id="members-panel" aria-labelledby="members-heading" className="w-80 shrink-0 overflow-y-auto border-l border-slate-200 py-4 pl-4">
      <h2 id="members-heading" className="text-lg font-semibold">
        Members <span className="text-sm font-normal text-slate-600">({members.length})</span>
      </h2>
      <table className="mt-3 w-full text-left text-sm">
        <caption className="sr-only">People in this room, with their role and invitation status</caption>
        <thead className="text-xs text-slate-600">
          <tr>
            <th scope="col" className="pb-2 pr-2 font-medium">
              Name
            </th>
            <th scope="col" className="pb-2 pr-2 font-medium">
              Role
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
              </td>
              <td className="py-2 pr-2 capitalize">{member.role}</td>
              <td className="py-2">{member.userId ? "Accepted" : "Invited"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </aside>
  );
}
