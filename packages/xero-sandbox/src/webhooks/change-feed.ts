// Every document change lands here; the webhook dispatcher turns them into signed deliveries.
export type ChangeCategory = 'INVOICE' | 'CONTACT' | 'CREDITNOTE';
export type ChangeType = 'CREATE' | 'UPDATE';

export type ChangeEvent = {
  tenantId: string;
  category: ChangeCategory;
  type: ChangeType;
  resourceId: string;
  at: number;
  data?: Record<string, string>;
};

export type ChangeFeed = {
  record(event: ChangeEvent): void;
  subscribe(listener: (event: ChangeEvent) => void): () => void;
};

export function createChangeFeed(): ChangeFeed {
  const listeners = new Set<(event: ChangeEvent) => void>();
  return {
    record(event) {
      for (const listener of listeners) listener(event);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
