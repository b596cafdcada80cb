import type { benchPageLoad } from "./page-load";
import type { measurePageWeight } from "./page-weight";

type PageLoad = Awaited<ReturnType<typeof benchPageLoad>>;

/** Issue 13's targets, each with the floor's figure of the same run beside the page's. */
export function targetsTable(pageLoad: PageLoad, pageWeight: ReturnType<typeof measurePageWeight>) {
  const [floor, landing, room, home] = pageLoad.throughput;
  if (!floor || !landing || !room || !home) throw new Error("page load rows missing");
  const roomDocument = pageLoad.documents.find((d) => d.page === room.page)!;
  const roomJs = pageWeight.find((row) => row.page === "room")!;
  const queries = pageLoad.queries.map((row) => row["SQL queries"]);
  const scale = Object.values(pageLoad.scale)[2] as number;
  const floorRps = `${floor["req/s (median)"]} req/s`;
  const row = (target: string, floorFigure: string, measured: string, met: boolean) => ({ target, floor: floorFigure, measured, met });
  return [
    row(
      "landing ≥ 90 % of the floor's req/s",
      floorRps,
      `${landing["% of floor"]} % (${landing["% of floor spread"]})`,
      landing["% of floor"] >= 90,
    ),
    row("room (50 posts, 20 members) ≥ 60 %", floorRps, `${room["% of floor"]} % (${room["% of floor spread"]})`, room["% of floor"] >= 60),
    row(
      "room p99 ≤ 2× the floor's p99",
      `p99 ${floor["p99 ms"]} ms`,
      `${room["p99 ms"]} ms = ${room["p99 ÷ floor p99"]}×`,
      room["p99 ÷ floor p99"] <= 2,
    ),
    row("room: 0 errors", `${floor.errors} errors`, `${room.errors} errors`, room.errors === 0),
    row("/home with 200 rooms ≥ 60 %", floorRps, `${home["% of floor"]} % (${home["% of floor spread"]})`, home["% of floor"] >= 60),
    row(
      "room document ≤ 30 KB",
      "—",
      `${roomDocument["document KB"]} KB (${roomDocument["document KB gzip"]} KB gzip)`,
      roomDocument["document KB"] <= 30,
    ),
    row("≤ 4 queries per page", "0", `at most ${Math.max(...queries)}`, Math.max(...queries) <= 4),
    row("room 1 M vs 1 k posts ≤ 1.3×", "—", `${scale}×`, scale <= 1.3),
    row("room JS ≤ 100 KB gzip", "—", `${roomJs["JS KB gzip"]} KB`, roomJs["JS KB gzip"] <= 100),
  ];
}
