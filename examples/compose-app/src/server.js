// The tutorial's app: answers on :3000 and reports whether it reaches Postgres (db:5432) and
// Redis (cache:6379) by their compose service names.
const http = require('node:http');
const { Client } = require('pg');
const { createClient } = require('redis');

const port = Number(process.env.PORT || 3000);

async function checkDatabase() {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const { rows } = await client.query('SELECT 1 AS ok');
  await client.end();
  return rows[0].ok === 1;
}

async function checkCache() {
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  const visits = await client.incr('visits');
  await client.quit();
  return visits;
}

const server = http.createServer(async (req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok\n');
    return;
  }
  try {
    const [database, visits] = await Promise.all([checkDatabase(), checkCache()]);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ env: process.env.NODE_ENV || 'production', database, visits }) + '\n');
  } catch (error) {
    res.writeHead(503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: error.message }) + '\n');
  }
});

// Both must answer before the server listens: a missing dependency ends the process with 1.
async function start() {
  await checkDatabase();
  console.log('Connected to Postgres');
  await checkCache();
  console.log('Connected to Redis');
  server.listen(port, () => console.log(`Server listening on port ${port}`));
}

start().catch((error) => {
  console.error(`Cannot start: ${error.message}`);
  process.exit(1);
});
