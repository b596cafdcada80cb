import { postingStorm } from "./posting-storm";
import { emailProviderDown } from "./email-provider-down";
import { formFuzz } from "./form-fuzz";
import { databaseRestart } from "./database-restart";
import { liveKitDown } from "./livekit-down";
import type { Scenario } from "./scenario";
import { twoInstances } from "./two-instances";

/** Every load and fault scenario, in the order `npm run resilience` runs them. */
export const scenarios: Scenario[] = [postingStorm, emailProviderDown, formFuzz, databaseRestart, liveKitDown, twoInstances];
