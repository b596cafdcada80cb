/** What went wrong with a camera or microphone, in words a person can act on. */
export function describeMediaError(error: unknown, device: "camera" | "microphone"): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : "";
  switch (name) {
    case "NotAllowedError":
    case "PermissionDeniedError":
    case "SecurityError":
      return `Parley is not allowed to use your ${device}. Allow it in your browser's site settings (the icon beside the address), then reload this page.`;
    case "NotFoundError":
    case "DevicesNotFoundError":
    case "OverconstrainedError":
      return `No ${device} was found. Connect one, or join with the ${device} off.`;
    case "NotReadableError":
    case "TrackStartError":
    case "AbortError":
      return `Your ${device} is in use by another app or browser tab. Close it there, then turn the ${device} off and on again.`;
    case "DeviceUnsupportedError":
      return `This browser cannot use a ${device} on this page (it needs a secure https:// address).`;
    default:
      return `Your ${device} could not be started${error instanceof Error && error.message ? ` (${error.message})` : ""}.`;
  }
}
