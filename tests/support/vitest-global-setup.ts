import { startTestCluster } from "./test-cluster";
import { startTestLiveKit } from "./test-livekit";

export default async function setup() {
  const [database, livekit] = await Promise.all([startTestCluster(), startTestLiveKit()]);
  return async () => {
    await livekit.stop();
    await database.stop();
  };
}
