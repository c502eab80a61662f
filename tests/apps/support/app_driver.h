#pragma once
// One run of a login app under test: its own Main.qml, loaded through the
// app's own launcher (sesame::screens::loadApp with thisApp()), in a real
// window, driven with real input events (QTest mouse and key events go through
// the window system interface like a person's). "Waiting" always means the
// event loop runs until a condition holds, never a sleep.

#include "app_launcher.h"

#include <QtCore/QObject>
#include <QtCore/QStringList>
#include <QtCore/QUrl>

#include <functional>
#include <memory>

class QQmlApplicationEngine;
class QQuickItem;
class QQuickWindow;

namespace sesame::apptest {

inline constexpr int kWaitMs = 15'000;

// The names of the screens the login flow showed, in order.
class ScreenLog : public QObject {
    Q_OBJECT
public:
    QStringList shown;
public Q_SLOTS:
    void record(const QString& screen) { shown << screen; }
};

class AppDriver {
public:
    struct Options {
        QUrl server;
        QString language;       // "" : the app's own choice (saved, else the system's)
        double textScale = 1;
        QString screenshotDir;  // where capture() saves <name>.png
        int minTouchTarget = 0;  // capture() fails on a control lower than this
    };

    explicit AppDriver(Options options);
    ~AppDriver();
    AppDriver(const AppDriver&) = delete;
    AppDriver& operator=(const AppDriver&) = delete;

    // Loads the app and waits until its window is on screen and active.
    bool start();
    // The app quits: its engine, window and AuthClient are destroyed.
    void stop();

    QQuickWindow* window() const { return window_; }
    QObject* auth() const;  // the app's AuthClient (objectName "authClient")
    QQuickItem* flow() const;  // the LoginFlow (objectName "loginFlow")
    QString screen() const;
    QStringList screensShown() const { return log_.shown; }

    // The visible item called `objectName`, or null.
    QQuickItem* find(const QString& objectName) const;
    // The visible item whose `text` property is `text`, or null.
    QQuickItem* findText(const QString& text) const;
    QString text(const QString& objectName) const;

    bool waitFor(const std::function<bool()>& condition, int timeoutMs = kWaitMs) const;
    // Waits until `name` is the flow's current screen and no transition runs.
    bool waitForScreen(const QString& name, int timeoutMs = kWaitMs) const;
    bool waitForItem(const QString& objectName, int timeoutMs = kWaitMs) const;
    // Waits until the keyboard focus is in the item called `objectName`.
    bool waitForFocus(const QString& objectName, int timeoutMs = kWaitMs) const;

    // A left click in the middle of the item, scrolled into view first.
    bool click(const QString& objectName);
    bool click(QQuickItem* item);
    // Typed key by key, any script (each key event carries its text).
    void type(const QString& text);
    void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier);
    // Selects everything in the focused field and types `text` over it.
    void retype(const QString& text);

    // Saves a screenshot as <screenshotDir>/<name>.png and checks the screen:
    // not blank, `required` items visible, every control named for
    // accessibility, touch targets high enough, no text cut off or wider
    // than the window. Returns what is wrong (empty: all good).
    QStringList capture(const QString& name, const QStringList& required);

private:
    void scrollIntoView(QQuickItem* item);

    Options options_;
    std::unique_ptr<QQmlApplicationEngine> engine_;
    QQuickWindow* window_ = nullptr;
    ScreenLog log_;
};

}  // namespace sesame::apptest
