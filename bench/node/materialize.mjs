// The Node peer of MaterializeBenchmark: DuckDB's official Node client reading a whole result.
// Usage: node materialize.mjs <database file> [sql]
// Opens the database read-only, prints "ready", then for each stdin line "run" materialises the
// query with runAndReadAll, converts it to JavaScript values with getColumns, and prints "done <rows>".
import { createInterface } from 'node:readline';
import { DuckDBInstance } from '@duckdb/node-api';

const [path, sql = 'SELECT * FROM t'] = process.argv.slice(2);
if (!path) {
  process.stderr.write('usage: node materialize.mjs <database file> [sql]\n');
  process.exit(2);
}

const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
const connection = await instance.connect();
process.stdout.write('ready\n');

for await (const line of createInterface({ input: process.stdin })) {
  const command = line.trim();
  if (command === 'run') {
    const reader = await connection.runAndReadAll(sql);
    const columns = reader.getColumns();
    process.stdout.write(`done ${columns.length === 0 ? 0 : columns[0].length}\n`);
  } else if (command === 'quit') {
    break;
  } else if (command !== '') {
    process.stdout.write(`error unknown command ${command}\n`);
  }
}

connection.closeSync();
instance.closeSync();
