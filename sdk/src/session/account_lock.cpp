#include "session/account_lock.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QDir>
#include <QtCore/QStandardPaths>

namespace sesame {
namespace {

constexpr std::chrono::milliseconds kRetryEvery{20};

}  // namespace

AccountLock::AccountLock(const QString& path, std::chrono::milliseconds staleAfter) : file_(path) {
    file_.setStaleLockTime(staleAfter);
    retry_.setSingleShot(true);
    retry_.setInterval(kRetryEvery);
    QObject::connect(&retry_, &QTimer::timeout, [this] { attempt(); });
}

AccountLock::~AccountLock() { release(); }

void AccountLock::acquire(std::chrono::milliseconds giveUpAfter, std::function<void(bool)> done) {
    deadline_ = std::chrono::steady_clock::now() + giveUpAfter;
    done_ = std::move(done);
    attempt();
}

void AccountLock::attempt() {
    if (!done_) {
        return;
    }
    const bool locked = file_.tryLock(0);
    if (!locked && std::chrono::steady_clock::now() < deadline_) {
        retry_.start();
        return;
    }
    // done_ may start another acquire: hand it over first.
    auto done = std::move(done_);
    done_ = nullptr;
    done(locked);
}

void AccountLock::release() {
    retry_.stop();
    done_ = nullptr;
    if (file_.isLocked()) {
        file_.unlock();
    }
}

QString AccountLock::pathFor(const QString& accountKey) {
    QString directory = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (directory.isEmpty()) {
        directory = QDir::tempPath();
    }
    const QByteArray digest = QCryptographicHash::hash(accountKey.toUtf8(), QCryptographicHash::Sha256).toHex();
    return directory + QLatin1String("/sesame-") + QString::fromLatin1(digest.left(32)) + QLatin1String(".lock");
}

}  // namespace sesame
