import { describe, expect, it } from "vitest";
import { DOMAIN_ERROR_CASES as CASES } from "../../tests/support/domain-error-cases";
import { domainErrorResponse } from "~/api/http.server";
import { httpAnswerFor } from "./domain-errors.server";
import { handleServiceError, replyWithServiceError } from "./service-errors.server";

const submission = { reply: (options?: object) => ({ status: "error" as const, ...options }) };

describe("domain errors over HTTP: one table for pages and the API", () => {
  for (const [error, pageStatus, apiStatus, code, retryAfter] of CASES) {
    it(`${error.kind}: page ${pageStatus}, API ${apiStatus} ${code}`, async () => {
      expect(httpAnswerFor(error, "page").status).toBe(pageStatus);
      expect(httpAnswerFor(error, "api")).toMatchObject({ status: apiStatus, code });

      const page = handleServiceError(error) as Response;
      expect(page.status).toBe(pageStatus);
      expect(page.headers.get("Retry-After")).toBe(retryAfter);

      const api = domainErrorResponse(error);
      expect(api.status).toBe(apiStatus);
      expect(api.headers.get("Retry-After")).toBe(retryAfter);
      expect((await api.json()).code).toBe(code);
    });
  }

  it("a form answers with the same status, or hands a not-found or forbidden to the error page", () => {
    for (const [error, pageStatus] of CASES) {
      const answer = () => replyWithServiceError(submission, error);
      if (error.kind === "not-found" || error.kind === "forbidden") expect(answer).toThrow(expect.objectContaining({ status: pageStatus }));
      else expect(answer().status).toBe(pageStatus);
    }
  });

  it("leaves errors that are not domain errors alone", () => {
    const bug = new TypeError("a bug");
    expect(handleServiceError(bug)).toBe(bug);
    expect(() => domainErrorResponse(bug)).toThrow(bug);
    expect(() => replyWithServiceError(submission, bug)).toThrow(bug);
  });
});
