import { describe, expect, it } from "vitest";
import { announcementFor } from "./new-post-announcer";

describe("what is said of new posts from others", () => {
  const ada = { authorName: "Ada", message: "lunch at noon?", mentions: [] };
  const namingBob = { authorName: "Ada", message: "@bob lunch?", mentions: [{ userId: "u-bob", username: "bob" }] };

  it("says who posted and the first words", () => {
    expect(announcementFor([ada], "u-bob")).toBe("New post from Ada: lunch at noon?");
    expect(announcementFor([ada, ada], "u-bob")).toBe("2 new posts, the latest from Ada: lunch at noon?");
  });

  it("says first when the latest post mentions the reader", () => {
    expect(announcementFor([namingBob], "u-bob")).toBe("Ada mentioned you: @bob lunch?");
    expect(announcementFor([ada, namingBob], "u-bob")).toBe("2 new posts; in the latest, Ada mentioned you: @bob lunch?");
    expect(announcementFor([namingBob], "u-cy")).toBe("New post from Ada: @bob lunch?");
  });
});
