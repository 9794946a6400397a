/** Thrown when a public data file is missing, has unexpected columns or a row cannot be mapped. */
export class TextDataError extends Error {
  constructor(
    readonly code: 'TEXT_DATA_MISSING' | 'TEXT_DATA_FORMAT',
    message: string,
  ) {
    super(message);
    this.name = 'TextDataError';
  }
}
