#pragma once
// A lock per account shared by every process of the user (a QLockFile), so
// that two processes never refresh the same session at once. Taking it never
// blocks the event loop: it is retried on a timer.

#include <QtCore/QLockFile>
#include <QtCore/QObject>
#include <QtCore/QTimer>

#include <chrono>
#include <functional>
#include <memory>

namespace sesame {

class AccountLock {
public:
    // `path` is the lock file; a holder that died or hung longer than
    // `staleAfter` loses the lock.
    AccountLock(const QString& path, std::chrono::milliseconds staleAfter);
    ~AccountLock();

    // Calls `done(true)` once the lock is held, or `done(false)` after
    // `giveUpAfter`. Only one acquire may be pending at a time.
    void acquire(std::chrono::milliseconds giveUpAfter, std::function<void(bool)> done);
    void release();
    bool isHeld() const { return file_.isLocked(); }

    // The lock file of an account: one per account key, in the user's runtime directory.
    static QString pathFor(const QString& accountKey);

private:
    void attempt();

    QLockFile file_;
    QTimer retry_;
    std::chrono::steady_clock::time_point deadline_;
    std::function<void(bool)> done_;
};

}  // namespace sesame
