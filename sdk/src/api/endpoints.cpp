#include "api/endpoints.h"

namespace sesame::endpoints {

QNetworkRequest request(const QUrl& server, const QString& path) {
    QUrl url = server.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash);
    url.setPath(url.path() + path);
    return QNetworkRequest{url};
}

}  // namespace sesame::endpoints
