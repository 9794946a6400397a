/** Thrown when a tfjs model uses a layer or op the converter does not cover; names the op. */
export class UnsupportedOpError extends Error {
  constructor(
    readonly op: string,
    readonly node: string,
  ) {
    super(`tfjs → ONNX: unsupported op "${op}" (node "${node}")`);
    this.name = 'UnsupportedOpError';
  }
}

/** Thrown when a tfjs model is malformed or uses an op in a way the converter cannot map. */
export class ConversionError extends Error {
  constructor(message: string) {
    super(`tfjs → ONNX: ${message}`);
    this.name = 'ConversionError';
  }
}
