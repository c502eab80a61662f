#include "client/app_state_watcher.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QMetaMethod>
#include <QtNetwork/QNetworkInformation>

namespace sesame {

AppStateWatcher::AppStateWatcher(std::function<void()> onWake, QObject* parent)
    : QObject(parent), onWake_(std::move(onWake)) {
    if (auto* app = QCoreApplication::instance()) {
        const QMetaObject* meta = app->metaObject();
        const int signal = meta->indexOfSignal("applicationStateChanged(Qt::ApplicationState)");
        if (signal >= 0) {
            const int slot = metaObject()->indexOfSlot("applicationStateChanged(Qt::ApplicationState)");
            QObject::connect(app, meta->method(signal), this, metaObject()->method(slot));
        }
    }
    if (QNetworkInformation::instance() || QNetworkInformation::loadBackendByFeatures(
                                               QNetworkInformation::Feature::Reachability)) {
        QObject::connect(QNetworkInformation::instance(), &QNetworkInformation::reachabilityChanged, this,
                         [this](QNetworkInformation::Reachability reachability) {
                             if (reachability == QNetworkInformation::Reachability::Online) {
                                 onWake_();
                             }
                         });
    }
}

void AppStateWatcher::applicationStateChanged(Qt::ApplicationState state) {
    if (state == Qt::ApplicationActive) {
        onWake_();
    }
}

}  // namespace sesame
