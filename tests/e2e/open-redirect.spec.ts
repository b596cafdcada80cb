import { expect, newUserData, signUpByRequest, test } from "./fixtures";

/** The spellings a browser reads as another host once it has normalised the URL. */
const OFFSITE = [
  "/.//evil.example",
  "/..//evil.example",
  "/%2e//evil.example",
  "//evil.example",
  "/\\evil.example",
  "https://evil.example/",
  "/%2F%2Fevil.example",
];

test("signing in with any off-site redirectTo lands on Parley's own pages", async ({ page, request, baseURL }) => {
  const user = newUserData();
  await signUpByRequest(request, baseURL!, user);
  const offsite: string[] = [];
  page.on("request", (sent) => {
    if (new URL(sent.url()).origin !== baseURL) offsite.push(sent.url());
  });
  await page.route(
    (url) => url.hostname === "evil.example",
    (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<h1>evil</h1>" }),
  );

  for (const target of OFFSITE) {
    await page.context().clearCookies();
    await page.goto(`/auth/signin?${new URLSearchParams({ redirectTo: target })}`);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password", { exact: true }).fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { level: 1 }), `redirectTo ${target}`).toHaveText("My rooms");
    expect(new URL(page.url()).origin, `redirectTo ${target}`).toBe(baseURL);
  }
  expect(offsite).toEqual([]);
});

test("a same-site redirectTo is still followed", async ({ page, request, baseURL }) => {
  const user = newUserData();
  await signUpByRequest(request, baseURL!, user);
  await page.context().clearCookies();
  await page.goto(`/auth/signin?${new URLSearchParams({ redirectTo: "/profile" })}`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${baseURL}/profile`);
});
