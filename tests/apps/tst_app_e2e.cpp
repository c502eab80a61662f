// End to end, one login app at a time (compiled once per app, see
// CMakeLists.txt): the app's own Main.qml in a real window under Xvfb, a real
// `sesame-server --mode mock`, the keychain in a private D-Bus session, and
// the person played with real mouse and key events (the desktop app by
// keyboard where it can be, the mobile app by taps). Every screen is saved
// as a screenshot in both languages and checked: not blank, its elements
// there, every control named, touch targets (mobile) and large text holding.
//
// Runs in a keyring (SESAME_KEYRING=unlocked, run_in_xvfb.sh keyring) or with
// no D-Bus at all (SESAME_KEYRING=none); each test skips in the other.

#include "support/app_driver.h"
#include "support/mock_server.h"
#include "support/screen_checks.h"
#include "support/server_helpers.h"
#include "support/tcp_relay.h"
#include "support/telegram_link_stub.h"
#include "support/telegram_user.h"

#include <QtCore/QRegularExpression>
#include <QtGui/QClipboard>
#include <QtGui/QGuiApplication>
#include <QtQml/QQmlComponent>
#include <QtQml/QQmlEngine>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuick/QQuickItem>
#include <QtQuick/QQuickWindow>
#include <QtTest/QTest>

Q_IMPORT_QML_PLUGIN(SesamePlugin)
Q_IMPORT_QML_PLUGIN(SesameControlsPlugin)
Q_IMPORT_QML_PLUGIN(SesameScreensPlugin)
#if SESAME_APP_DESKTOP
Q_IMPORT_QML_PLUGIN(SesameDesktopPlugin)
#else
Q_IMPORT_QML_PLUGIN(SesameMobilePlugin)
#endif

using sesame::apptest::AppDriver;

namespace {

constexpr bool kDesktop = SESAME_APP_DESKTOP;
constexpr int kTouchTarget = kDesktop ? 0 : 48;
// AuthClient::Status values, as QML and the property see them.
constexpr int kSignedIn = 5;
constexpr int kOffline = 7;

QString keyring() { return qEnvironmentVariable("SESAME_KEYRING"); }

AppDriver::Options options(const QUrl& server, const QString& language, double textScale = 1) {
    return {server, language, textScale, QStringLiteral(SESAME_SCREENSHOT_DIR "/") + language, kTouchTarget};
}

// "+77001230001" for test 1 in English: every test signs in its own person.
QString phoneFor(int test, const QString& language) {
    return QStringLiteral("+7700123%1%2").arg(test, 2, 10, QChar(u'0')).arg(language == u"ru" ? 2 : 1, 2, 10, QChar(u'0'));
}

// The number as a person in Kazakhstan types it: 8, then the ten digits.
QString nationalForm(const QString& e164) { return QStringLiteral("8") + e164.mid(2); }

int status(AppDriver& app) { return app.auth()->property("status").toInt(); }

}  // namespace

#define CAPTURE_SCREEN(app, name, ...)                                     \
    do {                                                                   \
        const QStringList problems = (app).capture(name, __VA_ARGS__);     \
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));    \
    } while (false)

class AppEndToEnd : public QObject {
    Q_OBJECT

private:
    // The phone screen as a person fills it: region, number, then submit
    // (desktop: Shift+Tab to the region, Tab back, Enter; mobile: taps).
    void enterPhone(AppDriver& app, const QString& phone) {
        typePhone(app, phone);
        submit(app, QStringLiteral("sendCodeButton"));
    }

    void typePhone(AppDriver& app, const QString& phone) {
        QVERIFY(app.waitForScreen(QStringLiteral("phone")));
        if (kDesktop) {
            QVERIFY(app.waitForFocus(QStringLiteral("numberField")));
            app.press(Qt::Key_Backtab);
        } else {
            QVERIFY(app.click(QStringLiteral("regionField")));
        }
        app.retype(QStringLiteral("KZ"));
        if (kDesktop) {
            app.press(Qt::Key_Tab);
        } else {
            QVERIFY(app.click(QStringLiteral("numberField")));
        }
        app.retype(nationalForm(phone));
        QCOMPARE(app.text(QStringLiteral("numberField")), QStringLiteral("8 700 123 %1").arg(phone.right(4)));
    }

    void submit(AppDriver& app, const QString& button) {
        if (kDesktop) {
            app.press(Qt::Key_Return);
        } else {
            QVERIFY(app.click(button));
        }
    }

    void enterCode(AppDriver& app, const QString& code) {
        QVERIFY(app.waitForScreen(QStringLiteral("code")));
        if (kDesktop) {
            QVERIFY(app.waitForFocus(QStringLiteral("codeField")));
        } else {
            QVERIFY(app.click(QStringLiteral("codeField")));
        }
        app.type(code);
    }

    void fillProfile(AppDriver& app, const QString& name, const QString& shop) {
        QVERIFY(app.waitForScreen(QStringLiteral("profile")));
        if (kDesktop) {
            QVERIFY(app.waitForFocus(QStringLiteral("nameField")));
        } else {
            QVERIFY(app.click(QStringLiteral("nameField")));
        }
        app.retype(name);
        if (kDesktop) {
            app.press(Qt::Key_Tab);
        } else {
            QVERIFY(app.click(QStringLiteral("shopNameField")));
        }
        app.retype(shop);
        QVERIFY(app.click(QStringLiteral("termsCheck")));
        submit(app, QStringLiteral("saveProfileButton"));
    }

    void goBack(AppDriver& app) {
        if (kDesktop) {
            app.press(Qt::Key_Escape);
        } else {
            QVERIFY(app.click(QStringLiteral("backButton")));
        }
    }

    static void languages() {
        QTest::addColumn<QString>("language");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("ru") << QStringLiteral("ru");
    }

private Q_SLOTS:
    void initTestCase() {
        QCoreApplication::setOrganizationName(QStringLiteral("Sesame"));
        QCoreApplication::setApplicationName(QStringLiteral("Sesame end-to-end"));
    }

    void loginFlow_data() { languages(); }
    // phone -> code from the outbox (after a wrong one) -> profile -> home ->
    // revoke another device -> restart straight into home -> sign out ->
    // restart into the phone screen.
    void loginFlow() {
        QFETCH(QString, language);
        if (keyring() != u"unlocked") {
            QSKIP("needs an unlocked keyring");
        }
        sesame::test::MockServer server;
        QVERIFY(server.start());
        const QString phone = phoneFor(1, language);
        const auto tablet = sesame::apptest::signInElsewhere(server, phone, QStringLiteral("Shop tablet"));
        QVERIFY(!tablet.sessionId.isEmpty());

        auto app = std::make_unique<AppDriver>(options(server.url(), language));
        QVERIFY(app->start());
        QVERIFY(app->waitForScreen(QStringLiteral("phone")));
        CAPTURE_SCREEN(*app, "phone", {"regionField", "numberField", "channelChoice", "sendCodeButton"});

        enterPhone(*app, phone);
        QVERIFY(app->waitForScreen(QStringLiteral("code")));
        QVERIFY(!app->find(QStringLiteral("resendButton"))->isEnabled());  // the resend countdown runs
        CAPTURE_SCREEN(*app, "code", {"codeField", "expiryLabel", "resendButton", "changeNumberButton"});

        enterCode(*app, QStringLiteral("000000"));
        QVERIFY(app->waitForItem(QStringLiteral("attemptsLabel")));
        QVERIFY(app->waitForItem(QStringLiteral("errorBanner")));
        CAPTURE_SCREEN(*app, "code-wrong", {"errorBanner", "attemptsLabel", "codeField"});

        if (kDesktop) {
            // Pasted as it arrives, message and all: the digit boxes keep the digits.
            QGuiApplication::clipboard()->setText(QStringLiteral("Your Sesame code: %1").arg(server.latestCode(phone)));
            app->press(Qt::Key_V, Qt::ControlModifier);
        } else {
            enterCode(*app, server.latestCode(phone));
        }
        const QString name = language == u"ru" ? QStringLiteral("Айгерим Садыкова") : QStringLiteral("Aigerim Sadykova");
        const QString shop = language == u"ru" ? QStringLiteral("Цветы на Абая") : QStringLiteral("Flowers on Abay");
        QVERIFY(app->waitForScreen(QStringLiteral("profile")));
        CAPTURE_SCREEN(*app, "profile", {"nameField", "shopNameField", "languageBox", "currencyBox", "termsCheck",
                                         "saveProfileButton"});
        fillProfile(*app, name, shop);

        QVERIFY(app->waitForScreen(QStringLiteral("home")));
        const QString revoke = QStringLiteral("revoke_") + tablet.sessionId;
        QVERIFY(app->waitForItem(revoke));
        QVERIFY(app->waitForItem(QStringLiteral("thisDeviceLabel")));
        QCOMPARE(app->text(QStringLiteral("heading")), shop);
        QVERIFY(app->text(QStringLiteral("accountLabel")).contains(name));
        QVERIFY(app->text(QStringLiteral("accountLabel")).contains(QStringLiteral("+7700***") + phone.right(4)));
        QVERIFY(!app->text(QStringLiteral("accountLabel")).contains(phone));
        CAPTURE_SCREEN(*app, "home", {"heading", "planLabel", "accountLabel", "sessionsList", "thisDeviceLabel",
                                      "signOutButton", "signOutEverywhereButton"});
        // The profile reached the server (PATCH /v1/me), as the tablet sees it.
        const QJsonObject me = server.call("GET", QStringLiteral("/v1/me"), {}, tablet.accessToken).json();
        QCOMPARE(me[u"user"][u"name"].toString(), name);
        QCOMPARE(me[u"shop"][u"name"].toString(), shop);

        QVERIFY(app->click(revoke));
        QVERIFY(app->waitFor([&] { return app->find(revoke) == nullptr; }));
        QCOMPARE(server.call("GET", QStringLiteral("/v1/me"), {}, tablet.accessToken).status, 401);

        // Restart: straight back home from the keychain.
        app = std::make_unique<AppDriver>(options(server.url(), language));
        QVERIFY(app->start());
        QVERIFY(app->waitForScreen(QStringLiteral("home")));
        for (const QString& screen : app->screensShown()) {
            QVERIFY2(screen == u"restoring" || screen == u"home", qPrintable(screen));
        }
        QCOMPARE(app->text(QStringLiteral("heading")), shop);

        QVERIFY(app->click(QStringLiteral("signOutButton")));
        QVERIFY(app->waitForScreen(QStringLiteral("phone")));

        // Signed out: a restart asks for the phone again.
        app = std::make_unique<AppDriver>(options(server.url(), language));
        QVERIFY(app->start());
        QVERIFY(app->waitForScreen(QStringLiteral("phone")));
        QVERIFY(!app->screensShown().contains(QStringLiteral("home")));
    }

    void restoreOfflineAndExpiry_data() { languages(); }
    // A stored session: restoring (the server silent), offline (the server
    // gone), back online with Retry, then the session ended elsewhere ->
    // phone entry with a message.
    void restoreOfflineAndExpiry() {
        QFETCH(QString, language);
        if (keyring() != u"unlocked") {
            QSKIP("needs an unlocked keyring");
        }
        sesame::test::MockServer server;
        QVERIFY(server.start());
        sesame::test::TcpRelay relay(server.port());
        QVERIFY(relay.listen());
        const QString phone = phoneFor(2, language);
        QVERIFY(sesame::apptest::signInWithSdk(server, relay.url(), phone, QStringLiteral("Dana"),
                                                QStringLiteral("Dana's Books")));

        relay.setSilent(true);
        AppDriver app(options(relay.url(), language));
        QVERIFY(app.start());
        QVERIFY(app.waitForScreen(QStringLiteral("restoring")));
        CAPTURE_SCREEN(app, "restoring", {"restoringIndicator", "heading"});

        relay.setDown(true);
        QVERIFY(app.waitForScreen(QStringLiteral("home")));
        QVERIFY(app.waitForItem(QStringLiteral("connectionBanner")));
        QMetaObject::invokeMethod(app.auth(), "refreshNow");  // as the refresh timer would
        QVERIFY(app.waitFor([&] { return status(app) == kOffline; }));
        CAPTURE_SCREEN(app, "offline", {"connectionBanner", "noticeAction", "heading"});

        relay.setSilent(false);
        relay.setDown(false);
        QVERIFY(app.click(QStringLiteral("noticeAction")));
        QVERIFY(app.waitFor([&] { return status(app) == kSignedIn && !app.find(QStringLiteral("connectionBanner")); }));
        QVERIFY(app.waitForItem(QStringLiteral("thisDeviceLabel")));

        // Signed out from another device ("sign out all other devices").
        const auto other = sesame::apptest::signInElsewhere(server, phone, QStringLiteral("Dana's phone"));
        QCOMPARE(server.call("POST", QStringLiteral("/v1/logout"), R"({"scope":"others"})", other.accessToken).status,
                 204);
        QMetaObject::invokeMethod(app.auth(), "refreshNow");  // as coming back to the app would
        QVERIFY(app.waitForScreen(QStringLiteral("phone")));
        QVERIFY(app.waitForItem(QStringLiteral("errorBanner")));
        CAPTURE_SCREEN(app, "session-expired", {"errorBanner", "numberField"});
    }

    void rateLimited_data() { languages(); }
    // A second code within the hour is refused: a countdown, Get code disabled.
    void rateLimited() {
        QFETCH(QString, language);
        if (keyring() != u"unlocked") {
            QSKIP("needs an unlocked keyring");
        }
        sesame::test::MockServer server({"--per-phone-per-hour", "1", "--resend-cooldown", "0"});
        QVERIFY(server.start());
        const QString phone = phoneFor(3, language);
        AppDriver app(options(server.url(), language));
        QVERIFY(app.start());
        enterPhone(app, phone);
        QVERIFY(app.waitForScreen(QStringLiteral("code")));
        goBack(app);
        QVERIFY(app.waitForScreen(QStringLiteral("phone")));
        QCOMPARE(app.text(QStringLiteral("numberField")), QStringLiteral("8 700 123 %1").arg(phone.right(4)));
        submit(app, QStringLiteral("sendCodeButton"));
        QVERIFY(app.waitForItem(QStringLiteral("rateLimitLabel")));
        QVERIFY(!app.find(QStringLiteral("sendCodeButton"))->isEnabled());
        CAPTURE_SCREEN(app, "rate-limited", {"rateLimitLabel", "errorBanner", "sendCodeButton"});
    }

    void channelsAndExpiry_data() { languages(); }
    // A code by Telegram, then "send by SMS instead", then the code expires
    // on screen and a new one is asked for.
    void channelsAndExpiry() {
        QFETCH(QString, language);
        if (keyring() != u"unlocked") {
            QSKIP("needs an unlocked keyring");
        }
        sesame::test::MockServer server({"--code-ttl", "3", "--resend-cooldown", "0"});
        QVERIFY(server.start());
        const QString phone = phoneFor(6, language);
        AppDriver app(options(server.url(), language));
        QVERIFY(app.start());
        typePhone(app, phone);
        if (kDesktop) {
            app.press(Qt::Key_Tab);  // "Any way"
            app.press(Qt::Key_Tab);  // "Telegram"
            app.press(Qt::Key_Space);
        } else {
            QVERIFY(app.click(QStringLiteral("channel1")));
        }
        QVERIFY(app.find(QStringLiteral("channel1"))->property("checked").toBool());
        submit(app, QStringLiteral("sendCodeButton"));
        QVERIFY(app.waitForScreen(QStringLiteral("code")));
        QVERIFY(app.waitForItem(QStringLiteral("smsInsteadButton")));
        const QString byTelegram = app.text(QStringLiteral("description"));
        QVERIFY(byTelegram.contains(QStringLiteral("Telegram")));
        CAPTURE_SCREEN(app, "code-telegram", {"codeField", "smsInsteadButton", "resendButton"});

        QVERIFY(app.click(QStringLiteral("smsInsteadButton")));
        QVERIFY(app.waitFor([&] { return app.find(QStringLiteral("smsInsteadButton")) == nullptr; }));
        QVERIFY(app.text(QStringLiteral("description")).contains(QStringLiteral("SMS")));

        // The code's three seconds run out on screen.
        QVERIFY(app.waitFor([&] { return !app.find(QStringLiteral("codeField"))->isEnabled(); }, 10'000));
        QVERIFY(app.find(QStringLiteral("resendButton"))->isEnabled());
        CAPTURE_SCREEN(app, "code-expired", {"expiryLabel", "resendButton"});
        QVERIFY(app.click(QStringLiteral("resendButton")));
        QVERIFY(app.waitFor([&] { return app.find(QStringLiteral("codeField"))->isEnabled(); }));
    }

    void telegramLink_data() { languages(); }
    // The Telegram link screen inside the flow: phone -> Telegram link ->
    // "I have the code" -> code entry -> back -> Telegram link -> back ->
    // phone. The answer comes from TelegramLinkStub (mock mode never sends
    // telegram_link); playing the Telegram user needs the full server with
    // the fake Telegram.
    void telegramLink() {
        QFETCH(QString, language);
        if (keyring() != u"unlocked") {
            QSKIP("needs an unlocked keyring");
        }
        sesame::apptest::TelegramLinkStub server;
        QVERIFY(server.listen());
        AppDriver app(options(server.url(), language));
        QVERIFY(app.start());
        enterPhone(app, QStringLiteral("+77001230701"));
        QVERIFY(app.waitForScreen(QStringLiteral("telegram")));
        QVERIFY(app.text(QStringLiteral("linkText")).contains(sesame::apptest::TelegramLinkStub::link().toString()));
        CAPTURE_SCREEN(app, "telegram-link", {"openTelegramButton", "telegramProgress", "linkText", "haveCodeButton",
                                              "smsInsteadButton", "changeNumberButton"});
        QVERIFY(app.click(QStringLiteral("haveCodeButton")));
        QVERIFY(app.waitForScreen(QStringLiteral("code")));
        QVERIFY(app.text(QStringLiteral("description")).contains(QStringLiteral("Telegram")));
        goBack(app);
        QVERIFY(app.waitForScreen(QStringLiteral("telegram")));
        goBack(app);
        QVERIFY(app.waitForScreen(QStringLiteral("phone")));
        QCOMPARE(app.text(QStringLiteral("numberField")), QStringLiteral("8 700 123 0701"));
    }

    void telegramJourney_data() { languages(); }
    // The Telegram bot for real: the full server whose bot polls the fake
    // Telegram (telegram_world.mjs starts both). The person joins Telegram,
    // the app sends them to the bot, they open the link and share their
    // contact there, read the code in the chat and type it into the app; the
    // code message is deleted once the code is used.
    void telegramJourney() {
        QFETCH(QString, language);
        const QUrl server(qEnvironmentVariable("SESAME_E2E_SERVER_URL"));
        const QUrl control(qEnvironmentVariable("SESAME_E2E_TELEGRAM_URL"));
        if (server.isEmpty() || control.isEmpty() || keyring() != u"unlocked") {
            QSKIP("needs the full server, the fake Telegram (telegram_world.mjs) and an unlocked keyring");
        }
        const QString phone = phoneFor(8, language);
        sesame::apptest::TelegramUser person(control);
        QVERIFY(person.join(phone));
        AppDriver app(options(server, language));
        QVERIFY(app.start());
        enterPhone(app, phone);
        QVERIFY(app.waitForScreen(QStringLiteral("telegram")));
        const auto link = QRegularExpression(QStringLiteral("https://t\\.me/\\S+[A-Za-z0-9_-]"))
                              .match(app.text(QStringLiteral("linkText")));
        QVERIFY2(link.hasMatch(), qPrintable(app.text(QStringLiteral("linkText"))));
        CAPTURE_SCREEN(app, "telegram-waiting", {"openTelegramButton", "telegramProgress", "haveCodeButton"});
        QVERIFY(person.opens(QUrl(link.captured())));
        QVERIFY(person.sharesContact());
        QString code;
        QVERIFY(app.waitFor([&] { return !(code = person.latestCode()).isEmpty(); }));
        QVERIFY(app.click(QStringLiteral("haveCodeButton")));
        enterCode(app, code);
        QVERIFY(app.waitForScreen(QStringLiteral("profile")));
        QVERIFY(app.waitFor([&] { return person.codeMessageDeleted(code); }));
        fillProfile(app, QStringLiteral("Aigerim"), QStringLiteral("Telegram Flowers"));
        QVERIFY(app.waitForScreen(QStringLiteral("home")));
        CAPTURE_SCREEN(app, "home-telegram", {"thisDeviceLabel"});
        QVERIFY(app.click(QStringLiteral("signOutButton")));  // the other language's run starts signed out
        QVERIFY(app.waitForScreen(QStringLiteral("phone")));
    }

    void largeText_data() { languages(); }
    // Every screen of a login at 200 % text: nothing cut off or off-window.
    void largeText() {
        QFETCH(QString, language);
        if (keyring() != u"unlocked") {
            QSKIP("needs an unlocked keyring");
        }
        sesame::test::MockServer server;
        QVERIFY(server.start());
        const QString phone = phoneFor(4, language);
        AppDriver app(options(server.url(), language, 2.0));
        QVERIFY(app.start());
        QVERIFY(app.waitForScreen(QStringLiteral("phone")));
        CAPTURE_SCREEN(app, "phone-200", {"numberField", "sendCodeButton"});
        enterPhone(app, phone);
        QVERIFY(app.waitForScreen(QStringLiteral("code")));
        CAPTURE_SCREEN(app, "code-200", {"codeField", "resendButton"});
        enterCode(app, server.latestCode(phone));
        QVERIFY(app.waitForScreen(QStringLiteral("profile")));
        CAPTURE_SCREEN(app, "profile-200", {"nameField", "saveProfileButton"});
        fillProfile(app, QStringLiteral("Marat"), QStringLiteral("Marat's Hardware"));
        QVERIFY(app.waitForScreen(QStringLiteral("home")));
        QVERIFY(app.waitForItem(QStringLiteral("thisDeviceLabel")));
        CAPTURE_SCREEN(app, "home-200", {"heading", "signOutButton"});
    }

    void languageSwitch() {
        if (keyring() != u"unlocked") {
            QSKIP("needs an unlocked keyring");
        }
        const QUrl nowhere(QStringLiteral("http://127.0.0.1:9"));
        auto app = std::make_unique<AppDriver>(options(nowhere, QString{}));
        QVERIFY(app->start());
        QVERIFY(app->waitForScreen(QStringLiteral("phone")));
        const QString english = app->text(QStringLiteral("heading"));
        QCOMPARE(english, QStringLiteral("Sign in"));
        QVERIFY(app->click(kDesktop ? QStringLiteral("languageSwitch") : QStringLiteral("languageButton")));
        QVERIFY(app->waitFor([&] { return app->findText(QStringLiteral("Русский")) != nullptr; }));
        QVERIFY(app->click(app->findText(QStringLiteral("Русский"))));
        QVERIFY(app->waitFor([&] { return app->text(QStringLiteral("heading")) == u"Вход"; }));
        // Remembered across a restart.
        app = std::make_unique<AppDriver>(options(nowhere, QString{}));
        QVERIFY(app->start());
        QVERIFY(app->waitForScreen(QStringLiteral("phone")));
        QCOMPARE(app->text(QStringLiteral("heading")), QStringLiteral("Вход"));
    }

    void keyringUnavailable_data() { languages(); }
    // No keychain at all: an explanation, and signing in still works.
    void keyringUnavailable() {
        QFETCH(QString, language);
        if (keyring() != u"none") {
            QSKIP("needs a machine without D-Bus (run_in_xvfb.sh no-bus)");
        }
        sesame::test::MockServer server;
        QVERIFY(server.start());
        const QString phone = phoneFor(5, language);
        AppDriver app(options(server.url(), language));
        QVERIFY(app.start());
        QVERIFY(app.waitForScreen(QStringLiteral("phone")));
        QVERIFY(app.waitForItem(QStringLiteral("storageNotice")));
        CAPTURE_SCREEN(app, "keyring-unavailable", {"storageNotice", "numberField"});
        enterPhone(app, phone);
        QVERIFY(app.waitForScreen(QStringLiteral("code")));
        enterCode(app, server.latestCode(phone));
        fillProfile(app, QStringLiteral("Olzhas"), QStringLiteral("Olzhas Tea"));
        QVERIFY(app.waitForScreen(QStringLiteral("home")));
        QVERIFY(app.waitForItem(QStringLiteral("storageNotice")));
        CAPTURE_SCREEN(app, "home-keyring-unavailable", {"storageNotice", "signOutButton"});
    }

    // The screen checks themselves catch what they are for. Last, so that the
    // app under test has set its style before any Qt Quick Controls load.
    void screenChecksCatchProblems() {
        QImage blank(64, 64, QImage::Format_RGB32);
        blank.fill(Qt::white);
        QCOMPARE(sesame::apptest::distinctColours(blank), 1);
        QQmlEngine engine;
        QQmlComponent component(&engine);
        component.setData(R"(
            import QtQuick
            import QtQuick.Controls
            Column {
                TextField { width: 120 }
                Button { width: 120; height: 20; text: "" }
                Label { width: 40; text: "a sentence far too long for its box"; elide: Text.ElideRight }
                Text { width: 40; text: "no wrap, no elide, too long" }
            })", QUrl());
        std::unique_ptr<QObject> object(component.create());
        QQuickWindow window;
        auto* content = qobject_cast<QQuickItem*>(object.get());
        QVERIFY2(content != nullptr, qPrintable(component.errorString()));
        content->setParentItem(window.contentItem());
        window.resize(200, 200);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(sesame::apptest::unnamedControls(window.contentItem()).size(), 2);  // the field and the button
        QCOMPARE(sesame::apptest::smallTouchTargets(window.contentItem(), 48).size(), 2);
        QCOMPARE(sesame::apptest::cutOffTexts(window.contentItem()).size(), 2);
        QVERIFY(sesame::apptest::distinctColours(window.grabWindow()) > 1);
    }
};

QTEST_MAIN(AppEndToEnd)
#include "tst_app_e2e.moc"
