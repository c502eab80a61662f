#pragma once
// A TokenStore that lives only as long as the process: for tests, and for
// applications that must never persist a session. It can also pretend to be
// a broken keychain, to exercise storage-error handling.

#include <sesame/token_store.h>

#include <QtCore/QHash>
#include <QtCore/QObject>

namespace sesame {

class SESAME_SDK_EXPORT MemoryTokenStore final : public TokenStore {
public:
    MemoryTokenStore();
    ~MemoryTokenStore() override;

    void read(const QString& key, ReadDone done) override;
    void write(const QString& key, const StoredSession& session, WriteDone done) override;
    void remove(const QString& key, WriteDone done) override;

    // Makes every later call fail with `error` (nullopt: work again).
    void setFailure(std::optional<StoreError> error);
    // Counts completed writes, so tests can see when a session was saved.
    int writeCount() const { return writes_; }
    // What is stored under `key` right now, for tests that look synchronously.
    std::optional<StoredSession> peek(const QString& key) const;

private:
    void finishLater(std::function<void()> finish);

    QObject context_;  // pending completions die with the store
    QHash<QString, StoredSession> entries_;
    std::optional<StoreError> failure_;
    int writes_ = 0;
};

}  // namespace sesame
