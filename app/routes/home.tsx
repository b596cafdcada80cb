import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AppHeader } from "~/components/layout/app-header";
import { requireUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Home · Parley" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return json({ user });
}

export default function Home() {
  const { user } = useLoaderData<typeof loader>();
  return (
    <>
      <AppHeader user={user} />
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-10">
        <h1 className="text-2xl font-semibold tracking-tight">Hello, {user.name}</h1>
        <p className="mt-2 text-slate-700">
          You are signed in as <span className="font-medium">@{user.username}</span>. Your rooms will appear here.
        </p>
      </main>
    </>
  );
}
