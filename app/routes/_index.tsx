import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { buttonClass } from "~/components/ui/button";
import { getSession } from "~/utils/session.server";

export const meta: MetaFunction = () => [
  { title: "Parley · rooms where your team talks and meets" },
  { name: "description", content: "Rooms with a shared feed, a member list and a live video meeting." },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getSession(request, context)) throw redirect("/home");
  return null;
}

const features = [
  { title: "Rooms", body: "One place per team or topic, with the people who belong in it." },
  { title: "A calm feed", body: "Posts that stay put, newest at the bottom, readable by anyone in the room." },
  { title: "Meet on video", body: "Join the room's meeting from the browser, with a camera check first." },
];

export default function Landing() {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="mx-auto flex w-full max-w-5xl items-center justify-between px-6 py-5">
        <span className="text-lg font-bold tracking-tight text-brand-700">Parley</span>
        <nav aria-label="Account">
          <ul className="flex items-center gap-3">
            <li>
              <Link to="/auth/signin" className={buttonClass("ghost")}>
                Sign in
              </Link>
            </li>
            <li>
              <Link to="/auth/signup" className={buttonClass("primary")}>
                Sign up
              </Link>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-6 pb-20 pt-12 sm:pt-20">
        <h1 className="max-w-2xl text-4xl font-semibold tracking-tight sm:text-5xl">Rooms where your team talks, and meets.</h1>
        <p className="mt-6 max-w-xl text-lg text-slate-700">
          Each room has a feed of posts, a list of members you invite by email, and a live video meeting one click away.
        </p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Link to="/auth/signup" className={buttonClass("primary", "px-6 py-3 text-base")}>
            Create your account
          </Link>
          <Link to="/auth/signin" className={buttonClass("secondary", "px-6 py-3 text-base")}>
            I already have one
          </Link>
        </div>
        <h2 className="sr-only">What Parley does</h2>
        <ul className="mt-16 grid gap-6 sm:grid-cols-3">
          {features.map((feature) => (
            <li key={feature.title} className="rounded-xl border border-slate-200 bg-white p-6">
              <h3 className="font-semibold">{feature.title}</h3>
              <p className="mt-2 text-slate-700">{feature.body}</p>
            </li>
          ))}
        </ul>
      </main>
    </div>
  );
}
