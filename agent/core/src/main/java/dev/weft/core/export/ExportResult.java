package dev.weft.core.export;

/** The outcome of one export call. */
public enum ExportResult {
  /** The backend accepted the batch. */
  SUCCESS,
  /** The batch was not delivered, after whatever retries the exporter makes; it is dropped. */
  FAILURE
}
