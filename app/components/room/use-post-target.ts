import { useLocation } from "@remix-run/react";
import { useEffect } from "react";

/**
 * The post a `#post-<id>` link points at (a search result's place in the feed). Without JS the
 * browser scrolls to it, starts keyboard navigation there, and CSS highlights it (:target). With
 * JS the navigation is client-side, which moves no :target, so this marks it (data-targeted, the
 * same highlight) and focuses it, for keyboard and screen reader users to continue from there.
 */
export function usePostTarget() {
  const { hash, key } = useLocation();
  useEffect(() => {
    if (!hash.startsWith("#post-")) return;
    const post = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!post) return;
    post.setAttribute("data-targeted", "");
    post.tabIndex = -1;
    post.focus();
    return () => post.removeAttribute("data-targeted");
  }, [hash, key]);
}
