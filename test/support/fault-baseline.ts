import pg from 'pg';

/**
 * The fault-free outcome of a scenario, computed once per test run and shared by every fault suite:
 * kept in the run's throwaway database under an advisory lock, so suites in other processes wait for the
 * first one to compute it instead of computing it again. The run database is dropped with the run.
 */
export async function sharedBaseline<T>(input: {
  runUrl: string;
  key: string;
  compute: () => Promise<T>;
}): Promise<T> {
  const client = new pg.Client({ connectionString: input.runUrl });
  await client.connect();
  try {
    // One lock for all keys: suites run one at a time anyway, and the table is created under it.
    await client.query("select pg_advisory_lock(hashtext('ledgerbridge-fault-baselines'))");
    // json, not jsonb: the reading comes back with its keys in the order the first suite wrote them.
    await client.query(
      'create table if not exists fault_baselines (key text primary key, reading json not null)',
    );
    const found = await client.query<{ reading: T }>('select reading from fault_baselines where key = $1', [
      input.key,
    ]);
    const existing = found.rows[0];
    if (existing) return existing.reading;
    const reading = await input.compute();
    await client.query('insert into fault_baselines (key, reading) values ($1, $2)', [
      input.key,
      JSON.stringify(reading),
    ]);
    return reading;
  } finally {
    await client.end();
  }
}
