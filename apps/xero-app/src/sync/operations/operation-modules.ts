import type { OperationKind } from '../../db/schema.ts';
import { allocationOperation } from './allocation.ts';
import { contactOperation } from './contact.ts';
import { contactUpsertOperation } from './contact-upsert.ts';
import { creditNoteOperation } from './credit-note.ts';
import { invoiceOperation } from './invoice.ts';
import type { OperationModule } from './operation.ts';
import { paymentOperation } from './payment.ts';
import { voidOperation } from './void.ts';
import { itemOperation } from './item.ts';
import { itemUpsertOperation } from './item-upsert.ts';
import { itemArchiveOperation } from './item-archive.ts';

/** Every kind of operation, in the order a flush sends them: what a document needs goes first. */
export const operationModules: readonly OperationModule[] = [
  erase(itemOperation),
  erase(itemUpsertOperation),
  erase(itemArchiveOperation),
  erase(contactOperation),
  erase(contactUpsertOperation),
  erase(invoiceOperation),
  erase(paymentOperation),
  erase(voidOperation),
  erase(creditNoteOperation),
  erase(allocationOperation),
];

/** The flusher hands each module only drafts it made itself, so their type need not be known. */
function erase<D>(module: OperationModule<D>): OperationModule {
  return module as unknown as OperationModule;
}

const byKind = new Map(operationModules.map((m) => [m.kind, m]));

export function operationModule(kind: OperationKind): OperationModule {
  const module = byKind.get(kind);
  if (!module) throw new Error(`No operation module for kind ${kind}`);
  return module;
}
