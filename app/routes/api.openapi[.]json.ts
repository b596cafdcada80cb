import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { openApiDocument } from "~/api/openapi.server";

/** GET /api/openapi.json: the API described, generated from the schemas it validates with. */
export const loader = ({ context }: LoaderFunctionArgs) => json(openApiDocument(context.appUrl));
