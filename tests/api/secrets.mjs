// What a server log must never hold: the phones, codes and tokens a test
// sent or was given, searched for in every spelling they could leak in.

export class Secrets {
    constructor() {
        this.phones = new Set();
        this.codes = new Set();
        this.tokens = new Set();
    }

    addPhone(phone) {
        if (typeof phone === 'string' && /^\+[0-9]{10,15}$/.test(phone)) this.phones.add(phone);
    }

    addCode(code) {
        // Shorter codes would match years and ports in any log.
        if (typeof code === 'string' && /^[0-9]{6,}$/.test(code)) this.codes.add(code);
    }

    addToken(token) {
        if (typeof token !== 'string' || token.length < 16) return;
        // A JWT's header is the same for every token and public; its payload and signature are not.
        const parts = token.split('.');
        for (const part of parts.length === 3 ? parts.slice(1) : [token]) this.tokens.add(part);
    }

    // Remembers what a request sent and an answer revealed.
    collect(requestJson, responseJson) {
        this.addPhone(requestJson?.phone);
        this.addCode(requestJson?.code);
        this.addToken(requestJson?.refresh_token);
        this.addPhone(responseJson?.phone);
        this.addPhone(responseJson?.user?.phone);
        this.addToken(responseJson?.access_token);
        this.addToken(responseJson?.refresh_token);
        for (const m of Array.isArray(responseJson?.messages) ? responseJson.messages : []) this.addCode(m.code);
    }

    // Descriptions of every secret found in `log` (empty when clean).
    findIn(log) {
        const found = [];
        // Digits joined across the separators people write phones with.
        const digitRuns = (log.match(/[0-9][0-9 ().-]*[0-9]/g) ?? []).map((r) => r.replace(/[^0-9]/g, ''));
        for (const phone of this.phones) {
            const tail = phone.slice(-9);  // any spelling of the number holds its last 9 digits in a row
            if (digitRuns.some((run) => run.includes(tail))) found.push(`phone ${phone}`);
        }
        for (const code of this.codes) {
            if (new RegExp(`(?<![A-Za-z0-9])${code}(?![A-Za-z0-9])`).test(log)) found.push(`code ${code}`);
        }
        for (const token of this.tokens) {
            if (log.includes(token)) found.push(`token ${token.slice(0, 12)}...`);
        }
        return found;
    }
}
