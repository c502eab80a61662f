#include <sesame/keychain_token_store.h>

#include "store/session_codec.h"

#include <qt6keychain/keychain.h>

namespace sesame {
namespace {

StoreError storeError(const QKeychain::Job& job) {
    const bool denied = job.error() == QKeychain::AccessDenied || job.error() == QKeychain::AccessDeniedByUser;
    return {denied ? StoreError::Kind::Denied : StoreError::Kind::Unavailable, job.errorString()};
}

template <class JobType>
JobType* prepare(const QString& service, const QString& key, bool insecureFallback) {
    auto* job = new JobType(service);  // deletes itself once finished
    job->setAutoDelete(true);
    job->setKey(key);
    job->setInsecureFallback(insecureFallback);
    return job;
}

}  // namespace

KeychainTokenStore::KeychainTokenStore(QString service) : service_(std::move(service)) {}

KeychainTokenStore::~KeychainTokenStore() = default;

void KeychainTokenStore::setInsecureFallback(bool allowed) { insecureFallback_ = allowed; }

void KeychainTokenStore::read(const QString& key, ReadDone done) {
    auto* job = prepare<QKeychain::ReadPasswordJob>(service_, key, insecureFallback_);
    QObject::connect(job, &QKeychain::Job::finished, &context_, [job, done = std::move(done)] {
        if (job->error() == QKeychain::EntryNotFound) {
            done(std::optional<StoredSession>{});
        } else if (job->error() != QKeychain::NoError) {
            done(contract::unexpected(storeError(*job)));
        } else {
            // A damaged entry cannot be used to sign in: it is no session.
            done(decodeSession(job->binaryData()));
        }
    });
    job->start();
}

void KeychainTokenStore::write(const QString& key, const StoredSession& session, WriteDone done) {
    auto* job = prepare<QKeychain::WritePasswordJob>(service_, key, insecureFallback_);
    job->setBinaryData(encodeSession(session));
    QObject::connect(job, &QKeychain::Job::finished, &context_, [job, done = std::move(done)] {
        done(job->error() == QKeychain::NoError ? std::nullopt : std::optional{storeError(*job)});
    });
    job->start();
}

void KeychainTokenStore::remove(const QString& key, WriteDone done) {
    auto* job = prepare<QKeychain::DeletePasswordJob>(service_, key, insecureFallback_);
    QObject::connect(job, &QKeychain::Job::finished, &context_, [job, done = std::move(done)] {
        const bool gone = job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound;
        done(gone ? std::nullopt : std::optional{storeError(*job)});
    });
    job->start();
}

}  // namespace sesame
