import { startTestCluster } from "./test-cluster";

export default async function setup() {
  const server = await startTestCluster();
  return async () => {
    await server.stop();
  };
}
