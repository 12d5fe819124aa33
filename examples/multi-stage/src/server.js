// A tiny web server: the app the tutorial's Dockerfiles package.
const express = require('express');

const app = express();
const port = process.env.PORT || 3000;

app.get('/', (req, res) => res.send('Hello from my-app!\n'));
app.get('/healthz', (req, res) => res.send('ok\n'));

app.listen(port, () => console.log(`my-app listening on port ${port}`));
