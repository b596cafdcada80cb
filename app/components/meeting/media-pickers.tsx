import { BACKGROUNDS } from "./meeting-choices";

/**
 * The pickers the prep page and the meeting's settings share: no LiveKit code, so each page
 * wires them to its own tracks.
 */

/** The backgrounds as labelled radio buttons with thumbnails: a click on the picture, or arrow keys, choose one. */
export function BackgroundOptions({
  selectedId,
  onChoose,
  name = "background",
}: {
  selectedId: string;
  onChoose(id: string): void;
  name?: string;
}) {
  return (
    <div className="mt-3 grid grid-cols-4 gap-2 sm:grid-cols-8">
      {BACKGROUNDS.map((background) => (
        <label
          key={background.id}
          className="group relative cursor-pointer rounded-lg focus-within:ring-2 focus-within:ring-brand-600 focus-within:ring-offset-2"
        >
          <input
            type="radio"
            name={name}
            value={background.id}
            checked={selectedId === background.id}
            onChange={() => onChoose(background.id)}
            className="peer sr-only"
          />
          <span className="block aspect-video overflow-hidden rounded-lg border-2 border-slate-200 bg-slate-100 peer-checked:border-brand-600">
            {background.kind === "image" ? (
              <img src={background.thumbnailPath} alt="" className="h-full w-full object-cover" />
            ) : (
              <span
                aria-hidden="true"
                className={`flex h-full items-center justify-center text-xs font-semibold text-slate-700 ${
                  background.kind === "blur" ? (background.blurRadius > 10 ? "bg-slate-300" : "bg-slate-200") : ""
                }`}
              >
                {background.kind === "none" ? "None" : background.blurRadius > 10 ? "Blur+" : "Blur"}
              </span>
            )}
          </span>
          <span className="mt-1 block text-center text-xs text-slate-700">{background.label}</span>
        </label>
      ))}
    </div>
  );
}

export function DeviceSelect({
  id,
  label,
  devices,
  value,
  onChange,
}: {
  id: string;
  label: string;
  devices: MediaDeviceInfo[];
  value: string;
  onChange(id: string): void;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        value={devices.some((d) => d.deviceId === value) ? value : (devices[0]?.deviceId ?? "")}
        onChange={(event) => onChange(event.target.value)}
        disabled={devices.length === 0}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 shadow-sm"
      >
        {devices.length === 0 ? <option value="">No {label.toLowerCase()} found</option> : null}
        {devices.map((device, index) => (
          <option key={device.deviceId || index} value={device.deviceId}>
            {device.label || `${label} ${index + 1}`}
          </option>
        ))}
      </select>
    </div>
  );
}
