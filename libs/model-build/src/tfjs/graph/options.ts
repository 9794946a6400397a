/** A graph output to expose: the TF tensor (`Identity_2:0` or `Identity_2`), its ONNX name and shape. */
export interface GraphOutputSpec {
  readonly tf: string;
  readonly name: string;
  readonly shape: readonly (number | string)[];
}

export interface GraphConversionOptions {
  readonly name: string;
  /** ONNX input name for each Placeholder (TF name → ONNX name); default: the TF name. */
  readonly inputNames?: Readonly<Record<string, string>>;
  readonly outputs: readonly GraphOutputSpec[];
  /**
   * Makes axis 0 dynamic (`batch`): the Placeholder's first dimension becomes `batch`, and constant
   * Reshape targets whose first entry is 1 copy the input's first dimension instead (ONNX Reshape 0).
   * The parity test checks that a batch gives the same rows as single images.
   */
  readonly dynamicBatch?: boolean;
}
