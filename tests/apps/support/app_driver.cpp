#include "support/app_driver.h"

#include "support/screen_checks.h"

#include <QtCore/QDir>
#include <QtQml/QQmlApplicationEngine>
#include <QtQuick/QQuickItem>
#include <QtQuick/QQuickWindow>
#include <QtTest/QTest>

namespace sesame::apptest {
namespace {

QQuickItem* findIn(QQuickItem* root, const std::function<bool(QQuickItem*)>& match) {
    for (QQuickItem* item : visibleItems(root)) {
        if (match(item)) {
            return item;
        }
    }
    return nullptr;
}

QQuickItem* enclosingFlickable(QQuickItem* item) {
    for (QQuickItem* parent = item->parentItem(); parent != nullptr; parent = parent->parentItem()) {
        if (parent->inherits("QQuickFlickable")) {
            return parent;
        }
    }
    return nullptr;
}

}  // namespace

AppDriver::AppDriver(Options options) : options_(std::move(options)) {}

AppDriver::~AppDriver() { stop(); }

bool AppDriver::start() {
    screens::LaunchOptions launch;
    launch.serverUrl = options_.server;
    launch.language = options_.language;
    launch.textScale = options_.textScale;
    engine_ = screens::loadApp(screens::thisApp(), launch);
    if (!engine_) {
        return false;
    }
    window_ = qobject_cast<QQuickWindow*>(engine_->rootObjects().constFirst());
    QQuickItem* loginFlow = flow();
    if (loginFlow == nullptr) {
        qWarning("the app has no LoginFlow called loginFlow");
        return false;
    }
    log_.shown = QStringList{screen()};
    QObject::connect(loginFlow, SIGNAL(screenShown(QString)), &log_, SLOT(record(QString)));
    window_->setPosition(0, 0);
    window_->requestActivate();
    return QTest::qWaitForWindowExposed(window_) && QTest::qWaitForWindowActive(window_);
}

void AppDriver::stop() {
    window_ = nullptr;
    engine_.reset();
}

QObject* AppDriver::auth() const {
    return window_ != nullptr ? window_->findChild<QObject*>(QStringLiteral("authClient")) : nullptr;
}

QQuickItem* AppDriver::flow() const {
    if (window_ == nullptr) {
        return nullptr;
    }
    return findIn(window_->contentItem(), [](QQuickItem* item) { return item->objectName() == u"loginFlow"; });
}

QString AppDriver::screen() const {
    QQuickItem* loginFlow = flow();
    return loginFlow != nullptr ? loginFlow->property("screenName").toString() : QString{};
}

QQuickItem* AppDriver::find(const QString& objectName) const {
    if (window_ == nullptr) {
        return nullptr;
    }
    return findIn(window_->contentItem(), [&](QQuickItem* item) { return item->objectName() == objectName; });
}

QQuickItem* AppDriver::findText(const QString& text) const {
    if (window_ == nullptr) {
        return nullptr;
    }
    return findIn(window_->contentItem(), [&](QQuickItem* item) {
        return isControl(item) && item->property("text").toString() == text;
    });
}

QString AppDriver::text(const QString& objectName) const {
    QQuickItem* item = find(objectName);
    return item != nullptr ? item->property("text").toString() : QString{};
}

bool AppDriver::waitFor(const std::function<bool()>& condition, int timeoutMs) const {
    return QTest::qWaitFor(condition, timeoutMs);
}

bool AppDriver::waitForScreen(const QString& name, int timeoutMs) const {
    const bool shown = waitFor([&] { return screen() == name && !flow()->property("busy").toBool(); }, timeoutMs);
    if (!shown) {
        qWarning("waited for the %s screen; the app shows %s", qPrintable(name), qPrintable(screen()));
    }
    return shown;
}

bool AppDriver::waitForItem(const QString& objectName, int timeoutMs) const {
    const bool found = waitFor([&] { return find(objectName) != nullptr; }, timeoutMs);
    if (!found) {
        qWarning("waited for a visible %s on the %s screen", qPrintable(objectName), qPrintable(screen()));
    }
    return found;
}

bool AppDriver::waitForFocus(const QString& objectName, int timeoutMs) const {
    const bool focused = waitFor(
        [&] {
            const QQuickItem* target = find(objectName);
            for (QQuickItem* item = window_->activeFocusItem(); item != nullptr && target != nullptr;
                 item = item->parentItem()) {
                if (item == target) {
                    return true;
                }
            }
            return false;
        },
        timeoutMs);
    if (!focused) {
        qWarning("waited for the focus in %s on the %s screen", qPrintable(objectName), qPrintable(screen()));
    }
    return focused;
}

bool AppDriver::click(const QString& objectName) {
    QQuickItem* item = find(objectName);
    if (item == nullptr) {
        qWarning("nothing visible called %s to click on the %s screen", qPrintable(objectName), qPrintable(screen()));
        return false;
    }
    return click(item);
}

bool AppDriver::click(QQuickItem* item) {
    scrollIntoView(item);
    const QPoint centre = item->mapToScene(QPointF(item->width() / 2, item->height() / 2)).toPoint();
    if (!QRect(QPoint(0, 0), window_->size()).contains(centre)) {
        qWarning("%s is outside the window", qPrintable(describe(item)));
        return false;
    }
    QTest::mouseClick(window_, Qt::LeftButton, Qt::NoModifier, centre);
    return true;
}

void AppDriver::type(const QString& text) {
    for (const QChar character : text) {
        const auto key = character.isDigit() ? Qt::Key(Qt::Key_0 + character.digitValue()) : Qt::Key_unknown;
        QTest::sendKeyEvent(QTest::Click, window_, key, QString(character), Qt::NoModifier);
    }
}

void AppDriver::press(Qt::Key key, Qt::KeyboardModifiers modifiers) { QTest::keyClick(window_, key, modifiers); }

void AppDriver::retype(const QString& text) {
    press(Qt::Key_A, Qt::ControlModifier);
    press(Qt::Key_Backspace);
    type(text);
}

QStringList AppDriver::capture(const QString& name, const QStringList& required) {
    QStringList problems;
    if (!waitFor([&] { return !flow()->property("busy").toBool(); })) {
        problems << QStringLiteral("a screen transition never ended");
    }
    const QImage image = window_->grabWindow();
    QDir().mkpath(options_.screenshotDir);
    const QString path = options_.screenshotDir + u'/' + name + QStringLiteral(".png");
    if (!image.save(path)) {
        problems << QStringLiteral("could not save %1").arg(path);
    }
    // Text, borders and a highlighted button give any real screen dozens of colours.
    constexpr int kMinColours = 16;
    if (const int colours = distinctColours(image); colours < kMinColours) {
        problems << QStringLiteral("the screen is blank (%1 colours)").arg(colours);
    }
    for (const QString& objectName : required) {
        if (find(objectName) == nullptr) {
            problems << QStringLiteral("%1 is missing").arg(objectName);
        }
    }
    problems += unnamedControls(window_->contentItem());
    if (options_.minTouchTarget > 0) {
        problems += smallTouchTargets(window_->contentItem(), options_.minTouchTarget);
    }
    problems += cutOffTexts(window_->contentItem());
    for (QString& problem : problems) {
        problem.prepend(name + QStringLiteral(": "));
    }
    return problems;
}

void AppDriver::scrollIntoView(QQuickItem* item) {
    QQuickItem* flickable = enclosingFlickable(item);
    if (flickable == nullptr) {
        return;
    }
    auto* content = flickable->property("contentItem").value<QQuickItem*>();
    const qreal top = item->mapToItem(content, QPointF(0, 0)).y();
    const qreal most = std::max(0.0, flickable->property("contentHeight").toReal() - flickable->height());
    const qreal wanted = std::clamp(top + item->height() / 2 - flickable->height() / 2, 0.0, most);
    if (!qFuzzyCompare(wanted + 1, flickable->property("contentY").toReal() + 1)) {
        flickable->setProperty("contentY", wanted);
        window_->grabWindow();  // a frame with the new position, so clicks land where it is drawn
    }
}

}  // namespace sesame::apptest
