import { json, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";

export const meta: MetaFunction = () => [{ title: "The floor" }];

/** A loader with no I/O and static markup: what any Remix 2 page costs before it does anything. */
export function loader() {
  return json({ heading: "Rooms where your team talks, and meets." });
}

const features = ["Rooms", "A calm feed", "Meet on video"];

export default function Index() {
  const { heading } = useLoaderData<typeof loader>();
  return (
    <main>
      <h1>{heading}</h1>
      <p>Each room has a feed of posts, a list of members you invite by email, and a live video meeting one click away.</p>
      <ul>
        {features.map((feature) => (
          <li key={feature}>{feature}</li>
        ))}
      </ul>
    </main>
  );
}
