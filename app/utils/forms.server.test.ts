import type { AppLoadContext } from "@remix-run/node";
import { Honeypot } from "remix-utils/honeypot/server";
import { describe, expect, it } from "vitest";
import { readForm } from "./forms.server";

const context = { honeypot: new Honeypot({ encryptionSeed: "test-seed" }) } as unknown as AppLoadContext;

const post = (fields: Array<[string, string]>) =>
  new Request("http://parley.test/form", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });

async function refusal(request: Request, options: { honeypot?: boolean } = {}) {
  try {
    await readForm(request, context, options);
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: (await thrown.json()) as { message: string } };
    throw thrown;
  }
  throw new Error("the form was accepted");
}

describe("readForm refuses with a 400, never a 500", () => {
  it.each([
    ["not JSON", "password"],
    ["JSON but not an intent", "null"],
    ["an intent without a payload", '{"type":"validate"}'],
    ["a list intent aimed at a field that is not a list", '{"type":"remove","payload":{"name":"email","index":0}}'],
    ["an update of a forbidden path", '{"type":"update","payload":{"name":"__proto__","value":1}}'],
  ])("a conform `__intent__` that is %s", async (_what, intent) => {
    const { status } = await refusal(
      post([
        ["email", "a@b.test"],
        ["__intent__", intent],
      ]),
    );
    expect(status).toBe(400);
  });

  it.each([
    ["a list index far beyond any form's (rendering 100,000 rows took minutes)", [["rows[99999].name", "x"]]],
    ["an intent that makes such a list", [["__intent__", '{"type":"update","payload":{"name":"rows[99999].email","value":"x"}}']]],
    ["names nested thousands deep (conform overflowed the stack replying)", [[`a${"[0]".repeat(10_000)}`, "x"]]],
  ] as Array<[string, Array<[string, string]>]>)("%s", async (_what, fields) => {
    expect((await refusal(post(fields))).status).toBe(400);
  });

  it("a conform `__state__` that is not JSON", async () => {
    expect((await refusal(post([["__state__", "{"]]))).status).toBe(400);
  });

  it("a honeypot timestamp that does not decrypt to text", async () => {
    // CryptoJS throws "Malformed UTF-8 data" on this one rather than returning an empty string.
    const { status, body } = await refusal(
      post([
        ["name__confirm", ""],
        ["from__confirm", "U2FsdGVkX18wMDAwMDAyMjAxMjM0NTY3ODlhYmNkZWY="],
      ]),
      { honeypot: true },
    );
    expect(status).toBe(400);
    expect(body.message).toBe("The form could not be submitted.");
  });
});

describe("readForm accepts", () => {
  it("conform's own intents, as its client sends them (adding a row without JavaScript)", async () => {
    const form = await readForm(
      post([
        ["rows[0].email", "a@b.test"],
        ["__intent__", '{"type":"insert","payload":{"name":"rows"}}'],
      ]),
      context,
    );
    expect(form.get("rows[0].email")).toBe("a@b.test");
  });

  it("the longest list a form has: 50 people at once", async () => {
    const rows = Array.from({ length: 50 }, (_, i): Array<[string, string]> => [
      [`rows[${i}].email`, `p${i}@b.test`],
      [`rows[${i}].name`, `P ${i}`],
    ]).flat();
    const form = await readForm(post(rows), context);
    expect(form.get("rows[49].name")).toBe("P 49");
  });

  it("a honeypot left as the page rendered it", async () => {
    const from = context.honeypot.getInputProps().encryptedValidFrom;
    const form = await readForm(
      post([
        ["name__confirm", ""],
        ["from__confirm", from],
        ["email", "a@b.test"],
      ]),
      context,
      { honeypot: true },
    );
    expect(form.get("email")).toBe("a@b.test");
  });
});
