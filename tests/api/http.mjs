// Talking HTTP to a server under test: JSON requests through fetch, and raw
// bytes over a socket for what fetch refuses to send (malformed requests,
// huge bodies, slow clients).
import net from 'node:net';

// fetch's answer as {status, headers, text, json}; json is undefined when the
// body is not JSON.
export async function exchange(base, method, path, { json, body, headers = {}, token } = {}) {
    const init = { method, headers: { ...headers }, redirect: 'manual' };
    if (json !== undefined) {
        init.body = JSON.stringify(json);
        init.headers['content-type'] ??= 'application/json';
    } else if (body !== undefined) {
        init.body = body;
    }
    if (token !== undefined) init.headers.authorization = `Bearer ${token}`;
    const res = await fetch(new URL(path, base), init);
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: parseJson(text) };
}

function parseJson(text) {
    try {
        return JSON.parse(text);
    } catch {
        return undefined;
    }
}

// Parses one HTTP/1.1 response from `buffer`; undefined until it is complete.
export function parseResponse(buffer) {
    const end = buffer.indexOf('\r\n\r\n');
    if (end < 0) return undefined;
    const [statusLine, ...lines] = buffer.subarray(0, end).toString('latin1').split('\r\n');
    const headers = new Headers();
    for (const line of lines) {
        const colon = line.indexOf(':');
        headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    }
    const length = Number(headers.get('content-length') ?? 0);
    if (buffer.length < end + 4 + length) return undefined;
    const text = buffer.subarray(end + 4, end + 4 + length).toString('utf8');
    return {
        status: Number(statusLine.split(' ')[1]), statusLine, headers, rawHeaders: lines, text,
        json: parseJson(text), rest: buffer.subarray(end + 4 + length),
    };
}

// Every complete response in `buffer`, in order.
export function parseResponses(buffer) {
    const responses = [];
    for (let r = parseResponse(buffer); r; r = parseResponse(r.rest)) responses.push(r);
    return responses;
}

// Connects to 127.0.0.1:port, writes each chunk, and resolves when the
// server closed the connection or `responses` answers are complete:
// {responses, closed, bytes}. Write errors (the server closing on a huge
// body) are expected and ignored. Rejects after timeoutMs.
export function rawExchange(port, chunks, { responses: wanted = 1, timeoutMs = 20000 } = {}) {
    return new Promise((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1');
        let received = Buffer.alloc(0);
        let done = false;
        const finish = (closed) => {
            if (done) return;
            done = true;
            clearTimeout(timer);
            socket.destroy();
            resolve({ responses: parseResponses(received), closed, bytes: received });
        };
        const timer = setTimeout(() => {
            done = true;
            socket.destroy();
            reject(new Error(`raw exchange: no answer within ${timeoutMs} ms; got ${JSON.stringify(received.toString('latin1').slice(0, 300))}`));
        }, timeoutMs);
        socket.on('data', (data) => {
            received = Buffer.concat([received, data]);
            if (parseResponses(received).length >= wanted) finish(false);
        });
        socket.on('error', () => {});  // EPIPE/ECONNRESET after the server answered: read what came
        socket.on('close', () => finish(true));
        socket.on('connect', () => {
            for (const chunk of chunks) socket.write(chunk);
        });
    });
}

// An HTTP/1.1 request as bytes: `head` lines are sent as given.
export function rawRequest(method, path, { headers = [], body = '' } = {}) {
    const payload = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
    const lines = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', ...headers];
    if (!headers.some((h) => /^content-length:/i.test(h) || /^transfer-encoding:/i.test(h)) && payload.length > 0) {
        lines.push(`Content-Length: ${payload.length}`);
    }
    return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload]);
}

// Sends `request` on an open socket and resolves with its first answer.
export function askOn(socket, request) {
    return new Promise((resolve, reject) => {
        let received = Buffer.alloc(0);
        const onData = (data) => {
            received = Buffer.concat([received, data]);
            const [res] = parseResponses(received);
            if (res) {
                socket.off('data', onData);
                resolve(res);
            }
        };
        socket.on('data', onData);
        socket.on('error', reject);
        socket.on('close', () => {
            const [res] = parseResponses(received);
            if (res) resolve(res);
            else reject(new Error('closed without an answer'));
        });
        socket.write(request);
    });
}
