import { createContext, useContext } from "react";
import type { MessageNode } from "./message-tree";

/**
 * What a whole page's markup needs but its hydration data leaves out, because the browser reads it
 * back from the markup: the room feed's formatted posts, sent once instead of twice. The server
 * makes one per page request (none for Remix's data requests, whose data carries everything); a
 * loader fills it and the server's render reads it through `DocumentOnly`. The browser has none.
 */
export interface DocumentOnlyData {
  /** Post id → its formatted words (`messageTree`). */
  postBodies: Map<string, MessageNode[]>;
}

export const newDocumentOnlyData = (): DocumentOnlyData => ({ postBodies: new Map() });

export const DocumentOnly = createContext<DocumentOnlyData | null>(null);

export const useDocumentOnly = () => useContext(DocumentOnly);
