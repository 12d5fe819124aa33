// The web app of the tutorial: a page, a liveness endpoint and a readiness endpoint on port 3000.
const express = require('express');

const app = express();
const port = process.env.PORT || 3000;

app.get('/', (req, res) => res.send('Hello from my-app!\n'));
app.get('/healthz', (req, res) => res.send('ok\n'));
app.get('/ready', (req, res) => res.send('ready\n'));

process.on('SIGTERM', () => process.exit(0));

app.listen(port, () => console.log(`my-app listening on port ${port}`));
