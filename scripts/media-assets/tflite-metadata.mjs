// Adds TFLite model metadata (the `TFLITE_METADATA` buffer, schema "M001") declaring the input
// normalization to a .tflite model that has none. MediaPipe tasks-vision refuses float-input
// models without NormalizationOptions, and the only segmentation model published on npm
// (@mediapipe/selfie_segmentation) ships without them.
//
// The model is a FlatBuffer. Rather than re-serialising every table, the original bytes are kept
// whole and a small region is put in front of them holding a new root `Model` table: it copies the
// original root's fields (their offsets now pointing forward into the original bytes), with a
// `buffers` vector that has one more entry (the metadata) and a `metadata` vector naming it.
// FlatBuffer offsets are relative and point forward, so the original bytes stay valid unchanged.
import * as flatbuffers from "flatbuffers";

const MODEL_FIELDS = ["version", "operator_codes", "subgraphs", "description", "buffers", "metadata_buffer", "metadata", "signature_defs"];
const ALIGNMENT = 16; // the strictest alignment inside a model (Buffer.data is force_align: 16)

/** Metadata for an image model with one image input normalised as (x - mean) / std. */
export function buildImageModelMetadata({ name, description, mean, std }) {
  const b = new flatbuffers.Builder(512);

  const meanVec = createFloatVector(b, mean);
  const stdVec = createFloatVector(b, std);
  b.startObject(2); // NormalizationOptions
  b.addFieldOffset(0, meanVec, 0);
  b.addFieldOffset(1, stdVec, 0);
  const normalization = b.endObject();

  b.startObject(2); // ProcessUnit { options_type, options }
  b.addFieldInt8(0, 1, 0); // ProcessUnitOptions.NormalizationOptions
  b.addFieldOffset(1, normalization, 0);
  const processUnit = b.endObject();
  const processUnits = createOffsetVector(b, [processUnit]);

  b.startObject(2); // ImageProperties { color_space }
  b.addFieldInt8(0, 1, 0); // ColorSpaceType.RGB
  const imageProperties = b.endObject();
  b.startObject(3); // Content { content_properties_type, content_properties }
  b.addFieldInt8(0, 2, 0); // ContentProperties.ImageProperties
  b.addFieldOffset(1, imageProperties, 0);
  const content = b.endObject();

  const inputName = b.createString("image");
  b.startObject(7); // TensorMetadata
  b.addFieldOffset(0, inputName, 0);
  b.addFieldOffset(3, content, 0);
  b.addFieldOffset(4, processUnits, 0);
  const inputTensor = b.endObject();

  const outputName = b.createString("segmentation_mask");
  b.startObject(7);
  b.addFieldOffset(0, outputName, 0);
  const outputTensor = b.endObject();

  const inputs = createOffsetVector(b, [inputTensor]);
  const outputs = createOffsetVector(b, [outputTensor]);
  b.startObject(9); // SubGraphMetadata
  b.addFieldOffset(2, inputs, 0);
  b.addFieldOffset(3, outputs, 0);
  const subgraph = b.endObject();
  const subgraphs = createOffsetVector(b, [subgraph]);

  const nameOffset = b.createString(name);
  const descriptionOffset = b.createString(description);
  const minParserVersion = b.createString("1.0.0");
  b.startObject(8); // ModelMetadata
  b.addFieldOffset(0, nameOffset, 0);
  b.addFieldOffset(1, descriptionOffset, 0);
  b.addFieldOffset(3, subgraphs, 0);
  b.addFieldOffset(7, minParserVersion, 0);
  const root = b.endObject();
  b.finish(root, "M001");
  return b.asUint8Array();
}

/** Returns a copy of `model` (a .tflite file) carrying `metadataBytes` as its TFLITE_METADATA. */
export function withModelMetadata(model, metadataBytes) {
  const old = new DataView(model.buffer, model.byteOffset, model.byteLength);
  const identifier = String.fromCharCode(...model.subarray(4, 8));
  if (identifier !== "TFL3") throw new Error(`not a TFLite model (identifier ${JSON.stringify(identifier)})`);

  const oldRoot = old.getUint32(0, true);
  const fields = readTableFields(old, oldRoot, MODEL_FIELDS.length, [0]);
  const oldBuffers = fields[4] === undefined ? [] : readOffsetVector(old, fields[4]);
  const oldMetadata = fields[6] === undefined ? [] : readOffsetVector(old, fields[6]);
  for (const entry of oldMetadata) {
    const [namePos] = readTableFields(old, entry, 1);
    if (namePos !== undefined && readString(old, namePos) === "TFLITE_METADATA") {
      throw new Error("the model already has TFLITE_METADATA");
    }
  }

  // Lay out the front region. Every offset written must point to a higher address.
  const front = new FrontRegion();
  front.u32(0); // root offset, patched below
  front.bytes(new TextEncoder().encode("TFL3"));

  const present = MODEL_FIELDS.map((name, i) => name === "buffers" || name === "metadata" || fields[i] !== undefined);
  const modelVtable = front.vtable(
    present.map((isPresent, i) => (isPresent ? 4 + 4 * i : 0)),
    4 + 4 * MODEL_FIELDS.length,
  );
  const modelTable = front.tableStart(modelVtable);
  const modelSlots = MODEL_FIELDS.map(() => front.u32(0));

  const buffersVector = front.vectorOfOffsets(oldBuffers.length + 1);
  const metadataVector = front.vectorOfOffsets(oldMetadata.length + 1);

  const metadataEntryVtable = front.vtable([4, 8], 12);
  const metadataEntry = front.tableStart(metadataEntryVtable);
  const metadataEntryName = front.u32(0);
  front.u32(oldBuffers.length); // Metadata.buffer: index of the buffer appended below
  const nameString = front.string("TFLITE_METADATA");

  const bufferVtable = front.vtable([4], 8);
  const bufferTable = front.tableStart(bufferVtable);
  const bufferData = front.u32(0);
  front.alignFor(4, ALIGNMENT); // the bytes after the length word start 16-aligned
  const dataVector = front.u32(metadataBytes.length);
  front.bytes(metadataBytes);
  front.align(ALIGNMENT);

  const shift = front.length; // where the original model now starts
  const out = new Uint8Array(shift + model.byteLength);
  out.set(front.toBytes(), 0);
  out.set(model, shift);
  const view = new DataView(out.buffer);
  const pointAt = (at, target) => {
    if (target <= at) throw new Error("internal error: backward offset");
    view.setUint32(at, target - at, true);
  };

  pointAt(0, modelTable);
  MODEL_FIELDS.forEach((name, i) => {
    if (name === "buffers") pointAt(modelSlots[i], buffersVector.start);
    else if (name === "metadata") pointAt(modelSlots[i], metadataVector.start);
    else if (fields[i] === undefined) return;
    else if (name === "version") view.setUint32(modelSlots[i], old.getUint32(fields[i], true), true);
    else pointAt(modelSlots[i], shift + fields[i]);
  });
  oldBuffers.forEach((target, i) => pointAt(buffersVector.element(i), shift + target));
  pointAt(buffersVector.element(oldBuffers.length), bufferTable);
  oldMetadata.forEach((target, i) => pointAt(metadataVector.element(i), shift + target));
  pointAt(metadataVector.element(oldMetadata.length), metadataEntry);
  pointAt(metadataEntryName, nameString);
  pointAt(bufferData, dataVector);
  return out;
}

/** Reads the TFLITE_METADATA bytes back out of a model (used to check the result). */
export function readModelMetadata(model) {
  const view = new DataView(model.buffer, model.byteOffset, model.byteLength);
  const fields = readTableFields(view, view.getUint32(0, true), MODEL_FIELDS.length, [0]);
  if (fields[6] === undefined || fields[4] === undefined) return undefined;
  const buffers = readOffsetVector(view, fields[4]);
  for (const entry of readOffsetVector(view, fields[6])) {
    const [namePos, indexPos] = readTableFields(view, entry, 2, [1]);
    if (namePos === undefined || readString(view, namePos) !== "TFLITE_METADATA") continue;
    const [dataPos] = readTableFields(view, buffers[view.getUint32(indexPos, true)], 1);
    const length = view.getUint32(dataPos, true);
    return model.subarray(dataPos + 4, dataPos + 4 + length);
  }
  return undefined;
}

/** Positions of a table's fields: the field itself for scalars, the target for offsets. */
function readTableFields(view, table, count, scalarFields = []) {
  const vtable = table - view.getInt32(table, true);
  const vtableSize = view.getUint16(vtable, true);
  const result = [];
  for (let i = 0; i < count; i += 1) {
    const entry = 4 + 2 * i;
    const fieldOffset = entry < vtableSize ? view.getUint16(vtable + entry, true) : 0;
    if (fieldOffset === 0) {
      result.push(undefined);
      continue;
    }
    const at = table + fieldOffset;
    result.push(scalarFields.includes(i) ? at : at + view.getUint32(at, true));
  }
  return result;
}

function readOffsetVector(view, vector) {
  const length = view.getUint32(vector, true);
  return Array.from({ length }, (_, i) => {
    const at = vector + 4 + 4 * i;
    return at + view.getUint32(at, true);
  });
}

function readString(view, at) {
  const length = view.getUint32(at, true);
  return new TextDecoder().decode(new Uint8Array(view.buffer, view.byteOffset + at + 4, length));
}

function createFloatVector(builder, values) {
  builder.startVector(4, values.length, 4);
  for (let i = values.length - 1; i >= 0; i -= 1) builder.addFloat32(values[i]);
  return builder.endVector();
}

function createOffsetVector(builder, offsets) {
  builder.startVector(4, offsets.length, 4);
  for (let i = offsets.length - 1; i >= 0; i -= 1) builder.addOffset(offsets[i]);
  return builder.endVector();
}

/** A little-endian byte writer for the front region; offsets are filled in afterwards. */
class FrontRegion {
  #bytes = [];

  get length() {
    return this.#bytes.length;
  }

  u16(value) {
    const at = this.length;
    this.#bytes.push(value & 0xff, (value >> 8) & 0xff);
    return at;
  }

  u32(value) {
    const at = this.length;
    this.#bytes.push(value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff);
    return at;
  }

  bytes(values) {
    const at = this.length;
    for (const value of values) this.#bytes.push(value);
    return at;
  }

  align(alignment) {
    while (this.length % alignment !== 0) this.#bytes.push(0);
  }

  /** Pads so that `prefix` bytes from now the position is a multiple of `alignment`. */
  alignFor(prefix, alignment) {
    while ((this.length + prefix) % alignment !== 0) this.#bytes.push(0);
  }

  vtable(fieldOffsets, tableSize) {
    this.align(2);
    const at = this.u16(4 + 2 * fieldOffsets.length);
    this.u16(tableSize);
    for (const offset of fieldOffsets) this.u16(offset);
    return at;
  }

  /** Starts a table whose vtable was written earlier (soffset = table - vtable). */
  tableStart(vtable) {
    this.align(4);
    const at = this.length;
    this.u32(at - vtable);
    return at;
  }

  vectorOfOffsets(count) {
    this.align(4);
    const start = this.u32(count);
    for (let i = 0; i < count; i += 1) this.u32(0);
    return { start, element: (i) => start + 4 + 4 * i };
  }

  string(text) {
    this.align(4);
    const encoded = new TextEncoder().encode(text);
    const at = this.u32(encoded.length);
    this.bytes(encoded);
    this.#bytes.push(0);
    return at;
  }

  toBytes() {
    return Uint8Array.from(this.#bytes);
  }
}
