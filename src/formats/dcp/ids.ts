import { createHash, randomUUID } from 'node:crypto';
import type { Diagnostic } from '../../model/diagnostic.js';
import { messages } from './messages.js';

const UUID = /^(?:urn:uuid:)?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?$/;

/** The document's UUID, bare and lower-case: `opts.documentId` (with or without `urn:uuid:`) or a new one. */
export function documentUuid(id: string | undefined, diagnostics: Diagnostic[]): string {
  if (id === undefined) return randomUUID();
  const m = UUID.exec(id.trim());
  if (m) return m[1]!.toLowerCase();
  diagnostics.push(messages.badDocumentId(id));
  return randomUUID();
}

/** A name-based UUID (the version 5 layout), so the same document id always gives the same font id. */
export function derivedUuid(base: string, name: string): string {
  const h = createHash('sha1').update(`${base}/${name}`).digest('hex');
  const variant = ((Number.parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** xs:dateTime: `opts.issueDate` when it is one, else now to the second. */
export function issueDate(value: string | undefined, diagnostics: Diagnostic[]): string {
  if (value !== undefined && DATE_TIME.test(value.trim())) return value.trim();
  if (value !== undefined) diagnostics.push(messages.badIssueDate(value));
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}
