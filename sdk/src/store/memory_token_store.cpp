#include <sesame/memory_token_store.h>

#include <QtCore/QTimer>

namespace sesame {

MemoryTokenStore::MemoryTokenStore() = default;
MemoryTokenStore::~MemoryTokenStore() = default;

void MemoryTokenStore::finishLater(std::function<void()> finish) {
    QTimer::singleShot(0, &context_, std::move(finish));
}

void MemoryTokenStore::read(const QString& key, ReadDone done) {
    if (failure_) {
        finishLater([done = std::move(done), error = *failure_] { done(contract::unexpected(error)); });
        return;
    }
    const auto it = entries_.constFind(key);
    std::optional<StoredSession> found;
    if (it != entries_.constEnd()) {
        found = *it;
    }
    finishLater([done = std::move(done), found = std::move(found)] { done(found); });
}

void MemoryTokenStore::write(const QString& key, const StoredSession& session, WriteDone done) {
    if (failure_) {
        finishLater([done = std::move(done), error = failure_] { done(error); });
        return;
    }
    // Applied now, reported later: a read issued after this call sees it.
    entries_.insert(key, session);
    finishLater([this, done = std::move(done)] {
        ++writes_;
        done(std::nullopt);
    });
}

void MemoryTokenStore::remove(const QString& key, WriteDone done) {
    if (failure_) {
        finishLater([done = std::move(done), error = failure_] { done(error); });
        return;
    }
    entries_.remove(key);
    finishLater([done = std::move(done)] { done(std::nullopt); });
}

std::optional<StoredSession> MemoryTokenStore::peek(const QString& key) const {
    const auto it = entries_.constFind(key);
    return it == entries_.constEnd() ? std::nullopt : std::optional{*it};
}

void MemoryTokenStore::setFailure(std::optional<StoreError> error) { failure_ = std::move(error); }

}  // namespace sesame
