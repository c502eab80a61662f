// How the fakes' tests talk to a fake: one request, answered as
// {status, headers, text, json}.
export async function call(url, { method = 'POST', json, form, headers = {}, body } = {}) {
    const init = { method, headers: { ...headers } };
    if (json !== undefined) {
        init.body = JSON.stringify(json);
        init.headers['content-type'] = 'application/json';
    } else if (form !== undefined) {
        init.body = new URLSearchParams(form).toString();
        init.headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (body !== undefined) {
        init.body = body;
    }
    const res = await fetch(url, init);
    const text = await res.text();
    let parsed;
    try {
        parsed = JSON.parse(text);
    } catch {
        parsed = undefined;
    }
    return { status: res.status, headers: res.headers, text, json: parsed };
}

// A control API call: POST with a JSON body, or GET without one.
export function control(fake, path, json) {
    return call(`${fake.url}/__control${path}`, json === undefined ? { method: 'GET' } : { json });
}
