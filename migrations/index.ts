import * as accounts from "./0001-accounts";
import * as roomsPostsInvites from "./0002-rooms-posts-invites";
import * as emailAndRateLimits from "./0003-email-and-rate-limits";
import * as roomSearchAndActivity from "./0004-room-search-and-activity";
import * as millisecondTimestamps from "./0005-millisecond-timestamps";
import * as inviteLookups from "./0006-invite-lookups";
import * as meetingPresence from "./0007-meeting-presence";
import * as emailVerification from "./0008-email-verification";
import * as guestPassBinding from "./0009-guest-pass-binding";
import * as postEdits from "./0010-post-edits";
import * as postReactions from "./0011-post-reactions";
import * as meetingsInFeed from "./0016-meetings-in-feed";
import * as contractLimits from "./0018-contract-limits";
import * as unreadMentionsSearch from "./0019-unread-mentions-search";

/** Every migration, in order. Listed explicitly so bundling keeps them; never edit one that has shipped. */
export const migrations = [
  { name: "0001-accounts", ...accounts },
  { name: "0002-rooms-posts-invites", ...roomsPostsInvites },
  { name: "0003-email-and-rate-limits", ...emailAndRateLimits },
  { name: "0004-room-search-and-activity", ...roomSearchAndActivity },
  { name: "0005-millisecond-timestamps", ...millisecondTimestamps },
  { name: "0006-invite-lookups", ...inviteLookups },
  { name: "0007-meeting-presence", ...meetingPresence },
  { name: "0008-email-verification", ...emailVerification },
  { name: "0009-guest-pass-binding", ...guestPassBinding },
  { name: "0010-post-edits", ...postEdits },
  { name: "0011-post-reactions", ...postReactions },
  { name: "0016-meetings-in-feed", ...meetingsInFeed },
  { name: "0018-contract-limits", ...contractLimits },
  { name: "0019-unread-mentions-search", ...unreadMentionsSearch },
];
