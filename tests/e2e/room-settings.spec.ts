import { expect, expectNoA11yViolations, test } from "./fixtures";

test("a bad rename shows its error beside the name field and keeps the room as it was", async ({ page, ownRoom }) => {
  const { url: roomUrl, name } = ownRoom;
  await page.goto(`${roomUrl}/settings`);
  const field = page.getByLabel("Name");

  for (const [typed, message] of [
    ["   ", "Give the room a name"],
    ["x".repeat(101), "Room names can be at most 100 characters"],
  ] as const) {
    // maxlength would stop a person typing the 101st character; a script or an old browser may not.
    await field.evaluate((input) => input.removeAttribute("maxlength"));
    await field.fill(typed);
    await page.getByRole("button", { name: "Save settings" }).click();

    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator(`#${await field.getAttribute("aria-describedby")}`)).toHaveText(message);
    await expect(page.getByRole("heading", { name: "Room settings" })).toBeVisible();
    await expectNoA11yViolations(page);
  }

  await page.goto(roomUrl);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
});

test("deleting a room without ticking the box says so beside the box, and deletes nothing", async ({ page, ownRoom }) => {
  const { url: roomUrl, name } = ownRoom;
  await page.goto(`${roomUrl}/settings`);

  await page.getByRole("button", { name: "Delete room" }).click();
  const box = page.getByLabel(/Yes, delete/);
  await expect(box).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator(`#${await box.getAttribute("aria-describedby")}`)).toHaveText(
    "Tick the box to confirm that the room and all its posts go for good.",
  );
  await expectNoA11yViolations(page);

  await page.goto(roomUrl);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
});
