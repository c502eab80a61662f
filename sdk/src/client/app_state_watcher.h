#pragma once
// Tells the client when to look at its session again: the application came
// back to the foreground (QGuiApplication::applicationStateChanged, found at
// run time so the SDK needs no Qt Gui) or the network became reachable
// (QNetworkInformation, where the platform has a backend).

#include <QtCore/QObject>

#include <functional>

namespace sesame {

class AppStateWatcher : public QObject {
    Q_OBJECT

public:
    AppStateWatcher(std::function<void()> onWake, QObject* parent);

private Q_SLOTS:
    void applicationStateChanged(Qt::ApplicationState state);

private:
    std::function<void()> onWake_;
};

}  // namespace sesame
