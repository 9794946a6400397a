import type { ColumnType } from 'kysely';

/**
 * Column types shared by the row types of every table.
 * `timestamptz` reads as Date and accepts Date or ISO text; `bigint`/`bigserial`/`xid8` read as strings.
 */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json<T> = ColumnType<T, string, string>;
export type DefaultedJson<T> = ColumnType<T, string | undefined, string>;
export type BigSerial = ColumnType<string, never, never>;
