import bcrypt from "bcryptjs";

/** Time per bcrypt hash at each cost, median of several rounds: the floor under sign-in throughput. */
export async function benchBcrypt(costs = [10, 11, 12], rounds = 5) {
  const rows = [];
  for (const cost of costs) {
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const started = performance.now();
      await bcrypt.hash("correct horse battery staple", cost);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    rows.push({
      cost,
      "median ms": Math.round(median),
      "min ms": Math.round(times[0]!),
      "max ms": Math.round(times[times.length - 1]!),
      "hashes/s per core": Number((1000 / median).toFixed(1)),
    });
  }
  return rows;
}
