import { useLocation } from "@remix-run/react";
import { useEffect } from "react";

/**
 * With JS, focus the post a `#post-<id>` link points at (a search result's place in the feed), so
 * a keyboard or screen reader user continues from there; without JS the browser scrolls to it and
 * starts sequential navigation there. The highlight is CSS (:target).
 */
export function usePostTarget() {
  const { hash, key } = useLocation();
  useEffect(() => {
    if (!hash.startsWith("#post-")) return;
    const post = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!post) return;
    post.tabIndex = -1;
    post.focus();
  }, [hash, key]);
}
