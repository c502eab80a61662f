-- Telegram bot chats linked to phones, and the deep links offered to phones
-- not linked yet (store/postgres/pg_telegram_link_store.cpp).

-- A phone receives its codes in one private chat; a chat serves one phone.
CREATE TABLE telegram_links (
    phone     text PRIMARY KEY,        -- E.164
    chat_id   bigint NOT NULL UNIQUE,
    linked_at timestamptz NOT NULL
);

-- t.me/<bot>?start=<nonce> links waiting for the user to share their contact.
-- sealed_text is the code message sealed with the server's delivery key.
CREATE TABLE telegram_pending_links (
    nonce       text PRIMARY KEY,
    phone       text NOT NULL,
    request_id  text NOT NULL,
    sealed_text text NOT NULL,
    chat_id     bigint,                -- the chat that sent "/start <nonce>"
    expires_at  timestamptz NOT NULL
);
CREATE INDEX telegram_pending_links_chat ON telegram_pending_links (chat_id) WHERE chat_id IS NOT NULL;
CREATE INDEX telegram_pending_links_request ON telegram_pending_links (request_id);
CREATE INDEX telegram_pending_links_expires ON telegram_pending_links (expires_at);
