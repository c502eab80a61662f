#pragma once
// The default TokenStore: the operating system's keychain through QtKeychain
// (Secret Service on Linux, Keychain on Apple platforms, Credential Manager on
// Windows, Keystore on Android). An unavailable or locked keychain is a
// StoreError, never mistaken for "nothing stored", and nothing is ever written
// to a plain file unless the application calls setInsecureFallback(true).

#include <sesame/token_store.h>

#include <QtCore/QObject>

namespace sesame {

class SESAME_SDK_EXPORT KeychainTokenStore final : public TokenStore {
public:
    // Entries are stored under `service` (the keychain's service name), one
    // per key; applications sharing a service share their sessions.
    explicit KeychainTokenStore(QString service);
    ~KeychainTokenStore() override;

    void read(const QString& key, ReadDone done) override;
    void write(const QString& key, const StoredSession& session, WriteDone done) override;
    void remove(const QString& key, WriteDone done) override;

    // Allows QtKeychain's unencrypted fallback when no keychain exists. Off by
    // default; turning it on stores refresh tokens in a plain settings file.
    void setInsecureFallback(bool allowed);
    bool insecureFallback() const { return insecureFallback_; }

    const QString& service() const { return service_; }

private:
    QObject context_;  // completions of jobs still running die with the store
    QString service_;
    bool insecureFallback_ = false;
};

}  // namespace sesame
