// A tiny HTTP server that stands in for sesame-server's callback endpoints
// in the fakes' own tests: it records what a fake POSTs (webhook updates,
// delivery reports, status callbacks) and answers with `respond(request, n)`
// (200 unless told). `received(n)` resolves once n requests have arrived.
import http from 'node:http';

export async function startReceiver({ respond = () => 200 } = {}) {
    const requests = [];
    const waiters = [];
    const server = http.createServer(async (req, res) => {
        const chunks = [];
        for await (const chunk of req) chunks.push(chunk);
        const request = { method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        requests.push(request);
        res.writeHead(respond(request, requests.length));
        res.end();
        for (const waiter of waiters.filter((w) => requests.length >= w.count)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(requests.slice(0, waiter.count));
        }
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${server.address().port}`;
    return {
        url,
        requests,
        received: (count) => new Promise((resolve) => {
            if (requests.length >= count) resolve(requests.slice(0, count));
            else waiters.push({ count, resolve });
        }),
        close: () => new Promise((resolve) => {
            server.closeAllConnections();
            server.close(resolve);
        }),
    };
}
